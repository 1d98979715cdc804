package org.turnout.canvass;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.importing.ImportSource;
import org.turnout.importing.ImportTestStack;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;

/**
 * An address file too long for one invocation: each invocation hands over at its first checkpoint
 * (the clock is fixed, and a deadline at that instant is a budget already spent), the next goes on
 * from there, and the import ends with the doors and counts of an import in one pass; so does one
 * whose download is cut off part-way (WireMock in front of S3Proxy cuts it). Real S3Proxy and dynalite.
 */
class AddressImportResumeTest {
    private static final Instant NOW = Instant.parse("2026-03-16T08:00:00Z");
    private static final String[] STATIONS = {"0001", "0002", "0003"};
    @RegisterExtension
    static final ImportTestStack STACK = new ImportTestStack(NOW);
    private static AddressRepository addresses;
    private static OrganisationRepository organisations;
    private static AddressImportService imports;

    @BeforeAll
    static void services() {
        TurnoutTable table = STACK.table();
        addresses = new AddressRepository(table, new BatchOperations(table, 8));
        organisations = new OrganisationRepository(table);
        imports = new AddressImportService(organisations, addresses, STACK.aws(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aLongAddressFileGoesOnInNewInvocationsWithTheDoorsAndCountsOfOnePass() {
        byte[] file = addressFile(1300);

        String once = organisation();
        ImportSource onePass = upload(once, file);
        assertThat(imports.run(onePass, NOW.plusSeconds(900))).isEqualTo(ElectionImportService.Run.DONE);

        String inParts = organisation();
        ImportSource resumed = upload(inParts, file);
        int invocations = ImportTestStack.invokeUntilDone(() -> imports.run(resumed, NOW), done -> {
            AddressImport handedOver = addresses.find(inParts, resumed.importId()).orElseThrow();
            assertThat(handedOver.progress().rows()).isEqualTo(500L * done);
            assertThat(handedOver.rows()).as("counted with the checkpoint").isEqualTo(500L * done);
            assertThat(handedOver.progress().leaseUntil()).isNull();
        });

        assertThat(invocations).as("1,300 rows in windows of 500").isEqualTo(3);
        AddressImport whole = addresses.find(once, onePass.importId()).orElseThrow();
        AddressImport parts = addresses.find(inParts, resumed.importId()).orElseThrow();
        assertThat(List.of(parts.status(), parts.rows(), parts.doors(), parts.rejected()))
                .isEqualTo(List.of(whole.status(), whole.rows(), whole.doors(), whole.rejected()))
                .isEqualTo(List.of(AddressImport.DONE, 1300L, 1296L, 4L));
        assertThat(parts.problems()).extracting(p -> p.line() + " " + p.message())
                .isEqualTo(whole.problems().stream().map(p -> p.line() + " " + p.message()).toList())
                .containsExactly("301 the street number is not a number: 'x'", "601 the street number is not a number: 'x'",
                        "901 the street number is not a number: 'x'", "1201 the street number is not a number: 'x'");
        assertThat(parts.progress()).isNull();
        for (String station : STATIONS) {
            assertThat(doors(inParts, station)).as("station %s", station).isEqualTo(doors(once, station)).hasSizeGreaterThan(400);
        }
        assertThat(doors(inParts, "0002")).contains("0002 16 Allée des Chênes 33999");
        assertThat(imports.run(resumed, NOW)).as("done: the event delivered again does nothing").isEqualTo(ElectionImportService.Run.SKIPPED);
    }

    @Test
    void aCutOffDownloadResumesFromTheCheckpointWithARangedRead() {
        byte[] file = addressFile(4000);
        String once = organisation();
        ImportSource onePass = upload(once, file);
        assertThat(imports.run(onePass)).isEqualTo(ElectionImportService.Run.DONE);

        String cut = organisation();
        ImportSource source = upload(cut, file);
        // the first download stops in the fifth window, past the 64 KiB the dialect is told from
        int cutAt = startOfRow(file, 2200) + 4;
        assertThat(cutAt).isGreaterThan(64 * 1024);
        STACK.cutTheWholeDownload(source, file, cutAt);
        AddressImportService importsThroughFaults = new AddressImportService(organisations, addresses, STACK.csvThroughFaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(importsThroughFaults.run(source, NOW.plusSeconds(900))).isEqualTo(ElectionImportService.Run.CONTINUE);
        AddressImport handedOver = addresses.find(cut, source.importId()).orElseThrow();
        assertThat(handedOver.progress().readAttempts()).isEqualTo(1);
        assertThat(handedOver.progress().rows()).as("four windows checkpointed").isEqualTo(2000L);
        long checkpoint = handedOver.progress().nextByte();
        assertThat(checkpoint).isEqualTo(startOfRow(file, 2001));

        assertThat(importsThroughFaults.run(source, NOW.plusSeconds(900))).isEqualTo(ElectionImportService.Run.DONE);

        List<LoggedRequest> downloads = STACK.downloads(source);
        assertThat(downloads).hasSize(2);
        assertThat(downloads.get(1).getHeader("Range")).isEqualTo("bytes=" + checkpoint + "-");
        AddressImport whole = addresses.find(once, onePass.importId()).orElseThrow();
        AddressImport resumed = addresses.find(cut, source.importId()).orElseThrow();
        assertThat(List.of(resumed.status(), resumed.rows(), resumed.doors(), resumed.rejected()))
                .isEqualTo(List.of(whole.status(), whole.rows(), whole.doors(), whole.rejected()))
                .isEqualTo(List.of(AddressImport.DONE, 4000L, 3987L, 13L));
        for (String station : STATIONS) {
            assertThat(doors(cut, station)).as("station %s", station).isEqualTo(doors(once, station));
        }
        assertThat(STACK.unmatchedRequests()).isEmpty();
    }

    /** The byte offset of row {@code r} of {@link #addressFile} (numbered from 1, not a multiple of 300). */
    private static int startOfRow(byte[] file, int r) {
        String text = new String(file, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\n" + r + ";") + 1).getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> doors(String org, String station) {
        return addresses.atStation(org, station).stream()
                .sorted(Comparator.comparing(AddressEntry::doorKey))
                .map(d -> d.station() + " " + d.number() + " " + d.street() + " " + d.postcode())
                .toList();
    }

    /**
     * A file as a town hall exports its addresses with their polling stations: row {@code r} is
     * number {@code r} of one of three streets, in station {@code r % 3}; every 300th has no number
     * but an 'x'.
     */
    private static byte[] addressFile(int rows) {
        String[] streets = {"Rue de la Paix", "Allée des Chênes", "Rue des Tilleuls"};
        StringBuilder csv = new StringBuilder("numero;rep;voie;code postal;bureau de vote\n");
        for (int r = 1; r <= rows; r++) {
            csv.append(r % 300 == 0 ? "x" : Integer.toString(r)).append(";;").append(streets[r % 3]).append(";33999;")
                    .append(STATIONS[r % 3]).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String organisation() {
        return STACK.createOrganisation("addr", "Address resume test");
    }

    private static ImportSource upload(String org, byte[] content) {
        return STACK.upload("addresses/" + org + "/adresses.csv", content);
    }
}
