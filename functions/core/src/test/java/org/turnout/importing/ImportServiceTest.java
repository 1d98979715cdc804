package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.suppression.SuppressionRequest;

/** Real files through the real path: S3 object -> ImportService -> DynamoDB and the report in S3. */
class ImportServiceTest extends ContactImportTestBase {
    @Test
    void frenchWindows1252ExportWithTheUsualDefects() throws IOException {
        ImportSource source = upload("liste.csv", resource("contacts-fr-windows1252.csv"), Map.of());

        ImportService.Run run = imports.run(source, farAway());

        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(run).as("failure: %s", job.failure()).isEqualTo(ImportService.Run.DONE);
        assertThat(List.of(job.rows(), job.created(), job.updated(), job.duplicates(), job.rejected()))
                .containsExactly(10L, 4L, 0L, 1L, 5L);
        assertThat(job.progress().charset()).isEqualTo("windows-1252");
        assertThat(job.progress().delimiter()).isEqualTo(";");

        Contact hugo = contact("hugo.robert@exemple.fr");
        assertThat(hugo.firstName()).isEqualTo("Hugo");
        assertThat(hugo.street()).isEqualTo("84 rue de la République"); // the duplicate's empty address fills nothing
        assertThat(hugo.tags()).containsExactly("donateur", "sympathisant", "bénévole");
        assertThat(hugo.attributes()).containsEntry("Profession", "Boulanger");
        assertThat(hugo.statusValue()).isEqualTo(ContactStatus.IMPORTED);
        assertThat(hugo.station()).isEqualTo("0005");

        Contact marie = contact("marie.oneil@example.org");
        assertThat(marie.lastName()).isEqualTo("O'Neil; \"la grande\"");
        assertThat(marie.street()).isEqualTo("3 rue du Moulin\nBâtiment B");

        List<CSVRecord> report = report(job);
        assertThat(report).extracting(r -> r.get("line")).containsExactly("5", "6", "9", "12", "13");
        assertThat(report).extracting(r -> r.get("reason")).containsExactly("invalid email", "missing email",
                "field too long: street (at most 200 characters)", "invalid email", "invalid email");
        CSVRecord formula = report.get(3);
        assertThat(formula.get("Prénom")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(formula.get("Courriel")).isEqualTo("'=1+1");
    }

    /** The case of issue 12: a ','-delimited export whose "groups" cell separates its values with ';'. */
    @Test
    void aBadTagNeverRejectsThePersonAndTheReportListsItAsAWarning() throws IOException {
        ImportSource source = upload("groups.csv", resource("contacts-groups-in-cells.csv"), Map.of());

        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);

        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(List.of(job.rows(), job.created(), job.rejected(), job.warnings())).containsExactly(4L, 4L, 0L, 2L);
        assertThat(ImportJobView.of(job).warnings()).isEqualTo(2L);
        assertThat(contact("anne.martin@example.org").tags()).containsExactly("bénévoles", "porte-à-porte", "logement");
        assertThat(contact("bruno.petit@example.org").tags()).containsExactly("donateurs");
        assertThat(contact("chloe.roux@example.org").tags()).containsExactly("jeunes", "bénévoles", "transports", "écologie");
        assertThat(contact("david.leroy@example.org").tags()).containsExactly("sympathisants");

        List<CSVRecord> report = report(job);
        assertThat(report).extracting(r -> r.get("line"), r -> r.get("outcome"), r -> r.get("column"), r -> r.get("value"))
                .containsExactly(tuple("3", ImportReport.WARNED, "groups", "#urgent"), tuple("6", ImportReport.WARNED, "groups", "ok!"));
        assertThat(report).allSatisfy(r -> assertThat(r.get("reason")).startsWith("invalid tag"));
        assertThat(report.get(0).get("email")).isEqualTo("bruno.petit@example.org");
    }

    @Test
    void theReportListsEveryRejectedRowInOrderAcrossItsPages() throws IOException {
        int rejectedRows = ImportReport.PAGE_ROWS * 2 + 50;
        StringBuilder csv = new StringBuilder("email,first name\n");
        for (int i = 0; i < rejectedRows; i++) {
            csv.append("kept").append(i).append("@example.org,Kim\n").append("nobody").append(i).append(",Nemo").append(i).append('\n');
        }
        ImportSource source = upload("many-rejected.csv", csv.toString().getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);

        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(job.rejected()).isEqualTo(rejectedRows);
        List<CSVRecord> report = report(job);
        assertThat(report).hasSize(rejectedRows);
        for (int i = 0; i < rejectedRows; i++) {
            assertThat(report.get(i).get("line")).isEqualTo(Integer.toString(2 * i + 3));
            assertThat(report.get(i).get("first name")).isEqualTo("Nemo" + i);
        }
    }

    @Test
    void declaredConsentSourceSubscribesAndNeverRevivesAnUnsubscribedContact() {
        EmailAddress address = EmailAddress.parse("gone@example.org").orElseThrow();
        Contact gone = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .status(ContactStatus.UNSUBSCRIBED.code())
                .build();
        assertThat(contacts.createIfAbsent(gone)).isPresent();

        String csv = "First name,Last name,Email address,Tags\nAna,Lopez,ana@example.org,volunteer\nGone,Away,gone@example.org,volunteer\n";
        ImportSource source = upload("sheet.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("consent-source", "signup-sheet-2026"));
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);

        Contact ana = contact("ana@example.org");
        assertThat(ana.statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(ana.consent().source()).isEqualTo("import:signup-sheet-2026");
        Contact stillGone = contact("gone@example.org");
        assertThat(stillGone.statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(stillGone.tags()).containsExactly("volunteer");
        ImportJob job = jobs.find(org, source.importId()).orElseThrow();
        assertThat(job.created()).isEqualTo(1);
        assertThat(job.updated()).isEqualTo(1);
    }

    /** An Action Network export whose subscription status says unsubscribed: never subscribed by the consent source. */
    @Test
    void anOptOutInTheToolsExportUnsubscribesWhateverTheConsentSource() throws IOException {
        EmailAddress address = EmailAddress.parse("marc.petit@example.org").orElseThrow();
        Contact known = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .status(ContactStatus.SUBSCRIBED.code())
                .build();
        assertThat(contacts.createIfAbsent(known)).isPresent();

        ImportSource source = upload("action-network.csv", resource("exports/action-network.csv"), Map.of("consent-source", "an-2026"));
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);

        Contact lea = contact("lea.dubois@example.org");
        assertThat(lea.statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(lea.tags()).containsExactly("bénévole", "porte-à-porte");
        Contact marc = contact("marc.petit@example.org");
        assertThat(marc.statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(marc.consentHistory()).singleElement().satisfies(change ->
                assertThat(change.reason()).isEqualTo(ContactMerge.OPTED_OUT_IN_FILE));
        assertThat(marc.city()).isEqualTo("Talence");

        ImportSource listmonk = upload("listmonk.csv", resource("exports/listmonk.csv"), Map.of("consent-source", "listmonk-2026"));
        assertThat(imports.run(listmonk, farAway())).isEqualTo(ImportService.Run.DONE);
        assertThat(contact("marc.petit@example.org").statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(contact("lea.dubois@example.org").statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);

        ImportSource newcomer = upload("status.csv", "email,status\nnew.gone@example.org,Désabonné\n".getBytes(StandardCharsets.UTF_8),
                Map.of("consent-source", "sheet-2026"));
        assertThat(imports.run(newcomer, farAway())).isEqualTo(ImportService.Run.DONE);
        Contact gone = contact("new.gone@example.org");
        assertThat(gone.statusValue()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(gone.consent()).isNull();
    }

    @Test
    void suppressedAndErasedAddressesComeInSuppressedWhateverTheConsentSource() {
        suppressions.add(org, new SuppressionRequest("Listed@Example.org", "asked by phone"), "staff@test");
        erasures.put(org, EmailAddress.parse("erased@example.org").orElseThrow(), Instant.now());
        EmailAddress knownAddress = EmailAddress.parse("known.listed@example.org").orElseThrow();
        Contact known = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(knownAddress))
                .email(knownAddress.value())
                .status(ContactStatus.IMPORTED.code())
                .build();
        assertThat(contacts.createIfAbsent(known)).isPresent();
        suppressions.add(org, new SuppressionRequest("known.listed@example.org", "bounced elsewhere"), "staff@test");

        String csv = "email,first name\nlisted@example.org,Lou\nerased@example.org,Eve\nknown.listed@example.org,Kim\nfree@example.org,Fay\n";
        ImportSource source = upload("with-suppressed.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("consent-source", "fete-2026"));
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);

        assertThat(contact("listed@example.org").statusValue()).isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(contact("erased@example.org").statusValue()).isEqualTo(ContactStatus.SUPPRESSED);
        assertThat(contact("known.listed@example.org").statusValue()).isEqualTo(ContactStatus.IMPORTED);
        assertThat(contact("known.listed@example.org").firstName()).isEqualTo("Kim");
        assertThat(contact("free@example.org").statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
        assertThat(suppressions.isSuppressed(org, contact("listed@example.org").contactId())).isTrue();
        assertThat(suppressions.isSuppressed(org, contact("free@example.org").contactId())).isFalse();
    }

    @Test
    void theSameEventTwiceMakesOneJobAndTheSameContacts() {
        ImportSource source = upload("twice.csv", "email\none@example.org\ntwo@example.org\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);
        Contact before = contact("one@example.org");

        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.SKIPPED);
        assertThat(jobs.list(org, 10)).hasSize(1);
        assertThat(contact("one@example.org").version()).isEqualTo(before.version());
    }

    @Test
    void aFileLongerThanOneInvocationContinuesFromItsCheckpoint() {
        StringBuilder csv = new StringBuilder("\uFEFFemail\tfirst_name\n");
        for (int i = 0; i < 1000; i++) {
            csv.append("person").append(i).append("@example.org\tP").append(i).append('\n');
        }
        csv.append("person0@example.org\tAgain\n");
        ImportSource source = upload("long.tsv", csv.toString().getBytes(StandardCharsets.UTF_8), Map.of());

        // a deadline already near: the invocation writes one window, saves its checkpoint and hands over
        assertThat(imports.run(source, Instant.now())).isEqualTo(ImportService.Run.CONTINUE);
        ImportJob halfway = jobs.find(org, source.importId()).orElseThrow();
        assertThat(halfway.status()).isEqualTo(ImportJob.RUNNING);
        assertThat(halfway.rows()).isEqualTo(ImportService.WINDOW_ROWS);

        goOnUntilDone(source, 1);
        assertTheLongFileWasImportedWhole(source);
    }

    @Test
    void aSidecarMappingOverridesTheHeaders() {
        putObject("imports/" + org + "/mapped.csv.mapping.json",
                "{\"consentSource\": \"fete-du-quartier\", \"columns\": {\"Adresse mail\": \"email\", \"Nom\": \"ignore\", \"Quartier\": \"tags\"}}"
                        .getBytes(StandardCharsets.UTF_8), Map.of());
        ImportSource source = upload("mapped.csv", "Adresse mail;Nom;Quartier\nmapped@example.org;Secret;nord\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.DONE);
        Contact mapped = contact("mapped@example.org");
        assertThat(mapped.tags()).containsExactly("nord");
        assertThat(mapped.lastName()).isNull();
        assertThat(mapped.attributes()).isEmpty();
        assertThat(mapped.statusValue()).isEqualTo(ContactStatus.SUBSCRIBED);
    }

    @Test
    void filesThatCannotBeImportedFailTheJobWithAReason() {
        assertFails("empty.csv", new byte[0], "the file is empty");
        assertFails("blank.csv", "\n\n  \n".getBytes(StandardCharsets.UTF_8), "the file is empty");
        assertFails("book.csv", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}, "the file cannot be read as an Excel workbook");
        assertFails("noemail.csv", "Nom;Prénom\nDupont;Jean\n".getBytes(StandardCharsets.UTF_8), "no email column");
        assertFails("runaway.csv", ("email;note\na@example.org;\"" + "x".repeat(1_200_000) + "\n").getBytes(StandardCharsets.UTF_8),
                "runs on past 1 MiB");
    }

    private void assertFails(String name, byte[] content, String reason) {
        ImportSource source = upload(name, content, Map.of());
        assertThat(imports.run(source, farAway())).isEqualTo(ImportService.Run.FAILED);
        assertThat(jobs.find(org, source.importId()).orElseThrow().failure()).contains(reason);
    }
}
