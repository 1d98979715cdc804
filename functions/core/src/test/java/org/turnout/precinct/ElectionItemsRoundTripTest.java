package org.turnout.precinct;

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
 * An election and a station's results stored as they were before the items became immutable (nested maps with
 * their empty fields, numbers, dates as text) read back and written again unchanged. Real dynalite.
 */
class ElectionItemsRoundTripTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB);

    @Test
    void anElectionImportedHalfwayReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org)), Map.entry("SK", s("ELEC#20260316-ab")), Map.entry("type", s("election")),
                Map.entry("orgId", s(org)), Map.entry("version", n(3)), Map.entry("electionId", s("20260316-ab")),
                Map.entry("name", s("Municipales 2020")), Map.entry("date", s("2020-03-15")), Map.entry("commune", s("33063")),
                Map.entry("status", s("running")), Map.entry("objectKey", s("elections/" + org + "/20260316-ab/r.csv")),
                Map.entry("etag", s("\"e1\"")), Map.entry("format", s("ministry-wide/lists")), Map.entry("rejected", n(1)),
                Map.entry("warnings", n(1)),
                Map.entry("problems", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("line", n(7), "station", s("0004"), "kind", s("warning"), "message", s("voters (3) ..."))),
                        AttributeValue.fromM(Map.of("line", n(9), "station", NULL, "kind", s("rejected"), "message", s("no polling station code")))))),
                Map.entry("candidates", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("key", s("1"), "panel", s("1"), "name", NULL, "list", s("Bordeaux en luttes"), "nuance", s("LEXG"))),
                        AttributeValue.fromM(Map.of("key", s("2"), "panel", s("2"), "name", s("Claire Arnaud"), "list", NULL, "nuance", NULL))))),
                Map.entry("createdAt", s("2026-03-16T08:00:00Z")), Map.entry("uploadedAt", s("2026-03-16T08:01:00.250Z")),
                Map.entry("progress", AttributeValue.fromM(Map.of("charset", s("windows-1252"), "delimiter", s(";"), "nextByte", n(52_110),
                        "nextLine", n(501), "rows", n(500), "header", AttributeValue.fromL(List.of(s("Code du b.vote"), s("Inscrits"))),
                        "readAttempts", NULL, "leaseOwner", s("7d0c"), "leaseUntil", s("2026-03-16T08:01:45Z")))),
                Map.entry("communeFromFile", AttributeValue.fromBool(true)),
                Map.entry("failingStations", AttributeValue.fromL(List.of(s("4")))));

        assertThat(writtenBack(STACK.table(), Election.SCHEMA, stored)).isEqualTo(nextVersion(stored));
    }

    @Test
    void aStationsResultsReadBackAndAreWrittenAsTheyWere() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org + "#ELEC#e1")), Map.entry("SK", s("P#0001")), Map.entry("type", s("stationResult")),
                Map.entry("orgId", s(org)), Map.entry("electionId", s("e1")), Map.entry("station", s("0001")), Map.entry("line", n(2)),
                Map.entry("registered", n(1000)), Map.entry("voters", n(600)), Map.entry("blank", n(0)), Map.entry("nulls", n(10)),
                Map.entry("expressed", n(590)), Map.entry("votes", AttributeValue.fromM(Map.of("1", n(300), "Liste B", n(290)))),
                Map.entry("throughLine", n(4)));

        assertThat(writtenBack(STACK.table(), StationResult.SCHEMA, stored)).isEqualTo(stored);
    }
}
