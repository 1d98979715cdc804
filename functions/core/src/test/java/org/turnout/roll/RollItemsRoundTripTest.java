package org.turnout.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.turnout.store.StoredShape.n;
import static org.turnout.store.StoredShape.nextVersion;
import static org.turnout.store.StoredShape.s;
import static org.turnout.store.StoredShape.writtenBack;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.aws.EmulatedStack;
import org.turnout.local.Emulator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A roll file's report, a voter and the retention stored as they were before the items became immutable (the
 * report's progress and problems as maps with their empty fields) read back and written again unchanged. Real dynalite.
 */
class RollItemsRoundTripTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB);

    @Test
    void aRollFilesReportReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org)), Map.entry("SK", s("ROLLFILE#r1")), Map.entry("type", s("rollImport")),
                Map.entry("orgId", s(org)), Map.entry("version", n(5)), Map.entry("importId", s("r1")),
                Map.entry("objectKey", s("rolls/" + org + "/liste.csv")), Map.entry("status", s("done")),
                Map.entry("rows", n(1200)), Map.entry("voters", n(1190)), Map.entry("doors", n(700)), Map.entry("matched", n(31)),
                Map.entry("rejected", n(10)), Map.entry("finishedAt", s("2026-03-16T08:03:00Z")), Map.entry("ttl", n(1_790_000_000L)),
                Map.entry("problems", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("line", n(40), "station", s("0002"), "kind", s("warning"), "message", s("the street number ...")))))));

        assertThat(writtenBack(STACK.table(), RollImport.SCHEMA, stored)).isEqualTo(nextVersion(stored));
    }

    @Test
    void aVoterReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org + "#P#2#ROLL")), Map.entry("SK", s("V#rue du moulin#00003#33000|martin|anne|1970")),
                Map.entry("type", s("voter")), Map.entry("orgId", s(org)), Map.entry("station", s("0002")),
                Map.entry("doorKey", s("rue du moulin#00003#33000")), Map.entry("person", s("martin|anne|1970")),
                Map.entry("number", s("3")), Map.entry("street", s("Rue du Moulin")), Map.entry("postcode", s("33000")),
                Map.entry("complement", s("Bât. B")), Map.entry("birthName", s("MARTIN")), Map.entry("firstNames", s("Anne")),
                Map.entry("contactId", s("c0ffee")), Map.entry("importId", s("r1")), Map.entry("ttl", n(1_790_000_000L)));

        assertThat(writtenBack(STACK.table(), Voter.SCHEMA, stored)).isEqualTo(stored);
    }

    @Test
    void theRetentionReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.of(
                "PK", s("ORG#" + org), "SK", s("ROLLRETENTION"), "type", s("rollRetention"), "orgId", s(org),
                "electionDate", s("2026-03-15"), "retentionDays", n(30), "updatedAt", s("2026-03-01T09:00:00Z"));

        assertThat(writtenBack(STACK.table(), RollRetention.SCHEMA, stored)).isEqualTo(stored);
    }
}
