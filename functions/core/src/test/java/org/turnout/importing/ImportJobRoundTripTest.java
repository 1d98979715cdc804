package org.turnout.importing;

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
 * An import job stored as it was before the items became immutable, the attributes of its progress at its top
 * beside its counts, read back and written again unchanged. Real dynalite.
 */
class ImportJobRoundTripTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB);

    @Test
    void aJobHalfwayThroughItsFileReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org)), Map.entry("SK", s("IMPORT#20260316-i1")), Map.entry("type", s("import")),
                Map.entry("orgId", s(org)), Map.entry("version", n(4)), Map.entry("importId", s("20260316-i1")),
                Map.entry("status", s("running")), Map.entry("bucket", s("uploads")), Map.entry("objectKey", s("imports/" + org + "/l.csv")),
                Map.entry("etag", s("\"9f\"")), Map.entry("size", n(1_048_576)), Map.entry("consentSource", s("fête 2026")),
                Map.entry("columns", AttributeValue.fromM(Map.of("Courriel", s("email"), "Prénom", s("first_name")))),
                Map.entry("rows", n(800)), Map.entry("created", n(790)), Map.entry("updated", n(5)), Map.entry("duplicates", n(3)),
                Map.entry("rejected", n(2)), Map.entry("warnings", n(0)), Map.entry("nextByte", n(81_920)), Map.entry("nextLine", n(801)),
                Map.entry("nextRecord", n(800)), Map.entry("header", AttributeValue.fromL(List.of(s("Courriel"), s("Prénom")))),
                Map.entry("charset", s("UTF-8")), Map.entry("delimiter", s(";")), Map.entry("readAttempts", n(2)),
                Map.entry("leaseOwner", s("4b1e")), Map.entry("leaseUntil", s("2026-03-16T08:00:45Z")),
                Map.entry("createdAt", s("2026-03-16T08:00:00Z")), Map.entry("updatedAt", s("2026-03-16T08:00:30.125Z")));

        assertThat(writtenBack(STACK.table(), ImportJob.SCHEMA, stored)).isEqualTo(nextVersion(stored));
    }

    @Test
    void aFinishedWorkbooksJobWithoutDialectReadsBackAndIsWrittenAsItWas() {
        String org = EmulatedStack.newOrganisationId("o");
        Map<String, AttributeValue> stored = Map.ofEntries(
                Map.entry("PK", s("ORG#" + org)), Map.entry("SK", s("IMPORT#20260316-i2")), Map.entry("type", s("import")),
                Map.entry("orgId", s(org)), Map.entry("version", n(7)), Map.entry("importId", s("20260316-i2")),
                Map.entry("status", s("done")), Map.entry("format", s("xlsx")), Map.entry("sheet", s("Contacts")),
                Map.entry("rows", n(3)), Map.entry("created", n(3)), Map.entry("nextByte", n(0)), Map.entry("nextLine", n(4)),
                Map.entry("nextRecord", n(3)), Map.entry("header", AttributeValue.fromL(List.of(s("email")))),
                Map.entry("leaseOwner", s("4b1e")), Map.entry("reportKey", s("reports/" + org + "/20260316-i2.csv")),
                Map.entry("finishedAt", s("2026-03-16T08:02:00Z")));

        assertThat(writtenBack(STACK.table(), ImportJob.SCHEMA, stored)).isEqualTo(nextVersion(stored));
    }
}
