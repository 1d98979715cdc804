package org.turnout.roll;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.audit.AuditTrail;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.NotFoundException;

/**
 * How long the electoral roll lives and its end: the organisation's election date and retention,
 * the TTL they stamp on every item of the roll (stamped again when they change), the voters of a
 * station as long as they last, and the purge, on an owner's request or by the daily schedule.
 */
@Singleton
public record ElectoralRollService(VoterRepository voters, OrganisationRepository organisations, AuditTrail audit, Clock clock) {
    /** Enough for the protests and appeals that follow an election, not for keeping the roll for the next one. */
    public static final int MAX_RETENTION_DAYS = 180;
    private static final Logger LOG = Logger.getLogger(ElectoralRollService.class);

    public record Purge(String orgId, int voters) {
    }

    public Optional<RollRetention> retention(String orgId) {
        organisation(orgId);
        return voters.retention(orgId);
    }

    /** Sets the election date and retention; the voters already imported get the new end. */
    public RollRetention setRetention(String orgId, RetentionSettings settings, String actor) {
        Organisation organisation = organisation(orgId);
        FieldErrors errors = new FieldErrors();
        String date = errors.text("electionDate", settings == null ? null : settings.electionDate(), true, 10);
        if (date != null) {
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                errors.add("electionDate", "must be a date as 2026-03-15");
            }
        }
        Integer days = settings == null ? null : settings.retentionDays();
        if (days == null) {
            errors.add("retentionDays", "is required: the days the roll is kept after the election");
        } else if (days < 0 || days > MAX_RETENTION_DAYS) {
            errors.add("retentionDays", "must be from 0 to " + MAX_RETENTION_DAYS);
        }
        errors.throwIfAny();
        RollRetention retention = RollRetentionBuilder.builder().orgId(orgId).electionDate(date).retentionDays(days)
                .updatedAt(clock.instant()).build();
        voters.save(retention);
        int stamped = restamp(orgId, retention.expiresAt(zone(organisation)).getEpochSecond());
        audit.record(orgId, actor, "roll.retention", null, "election " + date + ", kept " + days + " days after; " + stamped + " voters");
        return retention;
    }

    /** The voters of a station whose retention has not ended (DynamoDB deletes expired items late). */
    public List<Voter> votersAt(String orgId, String station) {
        long now = clock.instant().getEpochSecond();
        return voters.atStation(orgId, station).stream().filter(voter -> !voter.expiredAt(now)).toList();
    }

    /** Deletes the whole roll of the organisation now; the reports (counts, no names) stay until their TTL. */
    public Purge purge(String orgId, String actor) {
        organisation(orgId);
        int deleted = 0;
        for (String station : voters.stations(orgId)) {
            deleted += voters.deleteAll(voters.atStation(orgId, station));
            voters.forgetStation(orgId, station);
        }
        audit.record(orgId, actor, "roll.purge", null, deleted + " voters deleted");
        return new Purge(orgId, deleted);
    }

    /** The daily run: deletes the roll of every organisation whose election date and retention have passed. */
    public List<Purge> purgeExpired() {
        Instant now = clock.instant();
        List<Purge> purged = new ArrayList<>();
        for (Organisation organisation : organisations.list()) {
            Optional<RollRetention> retention = voters.retention(organisation.id());
            if (retention.isPresent() && !retention.get().expiresAt(zone(organisation)).isAfter(now)
                    && !voters.stations(organisation.id()).isEmpty()) {
                purged.add(purge(organisation.id(), "schedule:roll-purge"));
            }
        }
        LOG.infof("roll purge: %d organisations past their retention", purged.size());
        return purged;
    }

    /** Gives every voter still within its retention the new TTL; those past it are deleted, never brought back. */
    private int restamp(String orgId, long ttl) {
        long now = clock.instant().getEpochSecond();
        int stamped = 0;
        List<String> stations = voters.stations(orgId);
        for (String station : stations) {
            List<Voter> kept = new ArrayList<>();
            List<Voter> gone = new ArrayList<>();
            for (Voter voter : voters.atStation(orgId, station)) {
                (voter.expiredAt(now) ? gone : kept).add(voter);
            }
            voters.writeAll(kept.stream().map(voter -> voter.withTtl(ttl)).toList());
            voters.deleteAll(gone);
            stamped += kept.size();
        }
        voters.markStations(orgId, stations, ttl);
        return stamped;
    }

    private Organisation organisation(String orgId) {
        return organisations.find(orgId).orElseThrow(() -> new NotFoundException("no organisation " + orgId));
    }

    private static ZoneId zone(Organisation organisation) {
        return ZoneId.of(organisation.timeZone() == null ? "Europe/Paris" : organisation.timeZone());
    }
}
