package org.turnout.precinct;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.importing.CsvDialect;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Imports one election results file from {@code elections/{org}/}: finds the layout from the
 * header, reads every station, checks its figures (warnings in the report, never corrected), and
 * writes one item per station. A file uploaded through the API lands under
 * {@code elections/{org}/{electionId}/} and fills the election the API created; one copied
 * straight into the bucket makes its own, named by the object's metadata. The same S3 event
 * delivered twice finds the election done and does nothing.
 */
@ApplicationScoped
public class ElectionImportService {
    public static final int MAX_PROBLEMS_KEPT = 200;
    static final int WRITE_WINDOW = 500;
    static final int SNIFF_BYTES = 64 * 1024;
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
    public enum Run { DONE, FAILED, SKIPPED }

    private final OrganisationRepository organisations;
    private final ElectionRepository elections;
    private final AwsClients aws;
    private final Clock clock;

    public ElectionImportService(OrganisationRepository organisations, ElectionRepository elections, AwsClients aws, Clock clock) {
        this.organisations = organisations;
        this.elections = elections;
        this.aws = aws;
        this.clock = clock;
    }

    public Run run(ImportSource source) {
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
        Election election = found.get();
        if (Election.DONE.equals(election.getStatus()) || Election.FAILED.equals(election.getStatus())) {
            return Run.SKIPPED; // this upload was imported already
        }
        election.setStatus(Election.RUNNING);
        election.setObjectKey(source.key());
        election.setEtag(source.etag());
        election.setUploadedAt(source.eventTime());
        save(election);
        try {
            read(election, source);
            election.setStatus(Election.DONE);
        } catch (ImportFailedException e) {
            election.setStatus(Election.FAILED);
            election.setFailure(e.getMessage());
        } catch (NoSuchKeyException e) {
            election.setStatus(Election.FAILED);
            election.setFailure("the file was deleted before it was read");
        }
        election.setFinishedAt(clock.instant());
        save(election);
        LOG.infof("election %s of %s %s: %d stations, %d warnings, %d rows rejected%s", election.getElectionId(), orgId,
                election.getStatus(), orZero(election.getStations()), orZero(election.getWarnings()), orZero(election.getRejected()),
                election.getFailure() == null ? "" : " (" + election.getFailure() + ")");
        return Election.DONE.equals(election.getStatus()) ? Run.DONE : Run.FAILED;
    }

    private Election createOrFind(String orgId, ImportSource source, String fileName) {
        HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(source.bucket()).key(source.key()));
        Election election = new Election();
        election.setOrgId(orgId);
        election.setElectionId(source.importId());
        election.setName(Optional.ofNullable(head.metadata().get("election-name")).orElse(fileName));
        election.setDate(validDate(head.metadata().get("election-date")));
        election.setCommune(head.metadata().get("commune"));
        election.setStatus(Election.RUNNING);
        election.setCreatedAt(clock.instant());
        if (elections.createIfAbsent(election)) {
            return election;
        }
        return elections.find(orgId, election.getElectionId()).orElseThrow();
    }

    private void read(Election election, ImportSource source) {
        try (ResponseInputStream<GetObjectResponse> object = aws.s3().getObject(b -> b.bucket(source.bucket()).key(source.key()));
             CSVParser parser = parser(object)) {
            readStations(election, parser);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The file's rows, in its encoding (UTF-8 with or without BOM, else Windows-1252) and delimiter ({@code ; , tab}). */
    static CSVParser parser(InputStream object) throws IOException {
        BufferedInputStream in = new BufferedInputStream(object, SNIFF_BYTES);
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0 || new String(head, CsvDialect.WINDOWS_1252).isBlank()) {
            throw new ImportFailedException("the file is empty");
        }
        CsvDialect dialect = CsvDialect.sniff(head);
        in.skipNBytes(dialect.bomLength());
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter()).setIgnoreEmptyLines(true)
                .setLenientEof(true).setTrailingData(true).get();
        return CSVParser.builder().setFormat(format).setReader(new InputStreamReader(in, dialect.charset())).get();
    }

    /**
     * Bad CSV fails the election; a download cut off is no fault of the file and is thrown on, so
     * that Lambda retries the event (the election is still running, and station items are rewritten).
     */
    private static RuntimeException unreadable(Throwable cause) {
        if (cause instanceof CSVException) {
            return new ImportFailedException("the file cannot be read as CSV: " + cause.getMessage());
        }
        return new UncheckedIOException("the results file could not be read", cause instanceof IOException io ? io : new IOException(cause));
    }

    private void readStations(Election election, CSVParser parser) {
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext()) {
            throw new ImportFailedException("the file is empty");
        }
        ResultsLayout header = ResultsLayout.of(records.next().toList());
        // the first rows tell a wide file from a long one that names its candidates as the Ministry does
        Deque<Map.Entry<CSVRecord, Long>> peeked = new ArrayDeque<>();
        while (peeked.size() < 2 && records.hasNext()) {
            peeked.add(Map.entry(records.next(), parser.getCurrentLineNumber()));
        }
        ResultsLayout layout = oneCandidatePerRow(header, peeked) ? header.asLong() : header;
        ResultsReader reader = new ResultsReader(layout);
        Report report = new Report();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Map<String, StationResult> stations = new LinkedHashMap<>(); // a long file's rows of one station may be anywhere
        Map<String, Long> seenAt = new HashMap<>(); // by StationCode: "0001" and "1" are one station
        Set<String> failing = new HashSet<>();
        List<StationResult> window = new ArrayList<>();
        String commune = election.getCommune();
        long rows = 0;
        while (!peeked.isEmpty() || records.hasNext()) {
            Map.Entry<CSVRecord, Long> next = peeked.isEmpty() ? Map.entry(records.next(), parser.getCurrentLineNumber()) : peeked.poll();
            CSVRecord record = next.getKey();
            long line = next.getValue();
            rows++;
            ResultsReader.Row row;
            try {
                row = reader.read(line, record.toList());
            } catch (ResultsReader.RowError e) {
                report.add(ElectionProblem.of(line, e.station, ElectionProblem.REJECTED, e.getMessage()));
                continue;
            }
            if (row.commune() != null) {
                if (commune == null) {
                    commune = row.commune();
                } else if (!commune.equals(row.commune())) {
                    if (election.getCommune() != null) {
                        rows--;
                        continue; // another commune of a department or national file
                    }
                    throw new ImportFailedException("the file holds the results of several communes (" + commune + ", "
                            + row.commune() + ", ...): give the commune to import (the API's commune, or the object's commune metadata)");
                }
            }
            StationResult result = row.result();
            result.setOrgId(election.getOrgId());
            result.setElectionId(election.getElectionId());
            row.candidates().forEach(c -> candidates.putIfAbsent(c.getKey(), c));
            String code = StationCode.canonical(result.getStation());
            if (row.abstentions() != null && row.abstentions() != result.getRegistered() - result.getVoters()) {
                failing.add(code);
                report.add(ElectionProblem.of(line, result.getStation(), ElectionProblem.WARNING, "abstentions (" + row.abstentions()
                        + ") are not registered (" + result.getRegistered() + ") - voters (" + result.getVoters() + ")"));
            }
            if (layout.shape == ResultsLayout.Shape.LONG) {
                StationResult known = stations.putIfAbsent(code, result);
                if (known != null) {
                    if (known.getRegistered() != result.getRegistered() || known.getVoters() != result.getVoters()
                            || known.getBlank() != result.getBlank() || known.getNulls() != result.getNulls()) {
                        report.add(ElectionProblem.of(line, result.getStation(), ElectionProblem.WARNING,
                                "registered, voters, blank or null differ from line " + known.getLine() + ", whose figures are kept"));
                        failing.add(code);
                    }
                    result.getVotes().forEach((candidate, votes) -> known.getVotes().merge(candidate, votes, Long::sum));
                }
                continue;
            }
            Long first = seenAt.putIfAbsent(code, line);
            if (first != null) {
                report.add(ElectionProblem.of(line, result.getStation(), ElectionProblem.REJECTED,
                        "station " + result.getStation() + " was already read at line " + first));
                continue;
            }
            if (!check(result, report, layout.severalPerBallot)) {
                failing.add(code);
            }
            window.add(result);
            if (window.size() >= WRITE_WINDOW) {
                elections.writeStations(window);
                window.clear();
            }
        }
        if (layout.shape == ResultsLayout.Shape.LONG) {
            stations.forEach((code, result) -> {
                if (!check(result, report, layout.severalPerBallot)) {
                    failing.add(code);
                }
            });
            window.addAll(stations.values());
        }
        elections.writeStations(window);
        long stationCount = layout.shape == ResultsLayout.Shape.LONG ? stations.size() : seenAt.size();
        election.setCommune(commune);
        election.setFormat(formatName(layout));
        election.setCandidates(new ArrayList<>(candidates.values()));
        election.setRows(rows);
        election.setStations(stationCount);
        election.setRejected(report.rejected);
        election.setWarnings(report.warnings);
        report.kept.sort(java.util.Comparator.comparingLong(ElectionProblem::getLine));
        election.setProblems(report.kept);
        if (stationCount == 0) {
            throw new ImportFailedException("no station could be read (" + report.rejected + " rows rejected)");
        }
        decide(failing.size(), stationCount, report.rejected);
    }

    /**
     * Whether a file whose header has the Ministry's candidate group gives one candidate a row, as
     * consolidated files do: its first two rows are of the same station.
     */
    private static boolean oneCandidatePerRow(ResultsLayout layout, Deque<Map.Entry<CSVRecord, Long>> first) {
        if (layout.shape != ResultsLayout.Shape.WIDE || first.size() < 2) {
            return false;
        }
        int column = layout.named.get("station");
        List<String> stations = first.stream().map(e -> e.getKey().size() > column ? e.getKey().get(column).strip() : "").toList();
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
        found.forEach(message -> report.add(ElectionProblem.of(result.getLine(), result.getStation(), ElectionProblem.WARNING, message)));
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

    private void save(Election election) {
        if (!elections.save(election)) {
            throw new IllegalStateException("election " + election.getElectionId() + " was changed by another invocation");
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** The problems of one import: all counted, the first ones kept. */
    private static final class Report {
        final List<ElectionProblem> kept = new ArrayList<>();
        long warnings;
        long rejected;

        void add(ElectionProblem problem) {
            if (ElectionProblem.WARNING.equals(problem.getKind())) {
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
