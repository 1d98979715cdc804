package org.turnout.roll;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.contact.ContactEnumerator;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.precinct.ElectionProblem;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Imports an electoral roll file from {@code rolls/{org}/}: each voter becomes a {@link Voter} at
 * its station and door, linked to the contact it is ({@link VoterMatch}), with the TTL of the
 * organisation's retention. Refused while the organisation has no election date: the roll may only
 * serve a campaign, and must go when it ends. A file delivered twice writes the same items again.
 */
@ApplicationScoped
public class RollImportService {
    static final int WRITE_WINDOW = 500;
    private static final Pattern KEY = Pattern.compile("rolls/([a-z0-9][a-z0-9-]{1,39})/([^/]+)");
    private static final Logger LOG = Logger.getLogger(RollImportService.class);

    private final OrganisationRepository organisations;
    private final VoterRepository voters;
    private final ContactEnumerator contacts;
    private final AwsClients aws;
    private final Clock clock;

    public RollImportService(OrganisationRepository organisations, VoterRepository voters, ContactEnumerator contacts, AwsClients aws,
                             Clock clock) {
        this.organisations = organisations;
        this.voters = voters;
        this.contacts = contacts;
        this.aws = aws;
        this.clock = clock;
    }

    public ElectionImportService.Run run(ImportSource source) {
        Matcher key = KEY.matcher(source.key());
        Organisation organisation = key.matches() ? organisations.find(key.group(1)).orElse(null) : null;
        if (organisation == null) {
            LOG.warnf("ignored %s: not under rolls/{organisation}/ of a known organisation", LogSafe.quote(source.key()));
            return ElectionImportService.Run.SKIPPED;
        }
        RollImport report = new RollImport();
        report.setOrgId(organisation.getId());
        report.setImportId(source.importId());
        List<ElectionProblem> problems = new ArrayList<>();
        try {
            long ttl = expiry(organisation).getEpochSecond();
            report.setTtl(ttl);
            VoterMatch match = new VoterMatch();
            contacts.forEach(organisation.getId(), match::add);
            try (ResponseInputStream<GetObjectResponse> object = aws.s3().getObject(b -> b.bucket(source.bucket()).key(source.key()))) {
                new Writer(report, problems, match, ttl).readAll(object);
            }
            report.setStatus("done");
        } catch (ImportFailedException e) {
            report.setStatus("failed");
            report.setFailure(e.getMessage());
        } catch (NoSuchKeyException e) {
            report.setStatus("failed");
            report.setFailure("the file was deleted before it was read");
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (!(cause instanceof CSVException)) {
                throw new UncheckedIOException("the electoral roll could not be read", cause instanceof IOException io ? io : new IOException(cause));
            }
            report.setStatus("failed");
            report.setFailure("the file cannot be read as CSV: " + cause.getMessage());
        }
        report.setProblems(problems);
        report.setFinishedAt(clock.instant());
        voters.save(report);
        LOG.infof("electoral roll %s of %s %s: %d voters at %d doors, %d matched to contacts, %d rows rejected", report.getImportId(),
                report.getOrgId(), report.getStatus(), report.getVoters(), report.getDoors(), report.getMatched(), report.getRejected());
        return "done".equals(report.getStatus()) ? ElectionImportService.Run.DONE : ElectionImportService.Run.FAILED;
    }

    private Instant expiry(Organisation organisation) {
        RollRetention retention = voters.retention(organisation.getId()).orElseThrow(() -> new ImportFailedException(
                "the organisation has no election date: an owner sets it, with the days the roll is kept after it, before the roll is imported"));
        Instant expires = retention.expiresAt(ZoneId.of(organisation.getTimeZone() == null ? "Europe/Paris" : organisation.getTimeZone()));
        if (!expires.isAfter(clock.instant())) {
            throw new ImportFailedException("the election of " + retention.getElectionDate() + " and the " + retention.getRetentionDays()
                    + " days the roll is kept after it have passed: an owner sets the next election date before the roll is imported");
        }
        return expires;
    }

    /** The rows of one file, written a window at a time. */
    private final class Writer {
        private final RollImport report;
        private final List<ElectionProblem> problems;
        private final VoterMatch match;
        private final long ttl;
        // keyed by item: one batch must not hold the same item twice
        private final Map<String, Voter> window = new LinkedHashMap<>();
        // voters some contact fits, written at the end: only then is it known whether that contact fits another one
        private final Map<String, Voter> fitting = new LinkedHashMap<>();
        private final Set<String> doors = new HashSet<>();
        private final Set<String> stations = new HashSet<>();

        Writer(RollImport report, List<ElectionProblem> problems, VoterMatch match, long ttl) {
            this.report = report;
            this.problems = problems;
            this.match = match;
            this.ttl = ttl;
        }

        void readAll(ResponseInputStream<GetObjectResponse> object) throws IOException {
            RollFileReader.read(object, this::accept);
            flush();
            Map<Voter, String> links = match.matchAll(fitting.values());
            links.forEach(Voter::setContactId);
            report.setMatched(links.size());
            voters.writeAll(List.copyOf(fitting.values()));
        }

        private void accept(long line, RollRow row) {
            report.setRows(report.getRows() + 1);
            String reason = row.problem();
            if (reason != null) {
                report.setRejected(report.getRejected() + 1);
                if (problems.size() < ElectionImportService.MAX_PROBLEMS_KEPT) {
                    problems.add(ElectionProblem.of(line, row.station() != null && row.station().length() <= 40 ? row.station() : null,
                            ElectionProblem.REJECTED, reason));
                }
                return;
            }
            Voter voter = row.voter(report.getOrgId(), report.getImportId(), ttl);
            String item = voter.getPk() + voter.getSk();
            boolean fits = fitting.containsKey(item) || match.contactOf(voter).isPresent();
            if ((fits ? fitting : window).put(item, voter) == null) {
                report.setVoters(report.getVoters() + 1);
            }
            if (doors.add(voter.getStation() + "#" + voter.getDoorKey())) {
                report.setDoors(report.getDoors() + 1);
            }
            if (stations.add(voter.getStation())) {
                voters.markStations(report.getOrgId(), List.of(voter.getStation()), ttl);
            }
            if (window.size() >= WRITE_WINDOW) {
                flush();
            }
        }

        private void flush() {
            voters.writeAll(List.copyOf(window.values()));
            window.clear();
        }
    }
}
