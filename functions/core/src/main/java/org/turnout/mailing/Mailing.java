package org.turnout.mailing;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Map;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A mailing item, {@code ORG#o / MAIL#id}: what is sent (sender, subject, bodies), to whom (a
 * segment), when, and how far it got. The dispatch cursors and the counts are written only by
 * targeted updates ({@link MailingRepository}); the item is saved whole only while it is editable.
 *
 * @param progress The sum of its counts when the reconciler last saw it move.
 * @param stuckReason Why a mailing that stands still is not sent yet, for staff; written by the reconciler.
 */
@RecordBuilder
public record Mailing(
        String orgId, Long version, String mailingId, String name, String fromName, String fromAddress,
        String replyTo, String subject, String html, String text, String segmentId, Instant sendAt, String state,
        Map<String, String> dispatchCursors, Boolean dispatchComplete, Long recipients, Long sent, Long failed,
        Long skipped, Long unknown, Long delivered, Long bounced, Long complained, Long opened, Long clicked,
        Long unsubscribed, Instant dispatchStartedAt, Long progress, Instant progressAt, String stuckReason,
        Instant finishedAt, Instant createdAt, Instant updatedAt)
        implements OrganisationItem, MailingBuilder.With {
    public static final String TYPE = "mailing";
    public static final String MAILING_ID = "mailingId";
    public static final String NAME = "name";
    public static final String FROM_NAME = "fromName";
    public static final String FROM_ADDRESS = "fromAddress";
    public static final String REPLY_TO = "replyTo";
    public static final String SUBJECT = "subject";
    public static final String HTML = "html";
    public static final String TEXT = "text";
    public static final String SEGMENT_ID = "segmentId";
    public static final String SEND_AT = "sendAt";
    public static final String STATE = "state";
    public static final String DISPATCH_CURSORS = "dispatchCursors";
    public static final String DISPATCH_COMPLETE = "dispatchComplete";
    public static final String RECIPIENTS = "recipients";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String UNKNOWN = "unknown";
    public static final String DELIVERED = "delivered";
    public static final String BOUNCED = "bounced";
    public static final String COMPLAINED = "complained";
    public static final String OPENED = "opened";
    public static final String CLICKED = "clicked";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String DISPATCH_STARTED_AT = "dispatchStartedAt";
    public static final String PROGRESS = "progress";
    public static final String PROGRESS_AT = "progressAt";
    public static final String STUCK_REASON = "stuckReason";
    public static final String FINISHED_AT = "finishedAt";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    /** Kept by targeted updates only: the dispatch lease, when the counts were last settled, when it was found stuck. */
    public static final String DISPATCH_LEASE_OWNER = "dispatchLeaseOwner";

    public static final String DISPATCH_LEASE_UNTIL = "dispatchLeaseUntil";
    public static final String SETTLED_AT = "settledAt";
    public static final String STUCK_AT = "stuckAt";

    public static final TableSchema<Mailing> SCHEMA =
            OrganisationItem.schema(Mailing.class, MailingBuilder.class, MailingBuilder::builder, MailingBuilder::build,
                            MailingBuilder::orgId, MailingBuilder::version)
                    .addAttribute(String.class, attribute(MAILING_ID, Mailing::mailingId, MailingBuilder::mailingId))
                    .addAttribute(String.class, attribute(NAME, Mailing::name, MailingBuilder::name))
                    .addAttribute(String.class, attribute(FROM_NAME, Mailing::fromName, MailingBuilder::fromName))
                    .addAttribute(String.class, attribute(FROM_ADDRESS, Mailing::fromAddress, MailingBuilder::fromAddress))
                    .addAttribute(String.class, attribute(REPLY_TO, Mailing::replyTo, MailingBuilder::replyTo))
                    .addAttribute(String.class, attribute(SUBJECT, Mailing::subject, MailingBuilder::subject))
                    .addAttribute(String.class, attribute(HTML, Mailing::html, MailingBuilder::html))
                    .addAttribute(String.class, attribute(TEXT, Mailing::text, MailingBuilder::text))
                    .addAttribute(String.class, attribute(SEGMENT_ID, Mailing::segmentId, MailingBuilder::segmentId))
                    .addAttribute(Instant.class, attribute(SEND_AT, Mailing::sendAt, MailingBuilder::sendAt))
                    .addAttribute(String.class, attribute(STATE, Mailing::state, MailingBuilder::state))
                    .addAttribute(EnhancedType.mapOf(String.class, String.class), attribute(DISPATCH_CURSORS, Mailing::dispatchCursors, MailingBuilder::dispatchCursors))
                    .addAttribute(Boolean.class, attribute(DISPATCH_COMPLETE, Mailing::dispatchComplete, MailingBuilder::dispatchComplete))
                    .addAttribute(Long.class, attribute(RECIPIENTS, Mailing::recipients, MailingBuilder::recipients))
                    .addAttribute(Long.class, attribute(SENT, Mailing::sent, MailingBuilder::sent))
                    .addAttribute(Long.class, attribute(FAILED, Mailing::failed, MailingBuilder::failed))
                    .addAttribute(Long.class, attribute(SKIPPED, Mailing::skipped, MailingBuilder::skipped))
                    .addAttribute(Long.class, attribute(UNKNOWN, Mailing::unknown, MailingBuilder::unknown))
                    .addAttribute(Long.class, attribute(DELIVERED, Mailing::delivered, MailingBuilder::delivered))
                    .addAttribute(Long.class, attribute(BOUNCED, Mailing::bounced, MailingBuilder::bounced))
                    .addAttribute(Long.class, attribute(COMPLAINED, Mailing::complained, MailingBuilder::complained))
                    .addAttribute(Long.class, attribute(OPENED, Mailing::opened, MailingBuilder::opened))
                    .addAttribute(Long.class, attribute(CLICKED, Mailing::clicked, MailingBuilder::clicked))
                    .addAttribute(Long.class, attribute(UNSUBSCRIBED, Mailing::unsubscribed, MailingBuilder::unsubscribed))
                    .addAttribute(Instant.class, attribute(DISPATCH_STARTED_AT, Mailing::dispatchStartedAt, MailingBuilder::dispatchStartedAt))
                    .addAttribute(Long.class, attribute(PROGRESS, Mailing::progress, MailingBuilder::progress))
                    .addAttribute(Instant.class, attribute(PROGRESS_AT, Mailing::progressAt, MailingBuilder::progressAt))
                    .addAttribute(String.class, attribute(STUCK_REASON, Mailing::stuckReason, MailingBuilder::stuckReason))
                    .addAttribute(Instant.class, attribute(FINISHED_AT, Mailing::finishedAt, MailingBuilder::finishedAt))
                    .addAttribute(Instant.class, attribute(CREATED_AT, Mailing::createdAt, MailingBuilder::createdAt))
                    .addAttribute(Instant.class, attribute(UPDATED_AT, Mailing::updatedAt, MailingBuilder::updatedAt))
                    .build();

    public Mailing {
        dispatchCursors = ItemSchemas.copy(dispatchCursors);
    }

    @Override
    public String sk() {
        return Keys.mailingSk(mailingId);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public MailingState stateValue() {
        return MailingState.of(state);
    }

    /** A counter that DynamoDB has not created yet is zero. */
    public static long count(Long value) {
        return value == null ? 0 : value;
    }
}
