package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The exports of the tools campaigns come from, as the tools write them, read with no mapping.
 * Each fixture under {@code imports/exports/} was written from the tool's own documentation of its
 * columns (the source is named above each test), not from our aliases; the values are made up.
 */
class ToolExportsTest {

    /**
     * NationBuilder people export: the field names of NationBuilder's import and export help
     * ("Fields available for import", support.nationbuilder.com): first_name, last_name, email,
     * email_opt_in, phone_number, mobile_number, the primary_ address columns, tag_list.
     */
    @Test
    void nationBuilder() throws IOException {
        List<ParsedRow.Valid> rows = read("nationbuilder.csv");
        ImportRow lea = rows.get(0).row();
        assertThat(lea.email().value()).isEqualTo("lea.dubois@example.org");
        assertThat(List.of(lea.firstName(), lea.lastName())).containsExactly("Léa", "Dubois");
        assertThat(lea.phone()).as("phone_number is empty: mobile_number is next").isEqualTo("+33612345678");
        assertThat(List.of(lea.street(), lea.postcode(), lea.city())).containsExactly("12 rue des Lilas", "33000", "Bordeaux");
        assertThat(lea.attributes()).containsEntry("primary_address2", "Bâtiment B");
        assertThat(lea.tags()).containsExactly("bénévole", "porte-à-porte");
        assertThat(lea.optedOut()).isFalse();
        ImportRow marc = rows.get(1).row();
        assertThat(marc.phone()).isEqualTo("+33556000002");
        assertThat(marc.optedOut()).as("email_opt_in false").isTrue();
    }

    /**
     * Mailchimp audience export (a zip of subscribed, unsubscribed and cleaned CSVs): "Email
     * Address", the default merge fields "First Name", "Last Name", "Address" (one cell, parts
     * separated by two spaces), "Phone Number", then MEMBER_RATING, OPTIN_TIME ... LEID, EUID,
     * NOTES, TAGS (each tag quoted); the unsubscribed file adds UNSUB_TIME and its campaign and reason.
     */
    @Test
    void mailchimpAudienceExport() throws IOException {
        ImportRow lea = read("mailchimp-subscribed.csv").get(0).row();
        assertThat(lea.email().value()).isEqualTo("lea.dubois@example.org");
        assertThat(List.of(lea.firstName(), lea.lastName())).containsExactly("Léa", "Dubois");
        assertThat(lea.phone()).isEqualTo("+33612345678");
        assertThat(lea.street()).as("Mailchimp's address is one cell").isEqualTo("12 rue des Lilas  Bordeaux  Nouvelle-Aquitaine  33000  FR");
        assertThat(lea.tags()).containsExactly("bénévole", "porte-à-porte");
        assertThat(lea.optedOut()).isFalse();

        ImportRow marc = read("mailchimp-unsubscribed.csv").get(0).row();
        assertThat(marc.tags()).containsExactly("donateur");
        assertThat(marc.optedOut()).as("UNSUB_TIME filled").isTrue();
    }

    /**
     * Action Network activist download: uuid, first_name, last_name, email, zip_code, the can2_
     * columns (can2_phone, can2_user_address, can2_user_city, can2_user_tags joined by ", ",
     * can2_subscription_status, can2_sms_status), as Action Network's report downloads name them.
     */
    @Test
    void actionNetwork() throws IOException {
        List<ParsedRow.Valid> rows = read("action-network.csv");
        ImportRow lea = rows.get(0).row();
        assertThat(List.of(lea.email().value(), lea.firstName(), lea.lastName())).containsExactly("lea.dubois@example.org", "Léa", "Dubois");
        assertThat(lea.phone()).isEqualTo("+33612345678");
        assertThat(List.of(lea.street(), lea.postcode(), lea.city())).containsExactly("12 rue des Lilas", "33000", "Bordeaux");
        assertThat(lea.tags()).containsExactly("bénévole", "porte-à-porte");
        assertThat(lea.optedOut()).as("subscribed by email; the SMS status is not ours").isFalse();
        assertThat(rows.get(1).row().optedOut()).isTrue();
    }

    /**
     * Brevo contact export of a French account: the default attributes EMAIL, PRENOM and NOM
     * (FIRSTNAME and LASTNAME in an English account), SMS, LANDLINE_NUMBER (Brevo help, "Format your
     * contact import file"), ADDED_TIME, MODIFIED_TIME, and the blocklist flags of the export's
     * subscription status. Semicolons, CRLF. Brevo has no default address nor tag attribute.
     */
    @Test
    void brevo() throws IOException {
        List<ParsedRow.Valid> rows = read("brevo.csv");
        ImportRow lea = rows.get(0).row();
        assertThat(List.of(lea.email().value(), lea.firstName(), lea.lastName())).containsExactly("lea.dubois@example.org", "Léa", "Dubois");
        assertThat(lea.phone()).as("the country code without +").isEqualTo("+33612345678");
        assertThat(lea.optedOut()).isFalse();
        ImportRow marc = rows.get(1).row();
        assertThat(marc.phone()).as("SMS empty: LANDLINE_NUMBER is next").isEqualTo("+33556000002");
        assertThat(marc.optedOut()).as("EMAIL_BLACKLISTED true").isTrue();
    }

    /**
     * listmonk subscriber export: uuid, email, name, attributes (JSON), status, created_at,
     * updated_at, the header its export handler writes; it exports neither lists nor a phone.
     */
    @Test
    void listmonk() throws IOException {
        List<ParsedRow.Valid> rows = read("listmonk.csv");
        ImportRow lea = rows.get(0).row();
        assertThat(lea.email().value()).isEqualTo("lea.dubois@example.org");
        assertThat(List.of(lea.firstName(), lea.lastName())).as("one name cell, given name first").containsExactly("Léa", "Dubois");
        assertThat(lea.attributes()).containsEntry("attributes", "{\"city\": \"Bordeaux\"}");
        assertThat(lea.optedOut()).as("enabled").isFalse();
        assertThat(rows.get(1).row().optedOut()).as("blocklisted").isTrue();
    }

    /**
     * Google Contacts "Google CSV" export: First Name, Middle Name, Last Name ... Labels (joined by
     * " ::: ", every contact in "* myContacts"), then numbered groups "E-mail 1 - Label/Value",
     * "Phone 1 - Label/Value", "Address 1 - Formatted/Street/City/PO Box/Region/Postal Code/Country".
     * The older layout has Name, Given Name, Family Name and Group Membership instead.
     */
    @Test
    void googleContacts() throws IOException {
        for (String file : List.of("google-contacts.csv", "google-contacts-legacy.csv")) {
            ImportRow lea = read(file).get(0).row();
            assertThat(List.of(lea.email().value(), lea.firstName(), lea.lastName())).as(file)
                    .containsExactly("lea.dubois@example.org", "Léa", "Dubois");
            assertThat(lea.phone()).as(file).isEqualTo("+33612345678");
            assertThat(List.of(lea.street(), lea.postcode(), lea.city())).as(file).containsExactly("12 rue des Lilas", "33000", "Bordeaux");
            assertThat(lea.tags()).as(file + ": the system label left out").startsWith("bénévole").doesNotContain("mycontacts");
        }
        assertThat(read("google-contacts.csv").get(0).warnings()).as("the system label is no warning").isEmpty();
    }

    /**
     * Outlook CSV export: the column list of Microsoft's "Create or edit .csv files to import into
     * Outlook" (First Name ... E-mail Address, Home Phone ... Mobile Phone, the Business, Home and
     * Other address groups ... Categories, joined by ';').
     */
    @Test
    void outlook() throws IOException {
        ImportRow lea = read("outlook.csv").get(0).row();
        assertThat(List.of(lea.email().value(), lea.firstName(), lea.lastName())).containsExactly("lea.dubois@example.org", "Léa", "Dubois");
        assertThat(lea.phone()).as("Home Phone empty: Mobile Phone is next").isEqualTo("+33612345678");
        assertThat(List.of(lea.street(), lea.postcode(), lea.city())).containsExactly("12 rue des Lilas", "33000", "Bordeaux");
        assertThat(lea.tags()).containsExactly("bénévole", "porte-à-porte");
    }

    /** Every data row of the fixture, which must all be imported; the dialect sniffed as an import does. */
    private static List<ParsedRow.Valid> read(String name) throws IOException {
        byte[] bytes;
        try (InputStream in = ToolExportsTest.class.getResourceAsStream("/imports/exports/" + name)) {
            bytes = in.readAllBytes();
        }
        CsvDialect dialect = CsvDialect.sniff(bytes);
        String text = new String(bytes, dialect.bomLength(), bytes.length - dialect.bomLength(), dialect.charset());
        List<CSVRecord> records = CSVParser.parse(text, CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter()).get()).getRecords();
        RowParser parser = new RowParser(ColumnLayout.of(records.get(0).toList(), ImportOptions.NONE));
        List<ParsedRow.Valid> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            ParsedRow row = parser.parse(i + 1, records.get(i).toList());
            assertThat(row).as(name + " row " + i).isInstanceOf(ParsedRow.Valid.class);
            rows.add((ParsedRow.Valid) row);
        }
        return rows;
    }
}
