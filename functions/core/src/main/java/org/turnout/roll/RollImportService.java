package org.turnout.roll;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.contact.ContactEnumerator;
import org.turnout.importing.CsvSource;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportProgress;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.precinct.ElectionProblem;
import org.turnout.precinct.FileImportRun;
import org.turnout.security.LogSafe;

/**
 * Imports an electoral roll file from {@code rolls/{org}/}: each voter becomes a {@link Voter} at
 * its station and door, with the TTL of the organisation's retention. Refused while the
 * organisation has no election date: the roll may only serve a campaign, and must go when it ends.
 * It reads in windows of rows and saves a checkpoint after each (with the counts up to it, in the
 * import's item), so that a roll too long for one invocation, or whose download was cut off, goes
 * on from there in the next one. Once the whole file is read, the roll is finished in one pass
 * over its stations: voters of earlier extracts are removed (a newer extract replaces the roll),
 * and voters are linked to the contacts they are ({@link VoterMatch}), which needs every voter read.
 * A file delivered twice finds the import it already made.
 */
@Singleton
public record RollImportService(OrganisationRepository organisations, VoterRepository voters, ContactEnumerator contacts, CsvSource csv,
                                Clock clock) {
    /** Rows read between two checkpoints. */
    static final int WRITE_WINDOW = 500;
    private static final Pattern KEY = Pattern.compile("rolls/([a-z0-9][a-z0-9-]{1,39})/([^/]+)");
    private static final Logger LOG = Logger.getLogger(RollImportService.class);

    @Inject
    public RollImportService {
    }

    public RollImportService(OrganisationRepository organisations, VoterRepository voters, ContactEnumerator contacts, AwsClients aws,
                             Clock clock) {
        this(organisations, voters, contacts, new CsvSource(aws), clock);
    }

    /** Imports the file in one go, however long it takes (a test's, or a small file's). */
    public ElectionImportService.Run run(ImportSource source) {
        return run(source, Instant.MAX);
    }

    /** Starts or resumes the import of the roll; works until done or until {@code deadline} comes near. */
    public ElectionImportService.Run run(ImportSource source, Instant deadline) {
        Matcher key = KEY.matcher(source.key());
        Organisation organisation = key.matches() ? organisations.find(key.group(1)).orElse(null) : null;
        if (organisation == null) {
            LOG.warnf("ignored %s: not under rolls/{organisation}/ of a known organisation", LogSafe.quote(source.key()));
            return ElectionImportService.Run.SKIPPED;
        }
        RollImport found = voters.findImport(organisation.id(), source.importId()).orElseGet(() -> create(organisation, source));
        return new FileImportRun<>(imports(), csv, clock).run(found, source, deadline, UnaryOperator.identity(),
                (reading, rows, until) -> read(organisation, reading, rows, until));
    }

    private RollImport create(Organisation organisation, ImportSource source) {
        RollImport report = RollImportBuilder.builder().orgId(organisation.id()).importId(source.importId()).objectKey(source.key())
                .status(RollImport.RUNNING).problems(List.of()).build();
        return voters.createIfAbsent(report)
                .orElseGet(() -> voters.findImport(organisation.id(), source.importId()).orElseThrow()); // the other delivery made it first
    }

    private Instant expiry(Organisation organisation) {
        RollRetention retention = voters.retention(organisation.id()).orElseThrow(() -> new ImportFailedException(
                "the organisation has no election date: an owner sets it, with the days the roll is kept after it, before the roll is imported"));
        Instant expires = retention.expiresAt(ZoneId.of(organisation.timeZone() == null ? "Europe/Paris" : organisation.timeZone()));
        if (!expires.isAfter(clock.instant())) {
            throw new ImportFailedException("the election of " + retention.electionDate() + " and the " + retention.retentionDays()
                    + " days the roll is kept after it have passed: an owner sets the next election date before the roll is imported");
        }
        return expires;
    }

    /** An electoral roll's import item, as the shared run sees it. */
    private FileImportRun.Kind<RollImport> imports() {
        return FileImportRun.Kind.of(report -> "electoral roll " + report.importId() + " of " + report.orgId(),
                report -> RollImport.RUNNING.equals(report.status()), RollImport::progress,
                (report, progress) -> report.with().progress(progress).build(), voters::save,
                (report, failure, at) -> report.with().status(failure == null ? RollImport.DONE : RollImport.FAILED).failure(failure)
                        .progress(null).finishedAt(at).build(),
                report -> report.voters() + " voters at " + report.doors() + " doors, " + report.matched() + " matched to contacts, "
                        + report.rejected() + " rows rejected");
    }

    /** Reads the roll from the checkpoint on, its voters kept until the organisation's election has passed; then finishes it. */
    private ElectionImportService.Run read(Organisation organisation, FileImportRun.Reading<RollImport> reading, CsvSource.CsvRows rows,
                                           Instant deadline) {
        RollImport report = reading.item();
        if (report.ttl() == null) {
            report = report.with().ttl(expiry(organisation).getEpochSecond()).build();
        }
        ImportProgress progress = report.progress();
        if (progress.position() == null) {
            report = report.with().progress(progress.withHeader(RollFileReader.header(rows))).build();
        }
        reading.set(report);
        if (readVoters(reading, new RollFileReader(rows, report.progress().header()), rows, deadline) == ElectionImportService.Run.CONTINUE) {
            return ElectionImportService.Run.CONTINUE;
        }
        reading.set(finish(reading.item()));
        return ElectionImportService.Run.DONE;
    }

    private ElectionImportService.Run readVoters(FileImportRun.Reading<RollImport> reading, RollFileReader roll, CsvSource.CsvRows rows,
                                                 Instant deadline) {
        RollImport report = reading.item();
        // what was counted up to the checkpoint, saved with it
        List<ElectionProblem> problems = report.problems() == null ? new ArrayList<>() : new ArrayList<>(report.problems());
        long rowCount = report.rows();
        long rejected = report.rejected();
        // keyed by item: one batch must not hold the same item twice
        Map<String, Voter> window = new LinkedHashMap<>();
        Set<String> stations = new HashSet<>();
        long windowRows = 0;
        CsvSource.CsvRow line;
        while ((line = roll.next()) != null) {
            if (windowRows >= WRITE_WINDOW) {
                voters.writeAll(List.copyOf(window.values()));
                window.clear();
                windowRows = 0;
                if (reading.checkpoint(report.with().rows(rowCount).rejected(rejected).problems(problems).build(), rows.before(line),
                        rowCount, deadline)) {
                    return reading.handOver();
                }
                report = reading.item();
            }
            windowRows++;
            rowCount++;
            RollRow row = roll.row(line);
            String reason = row.problem();
            if (reason != null) {
                rejected++;
                if (problems.size() < ElectionImportService.MAX_PROBLEMS_KEPT) {
                    problems.add(new ElectionProblem(line.line(), row.station() != null && row.station().length() <= 40 ? row.station() : null,
                            ElectionProblem.REJECTED, reason));
                }
                continue;
            }
            String warning = row.warning();
            if (warning != null && problems.size() < ElectionImportService.MAX_PROBLEMS_KEPT) {
                problems.add(new ElectionProblem(line.line(), row.station(), ElectionProblem.WARNING, warning));
            }
            Voter voter = row.voter(report.orgId(), report.importId(), report.ttl());
            window.put(voter.pk() + voter.sk(), voter);
            if (stations.add(voter.pk())) {
                voters.markStations(report.orgId(), List.of(voter.station()), report.ttl());
            }
        }
        voters.writeAll(List.copyOf(window.values()));
        reading.set(report.with().rows(rowCount).rejected(rejected).problems(problems).build());
        return ElectionImportService.Run.DONE;
    }

    /**
     * The whole file is read: station by station, the voters of earlier extracts go (with their
     * links), and this extract's voters are counted and matched to contacts; a contact that fits
     * several voters is matched to none, which only the whole roll tells.
     */
    private RollImport finish(RollImport report) {
        String orgId = report.orgId();
        List<Voter> listed = new ArrayList<>();
        long removed = 0;
        for (String station : voters.stations(orgId)) {
            List<Voter> kept = new ArrayList<>();
            List<Voter> earlier = new ArrayList<>();
            for (Voter voter : voters.atStation(orgId, station)) {
                (report.importId().equals(voter.importId()) ? kept : earlier).add(voter);
            }
            removed += voters.deleteAll(earlier);
            if (kept.isEmpty()) {
                voters.forgetStation(orgId, station);
            }
            listed.addAll(kept);
        }
        VoterMatch match = new VoterMatch();
        contacts.forEach(orgId, match::add);
        Map<Voter, String> links = match.matchAll(listed);
        List<Voter> matched = new ArrayList<>();
        for (Voter voter : listed) {
            String contactId = links.get(voter);
            if (contactId != null && !contactId.equals(voter.contactId())) {
                matched.add(voter.withContactId(contactId));
            }
        }
        voters.writeAll(matched);
        RollImport finished = report.with().voters(listed.size())
                .doors(listed.stream().map(voter -> voter.pk() + voter.doorKey()).distinct().count())
                .matched(links.size()).build();
        if (removed > 0) {
            LOG.infof("electoral roll %s of %s replaces the earlier extracts: %d voters no longer listed removed", report.importId(),
                    orgId, removed);
        }
        return finished;
    }
}
