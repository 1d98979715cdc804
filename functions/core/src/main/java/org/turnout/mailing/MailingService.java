package org.turnout.mailing;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.turnout.contact.Contact;
import org.turnout.contact.EmailAddress;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.organisation.Sender;
import org.turnout.problem.ConflictException;
import org.turnout.problem.FieldError;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;
import org.turnout.segment.SegmentRepository;

/** Mailings as staff handle them: write, check, schedule, pause, resume, cancel, preview, test. */
@Singleton
public record MailingService(MailingRepository mailings, OrganisationRepository organisations, SegmentRepository segments,
                             MailingScheduler scheduler, MailingPreviews previews, TestSends testSends, Clock clock) {
    static final int MAX_BODY = 150_000;
    /** A resumed dispatch starts this soon: the schedule's time is in whole seconds, and must be ahead. */
    private static final Duration RESUME_DELAY = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    public MailingView create(String orgId, MailingDraft draft) {
        Organisation organisation = organisation(orgId);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Instant now = clock.instant();
        MailingBuilder mailing = MailingBuilder.builder().orgId(orgId).mailingId(HexFormat.of().formatHex(id)).state(MailingState.DRAFT.code());
        apply(draft, mailing, MailingState.DRAFT, organisation);
        return MailingView.of(mailings.create(mailing.createdAt(now).updatedAt(now).build()));
    }

    /** Changes a draft or scheduled mailing; a scheduled one whose time changed is rescheduled. */
    public MailingView update(String orgId, String mailingId, MailingDraft draft) {
        Organisation organisation = organisation(orgId);
        Mailing read = find(orgId, mailingId);
        if (draft.version() == null) {
            throw InvalidInputException.of("version", "is required: the version you read, so that no change is lost");
        }
        requireEditable(read);
        MailingBuilder changed = read.with();
        apply(draft, changed, read.stateValue(), organisation);
        Mailing edited = changed.version(draft.version()).updatedAt(clock.instant()).build();
        if (edited.stateValue() == MailingState.SCHEDULED) {
            requireSchedulable(edited);
        }
        Mailing mailing = mailings.saveContent(edited);
        if (mailing.stateValue() == MailingState.SCHEDULED) {
            scheduler.schedule(MailingScheduler.sendName(orgId, mailingId), mailing.sendAt(), zone(organisation),
                    new DispatchRequest(orgId, mailingId, mailing.sendAt()));
        }
        return MailingView.of(mailing);
    }

    /** What saving this draft would refuse, each field named, without saving anything: an editor's errors as staff type. */
    public List<FieldError> check(String orgId, MailingDraft draft) {
        try {
            apply(draft, MailingBuilder.builder(), MailingState.DRAFT, organisation(orgId));
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    public MailingView get(String orgId, String mailingId) {
        return MailingView.of(find(orgId, mailingId));
    }

    public MailingStats stats(String orgId, String mailingId) {
        return MailingStats.of(find(orgId, mailingId));
    }

    /** Newest first. */
    public List<MailingView> list(String orgId) {
        return mailings.list(orgId).stream()
                .sorted(Comparator.comparing(Mailing::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(MailingView::of).toList();
    }

    public void delete(String orgId, String mailingId) {
        Mailing mailing = find(orgId, mailingId);
        if (mailing.stateValue() != MailingState.DRAFT || !mailings.delete(orgId, mailingId, mailing.version())) {
            throw new ConflictException("only a draft can be deleted, and mailing " + mailingId + " is " + mailing.state()
                    + "; cancel it instead");
        }
    }

    /**
     * Schedules a draft (or moves a scheduled mailing) to {@code sendAt}, or to the time it holds:
     * the schedule first, then the state, so that a failure between them leaves a schedule that
     * finds a draft and sends nothing.
     */
    public MailingView schedule(String orgId, String mailingId, String sendAt) {
        Organisation organisation = organisation(orgId);
        Mailing read = find(orgId, mailingId);
        requireEditable(read);
        Mailing mailing = read;
        if (sendAt != null) {
            FieldErrors errors = new FieldErrors();
            mailing = read.with().sendAt(sendAtOf(sendAt, organisation, errors)).build();
            errors.throwIfAny();
        }
        requireSchedulable(mailing);
        scheduler.schedule(MailingScheduler.sendName(orgId, mailingId), mailing.sendAt(), zone(organisation),
                new DispatchRequest(orgId, mailingId, mailing.sendAt()));
        if (!mailings.schedule(orgId, mailingId, mailing.sendAt(), clock.instant())) {
            throw new ConflictException("mailing " + mailingId + " changed state meanwhile; read it again");
        }
        return get(orgId, mailingId);
    }

    public MailingView cancel(String orgId, String mailingId) {
        Mailing mailing = find(orgId, mailingId);
        if (!mailings.cancel(orgId, mailingId, clock.instant())) {
            throw new ConflictException("mailing " + mailingId + " is " + find(orgId, mailingId).state() + " and can no longer be cancelled");
        }
        if (mailing.stateValue() == MailingState.SCHEDULED) {
            scheduler.cancel(MailingScheduler.sendName(orgId, mailingId));
        }
        return get(orgId, mailingId);
    }

    /** Stops new sends within seconds: senders park the recipients they receive until it resumes. */
    public MailingView pause(String orgId, String mailingId) {
        find(orgId, mailingId);
        if (!mailings.pause(orgId, mailingId, clock.instant())) {
            throw new ConflictException("only a sending mailing can be paused; " + mailingId + " is " + find(orgId, mailingId).state());
        }
        return get(orgId, mailingId);
    }

    /** Sends again: the dispatch resumes (through the scheduler, at once) from its cursors, parked recipients first. */
    public MailingView resume(String orgId, String mailingId) {
        Organisation organisation = organisation(orgId);
        Mailing mailing = find(orgId, mailingId);
        if (!mailings.resume(orgId, mailingId, clock.instant())) {
            throw new ConflictException("only a paused mailing can be resumed; " + mailingId + " is " + mailing.state());
        }
        Instant now = clock.instant().plus(RESUME_DELAY).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        scheduler.schedule(MailingScheduler.resumeName(orgId, mailingId), now, zone(organisation),
                new DispatchRequest(orgId, mailingId, mailing.sendAt()));
        return get(orgId, mailingId);
    }

    /** The mailing as this contact would receive it. */
    public MailingContent.RenderedMessage preview(String orgId, String mailingId, String contactId) {
        Organisation organisation = organisation(orgId);
        Mailing mailing = find(orgId, mailingId);
        Contact contact = previews.contactFor(orgId, contactId, null);
        return previews.render(organisation, mailing, MailingContent.of(mailing), contact);
    }

    /** Sends the mailing to these addresses only, as a test ({@link TestSends}); answers the message ids. */
    public List<String> sendTest(String orgId, String mailingId, List<String> addresses, String contactId, String actor) {
        return testSends.send(organisation(orgId), find(orgId, mailingId), addresses, contactId, actor);
    }

    private void apply(MailingDraft draft, MailingBuilder mailing, MailingState state, Organisation organisation) {
        if (draft == null) {
            throw InvalidInputException.of("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        mailing.name(errors.text("name", draft.name(), true, 200));
        String address = draft.from() == null ? null : errors.text("from.address", draft.from().address(), true, EmailAddress.MAX_LENGTH);
        Optional<Sender> sender = organisation.senders().stream().filter(s -> s.address().equalsIgnoreCase(String.valueOf(address))).findFirst();
        if (address != null && sender.isEmpty()) {
            errors.add("from.address", "is not one of the organisation's verified senders");
        }
        String fromName = draft.from() == null ? null : errors.text("from.name", draft.from().name(), false, 100);
        mailing.fromAddress(sender.map(Sender::address).orElse(address));
        mailing.fromName(fromName != null ? fromName : sender.map(Sender::name).orElse(null));
        EmailAddress replyTo = EmailAddress.check(errors, "replyTo", draft.replyTo(), false);
        mailing.replyTo(replyTo == null ? null : replyTo.value());
        String subject = errors.text("subject", draft.subject(), true, 500);
        if (subject != null) {
            MergeTemplate.parse(subject, MergeTemplate.Kind.TEXT, "subject", errors);
        }
        mailing.subject(subject);
        String html = body(draft.html(), MergeTemplate.Kind.HTML, "html", errors);
        String text = body(draft.text(), MergeTemplate.Kind.TEXT, "text", errors);
        mailing.html(html).text(text);
        if (html == null && text == null && draft.html() == null && draft.text() == null) {
            errors.add("html", "html or text is required (both is best)");
        }
        String segmentId = errors.text("segmentId", draft.segmentId(), false, 64);
        if (segmentId != null && segments.find(organisation.id(), segmentId).isEmpty()) {
            errors.add("segmentId", "no segment " + segmentId + " in this organisation");
        }
        mailing.segmentId(segmentId);
        if (draft.sendAt() != null) {
            mailing.sendAt(sendAtOf(draft.sendAt(), organisation, errors));
        } else if (state == MailingState.DRAFT) {
            mailing.sendAt(null);
        }
        errors.throwIfAny();
    }

    private static String body(String source, MergeTemplate.Kind kind, String field, FieldErrors errors) {
        if (source == null || source.isBlank()) {
            return null;
        }
        if (source.length() > MAX_BODY) {
            errors.add(field, "must be at most " + MAX_BODY + " characters");
            return null;
        }
        return MergeTemplate.parse(source, kind, field, errors) == null ? null : source;
    }

    private Instant sendAtOf(String text, Organisation organisation, FieldErrors errors) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone(organisation)).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("sendAt", "must be an ISO-8601 date and time, e.g. 2026-12-01T18:00 (in the organisation's time zone) or 2026-12-01T18:00:00+01:00");
                return null;
            }
        }
    }

    private void requireSchedulable(Mailing mailing) {
        FieldErrors errors = new FieldErrors();
        if (mailing.sendAt() == null) {
            errors.add("sendAt", "is required to schedule a mailing");
        } else if (!mailing.sendAt().isAfter(clock.instant())) {
            errors.add("sendAt", "must be in the future");
        }
        if (mailing.segmentId() == null) {
            errors.add("segmentId", "is required to schedule a mailing");
        }
        errors.throwIfAny();
    }

    private static void requireEditable(Mailing mailing) {
        if (!mailing.stateValue().editable()) {
            throw new ConflictException("mailing " + mailing.mailingId() + " is " + mailing.state()
                    + "; only a draft or scheduled mailing can change");
        }
    }

    private static ZoneId zone(Organisation organisation) {
        return organisation.zone();
    }

    private Organisation organisation(String orgId) {
        return organisations.find(orgId).orElseThrow(() -> new NotFoundException("no organisation " + orgId));
    }

    private Mailing find(String orgId, String mailingId) {
        if (mailingId == null || !mailingId.matches("[0-9a-f]{16}")) {
            throw new NotFoundException("no mailing " + mailingId);
        }
        return mailings.find(orgId, mailingId).orElseThrow(() -> new NotFoundException("no mailing " + mailingId));
    }
}
