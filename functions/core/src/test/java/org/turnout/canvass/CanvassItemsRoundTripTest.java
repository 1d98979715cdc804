package org.turnout.canvass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.turnout.store.StoredShape.NULL;
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
 * An address file's report and doors, and a door knock, stored as they were before the items became immutable
 * (the report's progress and problems as maps with their empty fields) read back and written again unchanged. Real dynalite.
 */
class CanvassItemsRoundTripTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB);

    @Test
    void anAddressFilesReportReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org)), Map.entry("SK", s("ADDRFILE#a1")), Map.entry("type", s("addressImport")),
                Map.entry("orgId", s(org)), Map.entry("version", n(2)), Map.entry("importId", s("a1")),
                Map.entry("objectKey", s("addresses/" + org + "/doors.csv")), Map.entry("status", s("running")),
                Map.entry("rows", n(500)), Map.entry("doors", n(498)), Map.entry("rejected", n(2)),
                Map.entry("problems", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("line", n(12), "station", NULL, "kind", s("rejected"), "message", s("no polling station")))))),
                Map.entry("progress", AttributeValue.fromM(Map.of("charset", s("UTF-8"), "delimiter", s(","), "nextByte", n(20_480),
                        "nextLine", n(501), "rows", n(500), "header", AttributeValue.fromL(List.of(s("bureau"), s("voie"))),
                        "readAttempts", n(1), "leaseOwner", s("c2"), "leaseUntil", NULL))));

        assertThat(writtenBack(STACK.table(), AddressImport.SCHEMA, stored)).isEqualTo(nextVersion(stored));
    }

    @Test
    void aDoorOfAnAddressFileReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.of(
                "PK", s("ORG#" + org + "#P#1#ADDR"), "SK", s("A#rue de la paix#00012bis#75002"), "type", s("address"),
                "orgId", s(org), "station", s("0001"), "doorKey", s("rue de la paix#00012bis#75002"), "number", s("12 bis"),
                "street", s("rue de la Paix"), "postcode", s("75002"), "importId", s("a1"));

        assertThat(writtenBack(STACK.table(), AddressEntry.SCHEMA, stored)).isEqualTo(stored);
    }

    @Test
    void aDoorKnockReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org + "#C#c0ffee")), Map.entry("SK", s("CANVASS#s1")), Map.entry("type", s("canvass")),
                Map.entry("orgId", s(org)), Map.entry("contactId", s("c0ffee")), Map.entry("session", s("s1")),
                Map.entry("outcome", s("knocked")), Map.entry("support", n(4)), Map.entry("volunteer", AttributeValue.fromBool(false)),
                Map.entry("canvasser", s("v@example.org")), Map.entry("at", s("2026-03-14T10:15:00Z")),
                Map.entry("recordedAt", s("2026-03-14T10:16:02.500Z")));

        assertThat(writtenBack(STACK.table(), CanvassRecord.SCHEMA, stored)).isEqualTo(stored);
    }
}
