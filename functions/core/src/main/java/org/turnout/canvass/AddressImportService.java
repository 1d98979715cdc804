package org.turnout.canvass;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.importing.ContactField;
import org.turnout.importing.CsvSource;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportProgress;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.precinct.ElectionProblem;
import org.turnout.precinct.FileImportRun;
import org.turnout.security.LogSafe;

/**
 * Imports an address file from {@code addresses/{org}/}: one door a row (street number, street,
 * postcode, polling station), for the walk lists. It reads in windows of rows and saves a
 * checkpoint after each (with the counts up to it, in the import's item), so that a file too long
 * for one invocation, or whose download was cut off, goes on from there in the next one. A door is
 * one item, written again with the same figures when a resumed import reads its row again, and the
 * same S3 event delivered twice finds the import it already made.
 */
@Singleton
public record AddressImportService(OrganisationRepository organisations, AddressRepository addresses, CsvSource csv, Clock clock) {
    /** Rows read between two checkpoints. */
    static final int WRITE_WINDOW = 500;
    private static final Pattern KEY = Pattern.compile("addresses/([a-z0-9][a-z0-9-]{1,39})/([^/]+)");
    private static final Map<String, Set<String>> COLUMNS = Map.of(
            "number", Set.of("numero", "n", "no", "num", "numerodevoie", "numerovoie", "number", "streetnumber", "housenumber"),
            "suffix", Set.of("rep", "indicederepetition", "suffixe", "suffix", "indice"),
            "street", Set.of("voie", "rue", "nomdevoie", "nomvoie", "street", "adresse", "address", "libelledevoie"),
            "postcode", Set.of("codepostal", "cp", "postcode", "zip", "zipcode", "postalcode"),
            "station", Set.of("bureaudevote", "bureau", "bv", "codebv", "codebureau", "station", "pollingstation", "precinct"));
    private static final Logger LOG = Logger.getLogger(AddressImportService.class);

    @Inject
    public AddressImportService {
    }

    public AddressImportService(OrganisationRepository organisations, AddressRepository addresses, AwsClients aws, Clock clock) {
        this(organisations, addresses, new CsvSource(aws), clock);
    }

    /** Imports the file in one go, however long it takes (a test's, or a small file's). */
    public ElectionImportService.Run run(ImportSource source) {
        return run(source, Instant.MAX);
    }

    /** Starts or resumes the import of the file; works until done or until {@code deadline} comes near. */
    public ElectionImportService.Run run(ImportSource source, Instant deadline) {
        Matcher key = KEY.matcher(source.key());
        if (!key.matches() || organisations.find(key.group(1)).isEmpty()) {
            LOG.warnf("ignored %s: not under addresses/{organisation}/ of a known organisation", LogSafe.quote(source.key()));
            return ElectionImportService.Run.SKIPPED;
        }
        AddressImport found = addresses.find(key.group(1), source.importId()).orElseGet(() -> create(key.group(1), source));
        return new FileImportRun<>(imports(), csv, clock).run(found, source, deadline, UnaryOperator.identity(), this::readDoors);
    }

    private AddressImport create(String orgId, ImportSource source) {
        AddressImport report = AddressImportBuilder.builder().orgId(orgId).importId(source.importId()).objectKey(source.key())
                .status(AddressImport.RUNNING).problems(List.of()).build();
        return addresses.createIfAbsent(report)
                .orElseGet(() -> addresses.find(orgId, source.importId()).orElseThrow()); // the other delivery made it first
    }

    /** An address file's import item, as the shared run sees it. */
    private FileImportRun.Kind<AddressImport> imports() {
        return FileImportRun.Kind.of(report -> "address file " + report.importId() + " of " + report.orgId(),
                report -> AddressImport.RUNNING.equals(report.status()), AddressImport::progress,
                (report, progress) -> report.with().progress(progress).build(), addresses::save,
                (report, failure, at) -> report.with().status(failure == null ? AddressImport.DONE : AddressImport.FAILED).failure(failure)
                        .progress(null).finishedAt(at).build(),
                report -> report.doors() + " doors, " + report.rejected() + " rows rejected");
    }

    private ElectionImportService.Run readDoors(FileImportRun.Reading<AddressImport> reading, CsvSource.CsvRows rows, Instant deadline) {
        AddressImport report = reading.item();
        ImportProgress progress = report.progress();
        if (progress.position() == null) {
            CsvSource.CsvRow header = rows.next();
            if (header == null) {
                throw new ImportFailedException("the file is empty");
            }
            report = report.with().progress(progress.withHeader(header.values())).build();
            reading.set(report);
        }
        Map<String, Integer> columns = columns(report.progress().header());
        // what was counted up to the checkpoint, saved with it
        List<ElectionProblem> problems = report.problems() == null ? new ArrayList<>() : new ArrayList<>(report.problems());
        long rowCount = report.rows();
        long doors = report.doors();
        long rejected = report.rejected();
        // keyed by door: one batch must not hold the same item twice
        Map<String, AddressEntry> window = new LinkedHashMap<>();
        long windowRows = 0;
        CsvSource.CsvRow row;
        while ((row = rows.next()) != null) {
            if (windowRows >= WRITE_WINDOW) {
                addresses.writeAll(List.copyOf(window.values()));
                window.clear();
                windowRows = 0;
                if (reading.checkpoint(report.with().rows(rowCount).doors(doors).rejected(rejected).problems(problems).build(),
                        rows.before(row), rowCount, deadline)) {
                    return reading.handOver();
                }
                report = reading.item();
            }
            windowRows++;
            rowCount++;
            long line = row.line();
            List<String> values = row.values();
            String station = cell(values, columns.get("station"));
            String street = cell(values, columns.get("street"));
            String number = cell(values, columns.get("number"));
            String suffix = cell(values, columns.get("suffix"));
            String reason = station == null ? "no polling station" : street == null ? "no street"
                    : station.length() > 40 || station.contains("#") ? "the polling station is not a code" : null;
            Optional<DoorAddress> door = reason == null
                    ? DoorAddress.parse((number == null ? "" : number + (suffix == null ? "" : " " + suffix) + " ") + street,
                            cell(values, columns.get("postcode")))
                    : Optional.empty();
            if (reason == null && number != null && door.map(d -> d.number() == null).orElse(true)) {
                reason = "the street number is not a number: '" + number + "'";
            }
            if (reason != null) {
                rejected++;
                if (problems.size() < ElectionImportService.MAX_PROBLEMS_KEPT) {
                    problems.add(new ElectionProblem(line, station, ElectionProblem.REJECTED, reason));
                }
                continue;
            }
            AddressEntry entry = AddressEntryBuilder.builder().orgId(report.orgId()).station(station)
                    .storedDoor(StoredDoor.of(door.get())).importId(report.importId()).build();
            window.put(entry.station() + "#" + entry.doorKey(), entry);
            doors++;
        }
        addresses.writeAll(List.copyOf(window.values()));
        reading.set(report.with().rows(rowCount).doors(doors).rejected(rejected).problems(problems).build());
        return ElectionImportService.Run.DONE;
    }

    /** The columns of the header that name the parts of an address, by what they hold. */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String normal = ContactField.normalise(header.get(i));
            int index = i;
            COLUMNS.forEach((column, aliases) -> {
                if (aliases.contains(normal)) {
                    columns.putIfAbsent(column, index);
                }
            });
        }
        if (!columns.containsKey("street") || !columns.containsKey("station")) {
            throw new ImportFailedException("an address file needs a street column (voie, rue, street, adresse) and a polling station column "
                    + "(bureau de vote, bureau, station)");
        }
        return columns;
    }

    private static String cell(List<String> values, Integer index) {
        if (index == null || index >= values.size() || values.get(index) == null || values.get(index).isBlank()) {
            return null;
        }
        return values.get(index).strip();
    }
}
