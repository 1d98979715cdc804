package org.turnout.precinct;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.importing.CsvPosition;
import org.turnout.importing.CsvSource;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportProgress;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Imports one election results file from {@code elections/{org}/}: finds the layout from the
 * header, reads every station, checks its figures (warnings in the report, never corrected), and
 * writes one item per station. It reads in windows of rows and saves a checkpoint after each (in
 * the election's item, with what was counted up to it), so that a file too long for one
 * invocation, or whose download was cut off, goes on from there in the next one. A file uploaded
 * through the API lands under
 * {@code elections/{org}/{electionId}/} and fills the election the API created; one copied
 * straight into the bucket makes its own, named by the object's metadata. The same S3 event
 * delivered twice finds the election done and does nothing.
 */
@Singleton
public record ElectionImportService(OrganisationRepository organisations, ElectionRepository elections, AwsClients aws, CsvSource csv,
                                    Clock clock) {
    public static final int MAX_PROBLEMS_KEPT = 200;
    /** Rows read between two checkpoints. */
    static final int WRITE_WINDOW = 500;
    /**
     * The share of stations that may fail the sum checks (or be unreadable) and the election still be
     * imported, their lines listed as warnings: beyond it the file is misread or damaged, and the
     * election fails rather than rank on wrong figures. Below 20 stations this tolerates none.
     */
    static final double MAX_FAILING_SHARE = 0.05;
    /** {@code elections/{org}/[{electionId}/]file}. */
    private static final Pattern KEY = Pattern.compile("elections/([a-z0-9][a-z0-9-]{1,39})/(?:(\\d{8}T\\d{6}Z-[0-9a-f]{10})/)?([^/]+)");
    private static final Logger LOG = Logger.getLogger(ElectionImportService.class);

    /** What an invocation did with a file. */
    public enum Run { DONE, FAILED, CONTINUE, SKIPPED }

    @Inject
    public ElectionImportService {
    }

    public ElectionImportService(OrganisationRepository organisations, ElectionRepository elections, AwsClients aws, Clock clock) {
        this(organisations, elections, aws, new CsvSource(aws), clock);
    }

    /** Imports the file in one go, however long it takes (a test's, or a small file's). */
    public Run run(ImportSource source) {
        return run(source, Instant.MAX);
    }

    /** Starts or resumes the import of the file; works until done or until {@code deadline} comes near. */
    public Run run(ImportSource source, Instant deadline) {
        Matcher key = KEY.matcher(source.key());
        if (!key.matches() || organisations.find(key.group(1)).isEmpty()) {
            LOG.warnf("ignored %s: not under elections/{organisation}/ of a known organisation", LogSafe.quote(source.key()));
            return Run.SKIPPED;
        }
        String orgId = key.group(1);
        Optional<Election> found = key.group(2) != null ? elections.find(orgId, key.group(2)) : Optional.of(createOrFind(orgId, source, key.group(3)));
        if (found.isEmpty()) {
            LOG.warnf("ignored %s: no election %s was asked for", LogSafe.quote(source.key()), key.group(2));
            return Run.SKIPPED;
        }
        return new FileImportRun<>(imports(), csv, clock).run(found.get(), source, deadline, election -> election.with()
                .status(Election.RUNNING).objectKey(source.key()).etag(source.etag()).uploadedAt(source.eventTime()).build(), this::readStations);
    }

    private Election createOrFind(String orgId, ImportSource source, String fileName) {
        HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(source.bucket()).key(source.key()));
        Election election = ElectionBuilder.builder().orgId(orgId).electionId(source.importId())
                .name(Optional.ofNullable(head.metadata().get("election-name")).orElse(fileName))
                .date(validDate(head.metadata().get("election-date"))).commune(head.metadata().get("commune"))
                .status(Election.RUNNING).createdAt(clock.instant()).build();
        return elections.createIfAbsent(election).orElseGet(() -> elections.find(orgId, election.electionId()).orElseThrow());
    }

    /** The file's rows, in its encoding (UTF-8 with or without BOM, else Windows-1252) and delimiter ({@code ; , tab}). */
    static CSVParser parser(InputStream file) throws IOException {
        return CsvSource.parser(file);
    }

    /** An election's item, as the shared run of file imports sees it. */
    private FileImportRun.Kind<Election> imports() {
        return FileImportRun.Kind.of(election -> "election " + election.electionId() + " of " + election.orgId(),
                election -> !Election.DONE.equals(election.status()) && !Election.FAILED.equals(election.status()), Election::progress,
                (election, progress) -> election.with().progress(progress).build(), elections::save,
                (election, failure, at) -> election.with().status(failure == null ? Election.DONE : Election.FAILED).failure(failure)
                        .progress(null).failingStations(null).communeFromFile(null).finishedAt(at).build(),
                election -> orZero(election.stations()) + " stations, " + orZero(election.warnings()) + " warnings, "
                        + orZero(election.rejected()) + " rows rejected" + (election.failure() == null ? "" : " (" + election.failure() + ")"));
    }

    /**
     * Reads the stations, in windows of rows with a checkpoint after each. What was counted before
     * the checkpoint (rows, problems, failing stations, candidates) is saved with it in the election's
     * item, in one write. The station items are written just before, and may hold more than the
     * checkpoint if an invocation stopped between the two writes; a long file sums a station over
     * several rows, and a checkpoint may fall between them. So each station item says the last line
     * it holds ({@link StationResult#getThroughLine()}): a resumed import reads the stations back,
     * adds only the lines after that, and so never counts a row twice nor loses the rows of a station
     * read before the checkpoint.
     */
    private Run readStations(FileImportRun.Reading<Election> reading, CsvSource.CsvRows rows, Instant deadline) {
        Election election = reading.item();
        ImportProgress progress = election.progress();
        boolean resuming = progress.position() != null;
        Deque<CsvSource.CsvRow> peeked = new ArrayDeque<>();
        ResultsLayout layout;
        if (resuming) {
            ResultsLayout header = ResultsLayout.of(progress.header());
            boolean longFile = election.format() != null && election.format().startsWith("long");
            layout = longFile && header.shape != ResultsLayout.Shape.LONG ? header.asLong() : header;
        } else {
            CsvSource.CsvRow headerRow = rows.next();
            if (headerRow == null) {
                throw new ImportFailedException("the file is empty");
            }
            progress = progress.withHeader(headerRow.values());
            ResultsLayout header = ResultsLayout.of(headerRow.values());
            // the first rows tell a wide file from a long one that names its candidates as the Ministry does
            CsvSource.CsvRow next;
            while (peeked.size() < 2 && (next = rows.next()) != null) {
                peeked.add(next);
            }
            layout = oneCandidatePerRow(header, peeked) ? header.asLong() : header;
            election = election.with().format(formatName(layout)).progress(progress).build();
            reading.set(election);
        }
        boolean longFile = layout.shape == ResultsLayout.Shape.LONG;
        ResultsReader reader = new ResultsReader(layout);
        Report report = new Report(election);
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        if (election.candidates() != null) {
            election.candidates().forEach(c -> candidates.put(c.key(), c));
        }
        Set<String> failing = new LinkedHashSet<>(election.failingStations() == null ? List.of() : election.failingStations());
        String givenCommune = Boolean.TRUE.equals(election.communeFromFile()) ? null : election.commune();
        String commune = election.commune();
        // by StationCode: "0001" and "1" are one station
        Map<String, StationResult> stations = new LinkedHashMap<>(); // a long file's rows of one station may be anywhere
        Map<String, Long> seenAt = new HashMap<>();
        if (resuming) {
            for (StationResult written : elections.stations(election.orgId(), election.electionId())) {
                String code = StationCode.canonical(written.station());
                if (longFile) {
                    stations.put(code, written);
                } else if (written.line() <= progress.linesRead()) {
                    seenAt.put(code, written.line()); // one read after the checkpoint is read again
                }
            }
        }
        List<StationResult> window = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        long rowCount = progress.rowsRead();
        long windowRows = 0;
        while (true) {
            CsvSource.CsvRow row = peeked.isEmpty() ? rows.next() : peeked.poll();
            if (row == null) {
                break;
            }
            if (windowRows >= WRITE_WINDOW) {
                writeStations(window, touched, stations);
                windowRows = 0;
                if (reading.checkpoint(report.saveTo(election.with()).commune(commune)
                        .communeFromFile(givenCommune == null && commune != null ? true : null)
                        .candidates(new ArrayList<>(candidates.values())).failingStations(new ArrayList<>(failing)).build(),
                        rows.before(row), rowCount, deadline)) {
                    return reading.handOver();
                }
                election = reading.item();
            }
            long line = row.line();
            rowCount++;
            windowRows++;
            ResultsReader.Row read;
            try {
                read = reader.read(line, row.values());
            } catch (ResultsReader.RowError e) {
                report.add(new ElectionProblem(line, e.station, ElectionProblem.REJECTED, e.getMessage()));
                continue;
            }
            if (read.commune() != null) {
                if (commune == null) {
                    commune = read.commune();
                } else if (!commune.equals(read.commune())) {
                    if (givenCommune != null) {
                        rowCount--;
                        continue; // another commune of a department or national file
                    }
                    throw new ImportFailedException("the file holds the results of several communes (" + commune + ", "
                            + read.commune() + ", ...): give the commune to import (the API's commune, or the object's commune metadata)");
                }
            }
            StationResult result = read.result().ofElection(election.orgId(), election.electionId(), line);
            read.candidates().forEach(c -> candidates.putIfAbsent(c.key(), c));
            String code = StationCode.canonical(result.station());
            if (read.abstentions() != null && read.abstentions() != result.registered() - result.voters()) {
                failing.add(code);
                report.add(new ElectionProblem(line, result.station(), ElectionProblem.WARNING, "abstentions (" + read.abstentions()
                        + ") are not registered (" + result.registered() + ") - voters (" + result.voters() + ")"));
            }
            if (longFile) {
                StationResult known = stations.putIfAbsent(code, result);
                if (known != null) {
                    if (line <= known.throughLine()) {
                        continue; // summed already, by an invocation that stopped before its checkpoint
                    }
                    if (known.registered() != result.registered() || known.voters() != result.voters()
                            || known.blank() != result.blank() || known.nulls() != result.nulls()) {
                        report.add(new ElectionProblem(line, result.station(), ElectionProblem.WARNING,
                                "registered, voters, blank or null differ from line " + known.line() + ", whose figures are kept"));
                        failing.add(code);
                    }
                    stations.put(code, known.plus(result));
                }
                touched.add(code);
                continue;
            }
            Long first = seenAt.putIfAbsent(code, line);
            if (first != null) {
                report.add(new ElectionProblem(line, result.station(), ElectionProblem.REJECTED,
                        "station " + result.station() + " was already read at line " + first));
                continue;
            }
            if (!check(result, report, layout.severalPerBallotAt(read.candidates()))) {
                failing.add(code);
            }
            window.add(result);
        }
        if (longFile) {
            stations.forEach((code, result) -> {
                List<Candidate> stationCandidates = result.votes().keySet().stream().map(candidates::get).filter(Objects::nonNull).toList();
                if (!check(result, report, layout.severalPerBallotAt(stationCandidates))) {
                    failing.add(code);
                }
            });
            window.addAll(stations.values());
        }
        elections.writeStations(window);
        long stationCount = longFile ? stations.size() : seenAt.size();
        report.kept.sort(Comparator.comparingLong(ElectionProblem::line));
        election = report.saveTo(election.with()).commune(commune).candidates(new ArrayList<>(candidates.values()))
                .rows(rowCount).stations(stationCount).build();
        reading.set(election);
        if (stationCount == 0) {
            throw new ImportFailedException("no station could be read (" + report.rejected + " rows rejected)");
        }
        decide(failing.size(), stationCount, report.rejected);
        return Run.DONE;
    }

    /** A wide file's stations of the window; a long file's stations that the window's rows added to. */
    private void writeStations(List<StationResult> window, Set<String> touched, Map<String, StationResult> stations) {
        touched.forEach(code -> window.add(stations.get(code)));
        elections.writeStations(window);
        window.clear();
        touched.clear();
    }

    /**
     * Whether a file whose header has the Ministry's candidate group gives one candidate a row, as
     * consolidated files do: its first two rows are of the same station.
     */
    private static boolean oneCandidatePerRow(ResultsLayout layout, Deque<CsvSource.CsvRow> first) {
        if (layout.shape != ResultsLayout.Shape.WIDE || first.size() < 2) {
            return false;
        }
        int column = layout.named.get("station");
        List<String> stations = first.stream().map(row -> row.values().size() > column ? row.values().get(column).strip() : "").toList();
        return !stations.get(0).isEmpty() && StationCode.canonical(stations.get(0)).equals(StationCode.canonical(stations.get(1)));
    }

    /** Fails the election when more than {@link #MAX_FAILING_SHARE} of its stations (rejected rows counted as stations) fail. */
    static void decide(long failingStations, long stations, long rejectedRows) {
        long failed = failingStations + rejectedRows;
        long total = stations + rejectedRows;
        if (failed > Math.floor(total * MAX_FAILING_SHARE)) {
            throw new ImportFailedException(failed + " of " + total + " stations do not add up or cannot be read, more than the "
                    + Math.round(MAX_FAILING_SHARE * 100) + " % tolerated: the file is damaged or not in a layout this reader knows"
                    + " (see the problems, with their lines)");
        }
    }

    /** Reports what does not add up in a station; whether it all did. */
    private static boolean check(StationResult result, Report report, boolean severalPerBallot) {
        List<String> found = result.inconsistencies(severalPerBallot);
        found.forEach(message -> report.add(new ElectionProblem(result.line(), result.station(), ElectionProblem.WARNING, message)));
        return found.isEmpty();
    }

    private static String formatName(ResultsLayout layout) {
        String shape = switch (layout.shape) {
            case WIDE -> "ministry-wide";
            case WIDE_NUMBERED -> "ministry-numbered";
            case LONG -> "long";
        };
        return shape + (layout.hasLists() ? "/lists" : "/candidates");
    }

    /** An ISO date, or nothing: metadata is typed by hand. */
    static String validDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** The problems of one import: all counted, the first ones kept; those of earlier invocations with them. */
    private static final class Report {
        final List<ElectionProblem> kept;
        long warnings;
        long rejected;

        Report(Election resumed) {
            kept = resumed.problems() == null ? new ArrayList<>() : new ArrayList<>(resumed.problems());
            warnings = orZero(resumed.warnings());
            rejected = orZero(resumed.rejected());
        }

        ElectionBuilder saveTo(ElectionBuilder election) {
            return election.warnings(warnings).rejected(rejected).problems(kept);
        }

        void add(ElectionProblem problem) {
            if (ElectionProblem.WARNING.equals(problem.kind())) {
                warnings++;
            } else {
                rejected++;
            }
            if (kept.size() < MAX_PROBLEMS_KEPT) {
                kept.add(problem);
            }
        }
    }
}
