package org.turnout.roll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.contact.ContactEnumerator;
import org.turnout.importing.CsvSource;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportLease;
import org.turnout.importing.ImportProgress;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.precinct.ElectionProblem;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

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
@ApplicationScoped
public class RollImportService {
    /** Rows read between two checkpoints. */
    static final int WRITE_WINDOW = 500;
    private static final Pattern KEY = Pattern.compile("rolls/([a-z0-9][a-z0-9-]{1,39})/([^/]+)");
    private static final Logger LOG = Logger.getLogger(RollImportService.class);

    private final OrganisationRepository organisations;
    private final VoterRepository voters;
    private final ContactEnumerator contacts;
    private final CsvSource csv;
    private final Clock clock;

    @Inject
    public RollImportService(OrganisationRepository organisations, VoterRepository voters, ContactEnumerator contacts, CsvSource csv,
                             Clock clock) {
        this.organisations = organisations;
        this.voters = voters;
        this.contacts = contacts;
        this.csv = csv;
        this.clock = clock;
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
        RollImport report = voters.findImport(organisation.id(), source.importId()).orElseGet(() -> create(organisation, source));
        if (!RollImport.RUNNING.equals(report.status())) {
            return ElectionImportService.Run.SKIPPED; // this upload was imported already
        }
        Optional<ImportProgress> lease = (report.progress() == null ? ImportProgress.NONE : report.progress())
                .claim(UUID.randomUUID().toString(), clock.instant());
        if (lease.isEmpty()) {
            return ElectionImportService.Run.SKIPPED; // a live invocation has it
        }
        Optional<RollImport> claimed = voters.save(report.with().progress(lease.get()).build());
        if (claimed.isEmpty()) {
            return ElectionImportService.Run.SKIPPED; // another invocation took it first
        }
        Reading reading = new Reading(claimed.get());
        RollImportBuilder end;
        try {
            if (reading.report.ttl() == null) {
                reading.report = reading.report.with().ttl(expiry(organisation).getEpochSecond()).build();
            }
            if (reading.read(source, deadline) == ElectionImportService.Run.CONTINUE) {
                return ElectionImportService.Run.CONTINUE;
            }
            end = reading.finish().with().status(RollImport.DONE);
        } catch (ImportFailedException e) {
            end = reading.report.with().status(RollImport.FAILED).failure(e.getMessage());
        } catch (NoSuchKeyException e) {
            end = reading.report.with().status(RollImport.FAILED).failure("the file was deleted before it was read");
        }
        reading.report = end.progress(null).finishedAt(clock.instant()).build();
        report = reading.save();
        LOG.infof("electoral roll %s of %s %s: %d voters at %d doors, %d matched to contacts, %d rows rejected", report.importId(),
                report.orgId(), report.status(), report.voters(), report.doors(), report.matched(), report.rejected());
        return RollImport.DONE.equals(report.status()) ? ElectionImportService.Run.DONE : ElectionImportService.Run.FAILED;
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

    /** One invocation's reading of a roll file it holds the lease of: the import as last saved, saved again at each checkpoint. */
    private final class Reading {
        private RollImport report;

        Reading(RollImport report) {
            this.report = report;
        }

        /**
         * Reads the file from the checkpoint on. A download cut off is no fault of the file: the import
         * is handed to a new invocation, which resumes from the checkpoint with a ranged read.
         */
        ElectionImportService.Run read(ImportSource source, Instant deadline) {
            ImportProgress progress = report.progress();
            try (CsvSource.CsvRows rows = csv.open(source.bucket(), source.key(), progress.position())) {
                if (progress.position() == null) {
                    report = report.with().progress(progress.withHeader(RollFileReader.header(rows))).build();
                }
                return readVoters(new RollFileReader(rows, report.progress().header()), rows, deadline);
            } catch (CsvSource.DownloadCutOff e) {
                report = report.with().progress(report.progress().cutOff(e)).build();
                LOG.warnf("electoral roll %s of %s: reading stopped after line %d (%s); resuming from there", report.importId(),
                        report.orgId(), report.progress().linesRead(), LogSafe.quote(String.valueOf(e.getCause().getMessage())));
                return handOver();
            }
        }

        private ElectionImportService.Run readVoters(RollFileReader roll, CsvSource.CsvRows rows, Instant deadline) {
            ImportProgress progress = report.progress();
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
                    progress = progress.checkpoint(rows.before(line), rowCount, clock.instant());
                    report = report.with().rows(rowCount).rejected(rejected).problems(problems).progress(progress).build();
                    save();
                    windowRows = 0;
                    if (ImportLease.mustHandOver(clock.instant(), deadline)) {
                        return handOver();
                    }
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
            report = report.with().rows(rowCount).rejected(rejected).problems(problems).build();
            return ElectionImportService.Run.DONE;
        }

        /**
         * The whole file is read: station by station, the voters of earlier extracts go (with their
         * links), and this extract's voters are counted and matched to contacts; a contact that fits
         * several voters is matched to none, which only the whole roll tells.
         */
        RollImport finish() {
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
            report = report.with().voters(listed.size())
                    .doors(listed.stream().map(voter -> voter.pk() + voter.doorKey()).distinct().count())
                    .matched(links.size()).build();
            if (removed > 0) {
                LOG.infof("electoral roll %s of %s replaces the earlier extracts: %d voters no longer listed removed", report.importId(),
                        orgId, removed);
            }
            return report;
        }

        private ElectionImportService.Run handOver() {
            report = report.with().progress(report.progress().released()).build();
            save();
            LOG.infof("electoral roll %s of %s continues in a new invocation after line %d", report.importId(), report.orgId(),
                    report.progress().linesRead());
            return ElectionImportService.Run.CONTINUE;
        }

        RollImport save() {
            report = voters.save(report).orElseThrow(() -> new IllegalStateException(
                    "electoral roll " + report.importId() + " was taken over by another invocation"));
            return report;
        }
    }
}
