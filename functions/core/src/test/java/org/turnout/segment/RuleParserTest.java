package org.turnout.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactStatus;
import org.turnout.problem.FieldError;
import org.turnout.problem.InvalidInputException;

class RuleParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final Contact lea = contact("lea", c -> {
        c.tags(List.of("donateur", "benevole"));
        c.station("0005");
        c.postcode("33999");
        c.attributes(Map.of("age", "42", "adhesion", "15/03/2024", "quartier", "nord-est"));
        c.createdAt(NOW.minusSeconds(86400 * 10));
        ConsentRecord consent = ConsentRecordBuilder.builder()
                .source("signup-form:accueil")
                .confirmedAt(NOW.minusSeconds(86400 * 40))
                .build();
        c.consent(consent);
        c.canvassSupport(4);
        c.canvassVolunteer(true);
        c.mailingsReceived(List.of("m1", "m2", "m3"));
        c.mailingsOpened(List.of("m1"));
        c.mailingsClicked(List.of("m1"));
        c.lastOpenedAt(NOW.minusSeconds(86400 * 3));
        c.lastClickedAt(NOW.minusSeconds(86400 * 60));
    });
    private final Contact bare = contact("bare", c -> { });

    @Test
    void statusTagsStationPostcodeAndSource() {
        assertMatches("{\"field\": \"status\", \"op\": \"in\", \"values\": [\"subscribed\"]}", true, true);
        assertMatches("{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"donateur\", \"x\"]}", true, false);
        assertMatches("{\"field\": \"tags\", \"op\": \"hasAll\", \"values\": [\"donateur\", \"benevole\"]}", true, false);
        assertMatches("{\"field\": \"tags\", \"op\": \"hasAll\", \"values\": [\"donateur\", \"x\"]}", false, false);
        assertMatches("{\"field\": \"tags\", \"op\": \"hasNone\", \"values\": [\"donateur\"]}", false, true);
        assertMatches("{\"field\": \"station\", \"op\": \"in\", \"values\": [\"0005\", \"0006\"]}", true, false);
        assertMatches("{\"field\": \"postcode\", \"op\": \"prefix\", \"values\": [\"33\"]}", true, false);
        assertMatches("{\"field\": \"source\", \"op\": \"prefix\", \"values\": [\"signup-form\"]}", true, false);
        assertMatches("{\"field\": \"source\", \"op\": \"in\", \"values\": [\"signup-form:accueil\"]}", true, false);
    }

    @Test
    void tagValuesAreComparedInTheirOneSpelling() {
        Contact imported = contact("imported", c -> c.tags(List.of("bénévole")));
        Contact older = contact("older", c -> c.tags(List.of("Bénévole"))); // stored before tags were normalised
        for (String rule : List.of(
                "{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"Bénévole\"]}",
                "{\"field\": \"tags\", \"op\": \"hasAll\", \"values\": [\" BÉNÉVOLE \", \"bénévole\"]}")) {
            SegmentRule parsed = parse(rule);
            assertThat(parsed.matches(imported, NOW)).as(rule).isTrue();
            assertThat(parsed.matches(older, NOW)).as(rule).isTrue();
            assertThat(parsed.matches(bare, NOW)).as(rule).isFalse();
        }
        SegmentRule none = parse("{\"field\": \"tags\", \"op\": \"hasNone\", \"values\": [\"Bénévole\"]}");
        assertThat(none.matches(imported, NOW)).isFalse();
        assertThat(none.matches(bare, NOW)).isTrue();
        // other lists keep exact values
        assertThat(parse("{\"field\": \"mailings.received\", \"op\": \"hasAny\", \"values\": [\"M1\"]}").matches(lea, NOW)).isFalse();
    }

    @Test
    void absoluteAndRelativeDates() {
        assertMatches("{\"field\": \"createdAt\", \"op\": \"withinLastDays\", \"value\": 30}", true, false);
        assertMatches("{\"field\": \"confirmedAt\", \"op\": \"withinLastDays\", \"value\": 30}", false, false);
        assertMatches("{\"field\": \"confirmedAt\", \"op\": \"after\", \"value\": \"2026-01-01\"}", true, false);
        assertMatches("{\"field\": \"createdAt\", \"op\": \"before\", \"value\": \"2026-11-28T00:00:00Z\"}", true, false);
        assertMatches("{\"field\": \"lastOpenedAt\", \"op\": \"withinLastDays\", \"value\": 7}", true, false);
        assertMatches("{\"field\": \"lastClickedAt\", \"op\": \"withinLastDays\", \"value\": 7}", false, false);
        assertMatches("{\"field\": \"lastClickedAt\", \"op\": \"after\", \"value\": \"2026-09-01\"}", true, false);
    }

    @Test
    void customAttributes() {
        assertMatches("{\"field\": \"attributes.age\", \"op\": \"exists\"}", true, false);
        assertMatches("{\"field\": \"attributes.quartier\", \"op\": \"equals\", \"value\": \"nord-est\"}", true, false);
        assertMatches("{\"field\": \"attributes.quartier\", \"op\": \"in\", \"values\": [\"sud\", \"nord-est\"]}", true, false);
        assertMatches("{\"field\": \"attributes.quartier\", \"op\": \"prefix\", \"value\": \"nord\"}", true, false);
        assertMatches("{\"field\": \"attributes.age\", \"op\": \"between\", \"min\": 40, \"max\": 49.5}", true, false);
        assertMatches("{\"field\": \"attributes.age\", \"op\": \"between\", \"min\": 43}", false, false);
        assertMatches("{\"field\": \"attributes.adhesion\", \"op\": \"dateBetween\", \"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}", true, false);
    }

    @Test
    void canvassAndEngagement() {
        assertMatches("{\"field\": \"canvass.support\", \"op\": \"between\", \"min\": 4, \"max\": 5}", true, false);
        assertMatches("{\"field\": \"canvass.support\", \"op\": \"in\", \"values\": [\"1\", \"2\"]}", false, false);
        assertMatches("{\"field\": \"canvass.volunteer\", \"op\": \"equals\", \"value\": true}", true, false);
        assertMatches("{\"field\": \"canvass.volunteer\", \"op\": \"equals\", \"value\": false}", false, true);
        assertMatches("{\"field\": \"mailings.received\", \"op\": \"hasAny\", \"values\": [\"m2\"]}", true, false);
        assertMatches("{\"field\": \"mailings.opened\", \"op\": \"hasAny\", \"values\": [\"m2\"]}", false, false);
        assertMatches("{\"field\": \"mailings.clicked\", \"op\": \"hasAny\", \"values\": [\"m1\"]}", true, false);
        assertMatches("{\"field\": \"mailings.notOpened\", \"op\": \"inLast\", \"value\": 2}", true, false);
        assertMatches("{\"field\": \"mailings.notOpened\", \"op\": \"inLast\", \"value\": 3}", false, false);
    }

    @Test
    void nestedGroups() {
        String rule = "{\"all\": [{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"donateur\"]},"
                + "{\"not\": {\"field\": \"station\", \"op\": \"in\", \"values\": [\"0001\"]}},"
                + "{\"any\": [{\"field\": \"postcode\", \"op\": \"prefix\", \"values\": [\"75\"]},"
                + "{\"field\": \"attributes.age\", \"op\": \"between\", \"min\": 18}]}]}";
        assertMatches(rule, true, false);
        assertMatches("{\"not\": " + rule + "}", false, true);
    }

    @Test
    void everyBadNodeIsNamedByItsPath() {
        String rule = "{\"all\": ["
                + "{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"a\"]},"
                + "{\"field\": \"tagz\", \"op\": \"hasAny\", \"values\": [\"a\"]},"
                + "{\"any\": [{\"field\": \"tags\", \"op\": \"contains\", \"values\": [\"a\"]}, {\"field\": \"station\", \"op\": \"in\"}]},"
                + "{\"field\": \"createdAt\", \"op\": \"after\", \"value\": \"yesterday\"},"
                + "{\"not\": 3},"
                + "{\"any\": []},"
                + "{\"op\": \"in\"},"
                + "{\"field\": \"attributes.age\", \"op\": \"between\"},"
                + "{\"field\": \"mailings.notOpened\", \"op\": \"inLast\", \"value\": 0}"
                + "]}";
        assertThatThrownBy(() -> RuleParser.parse(JSON.readTree(rule), "rule"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("rule.all[1].field", "rule.all[2].any[0].op", "rule.all[2].any[1].values",
                                "rule.all[3].value", "rule.all[4].not", "rule.all[5].any", "rule.all[6].field",
                                "rule.all[7]", "rule.all[8].value"));
    }

    @Test
    void tooDeepOrTooBigRulesAreRefused() throws Exception {
        String deep = "{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"a\"]}";
        for (int i = 0; i < 9; i++) {
            deep = "{\"not\": " + deep + "}";
        }
        String tooDeep = deep;
        assertThatThrownBy(() -> RuleParser.parse(JSON.readTree(tooDeep), "rule")).hasMessageContaining("deeper than 8");
    }

    private void assertMatches(String rule, boolean forLea, boolean forBare) {
        try {
            SegmentRule parsed = RuleParser.parse(JSON.readTree(rule), "rule");
            assertThat(parsed.matches(lea, NOW)).as("lea: " + rule).isEqualTo(forLea);
            assertThat(parsed.matches(bare, NOW)).as("bare: " + rule).isEqualTo(forBare);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static SegmentRule parse(String rule) {
        try {
            return RuleParser.parse(JSON.readTree(rule), "rule");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Contact contact(String id, java.util.function.Consumer<ContactBuilder> setUp) {
        ContactBuilder c = ContactBuilder.builder()
                .orgId("o")
                .contactId(id)
                .status(ContactStatus.SUBSCRIBED.code());
        setUp.accept(c);
        return c.build();
    }
}
