package org.turnout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.turnout.aws.AwsClients;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items stored by the mutable beans that came before the immutable items, in the exact shape the beans wrote
 * (nested objects as maps with their empty fields as NULL, lists, maps, derived keys): each reads back through
 * its repository and is written back unchanged but for its version.
 */
class ItemFormatTest {
    private static final String AT = "2026-01-02T03:04:05.123456Z";
    private static LocalAwsStack stack;
    private static AwsClients aws;
    private static TurnoutTable table;

    private final String org = "format-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB));
        stack.sdkSystemProperties().forEach(System::setProperty);
        aws = new AwsClients();
        table = new TurnoutTable(aws, stack.resources().physicalName("Table"));
    }

    @AfterAll
    static void stop() {
        aws.close();
        stack.close();
    }

    @Test
    void aContactAsTheBeanWroteItReadsBackAndIsWrittenBackUnchanged() {
        Map<String, AttributeValue> stored = new HashMap<>(Map.ofEntries(
                Map.entry("PK", s(Keys.contact(org, "abc"))), Map.entry("SK", s(Keys.CONTACT_SK)),
                Map.entry("GSI1PK", s(Keys.station(org, "0007"))), Map.entry("GSI1SK", s("abc")),
                Map.entry("GSI2PK", s(Keys.contactShard(org, "abc"))), Map.entry("GSI2SK", s("abc")),
                Map.entry("type", s("contact")), Map.entry("orgId", s(org)), Map.entry("contactId", s("abc")),
                Map.entry("email", s("ana@example.org")), Map.entry("firstName", s("Ana")), Map.entry("station", s("0007")),
                Map.entry("status", s("subscribed")), Map.entry("createdAt", s(AT)), Map.entry("version", n(3)),
                Map.entry("tags", AttributeValue.fromL(List.of(s("benevole"), s("donateur")))),
                Map.entry("attributes", AttributeValue.fromM(Map.of("quartier", s("nord")))),
                Map.entry("lastImportLine", n(7)), Map.entry("canvassSupport", n(4)), Map.entry("canvassVolunteer", AttributeValue.fromBool(true)),
                Map.entry("mailingsReceived", AttributeValue.fromL(List.of(s("m1"), s("m2")))),
                Map.entry("consent", AttributeValue.fromM(Map.of("source", s("signup-form"), "requestedAt", s(AT),
                        "confirmedAt", nul(), "ipHash", nul(), "textVersion", nul()))),
                Map.entry("consentHistory", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("at", s(AT),
                        "from", s("subscribed"), "to", s("unsubscribed"), "reason", s("unsubscribe link"), "mailingId", nul()))))),
                Map.entry("transientBounces", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("messageId", s("0100-a"), "at", s(AT))))))));
        put(stored);
        ContactRepository contacts = new ContactRepository(table, new BatchOperations(table, 4));

        Contact contact = contacts.find(org, "abc").orElseThrow();
        assertThat(contact.consent().source()).isEqualTo("signup-form");
        assertThat(contact.consent().ipHash()).isNull();
        assertThat(contact.consentHistory()).singleElement().satisfies(change -> assertThat(change.to()).isEqualTo("unsubscribed"));
        assertThat(contact.transientBounces()).singleElement().satisfies(bounce -> assertThat(bounce.messageId()).isEqualTo("0100-a"));
        assertThat(contact.tags()).containsExactly("benevole", "donateur");
        assertThat(contacts.update(contact)).isPresent();

        assertThat(get(Keys.contact(org, "abc"), Keys.CONTACT_SK)).isEqualTo(withVersion(stored, 4));
    }

    @Test
    void aContactWithNothingButItsIdKeepsItsEmptyTagsAndAttributes() {
        Map<String, AttributeValue> stored = Map.of(
                "PK", s(Keys.contact(org, "bare")), "SK", s(Keys.CONTACT_SK),
                "GSI2PK", s(Keys.contactShard(org, "bare")), "GSI2SK", s("bare"), "type", s("contact"), "orgId", s(org),
                "contactId", s("bare"), "tags", AttributeValue.fromL(List.of()), "attributes", AttributeValue.fromM(Map.of()),
                "version", n(1));
        put(stored);
        ContactRepository contacts = new ContactRepository(table, new BatchOperations(table, 4));

        assertThat(contacts.update(contacts.find(org, "bare").orElseThrow())).isPresent();

        assertThat(get(Keys.contact(org, "bare"), Keys.CONTACT_SK)).isEqualTo(withVersion(stored, 2));
    }

    @Test
    void anOrganisationAsTheBeanWroteItReadsBackAndIsWrittenBackUnchanged() {
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s(Keys.organisation(org))), Map.entry("SK", s(Keys.ORGANISATION_SK)),
                Map.entry("GSI1PK", s(Keys.ORGANISATIONS_GSI1PK)), Map.entry("GSI1SK", s(org)), Map.entry("type", s("organisation")),
                Map.entry("id", s(org)), Map.entry("name", s("Campagne")), Map.entry("publicSignup", AttributeValue.fromBool(true)),
                Map.entry("sendRatePerSecond", n(5)), Map.entry("allowedTags", AttributeValue.fromL(List.of())),
                Map.entry("signupOrigins", AttributeValue.fromL(List.of(s("https://campagne.example.org")))),
                Map.entry("senders", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("name", s("Équipe"), "address", s("equipe@example.org"))),
                        AttributeValue.fromM(Map.of("name", nul(), "address", s("info@example.org")))))),
                Map.entry("version", n(2)));
        put(stored);
        OrganisationRepository organisations = new OrganisationRepository(table);

        Organisation organisation = organisations.find(org).orElseThrow();
        assertThat(organisation.senders()).extracting(sender -> sender.address()).containsExactly("equipe@example.org", "info@example.org");
        assertThat(organisations.update(organisation).version()).isEqualTo(3L);

        assertThat(get(Keys.organisation(org), Keys.ORGANISATION_SK)).isEqualTo(withVersion(stored, 3));
    }

    @Test
    void aMailingAsTheBeanWroteItReadsBackAndIsWrittenBackUnchanged() {
        Map<String, AttributeValue> stored = Map.of(
                "PK", s(Keys.organisation(org)), "SK", s(Keys.mailingSk("m1")), "type", s("mailing"), "orgId", s(org),
                "mailingId", s("m1"), "state", s("draft"), "sendAt", s(AT), "sent", n(4),
                "dispatchCursors", AttributeValue.fromM(Map.of("3", s("abc"))), "version", n(1));
        put(stored);
        MailingRepository mailings = new MailingRepository(table);

        Mailing mailing = mailings.find(org, "m1").orElseThrow();
        assertThat(mailing.dispatchCursors()).containsEntry("3", "abc");
        assertThat(mailings.saveContent(mailing).version()).isEqualTo(2L);

        assertThat(get(Keys.organisation(org), Keys.mailingSk("m1"))).isEqualTo(withVersion(stored, 2));
    }

    private static void put(Map<String, AttributeValue> item) {
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        return table.client().getItem(r -> r.tableName(table.name()).key(TurnoutTable.key(pk, sk)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> withVersion(Map<String, AttributeValue> item, long version) {
        Map<String, AttributeValue> expected = new HashMap<>(item);
        expected.put("version", n(version));
        return expected;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }
}
