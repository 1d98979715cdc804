package org.turnout.mailing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A mailing item, {@code ORG#o / MAIL#id}: what is sent (sender, subject, bodies), to whom (a
 * segment), when, and how far it got. The dispatch cursors and the counts are written only by
 * targeted updates ({@link MailingRepository}); the item is saved whole only while it is editable.
 */
public final class Mailing implements OrganisationItem {
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
            OrganisationItem.schema(Mailing.class, Builder.class, Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(MAILING_ID).getter(Mailing::mailingId).setter(Builder::mailingId))
                    .addAttribute(String.class, a -> a.name(NAME).getter(Mailing::name).setter(Builder::name))
                    .addAttribute(String.class, a -> a.name(FROM_NAME).getter(Mailing::fromName).setter(Builder::fromName))
                    .addAttribute(String.class, a -> a.name(FROM_ADDRESS).getter(Mailing::fromAddress).setter(Builder::fromAddress))
                    .addAttribute(String.class, a -> a.name(REPLY_TO).getter(Mailing::replyTo).setter(Builder::replyTo))
                    .addAttribute(String.class, a -> a.name(SUBJECT).getter(Mailing::subject).setter(Builder::subject))
                    .addAttribute(String.class, a -> a.name(HTML).getter(Mailing::html).setter(Builder::html))
                    .addAttribute(String.class, a -> a.name(TEXT).getter(Mailing::text).setter(Builder::text))
                    .addAttribute(String.class, a -> a.name(SEGMENT_ID).getter(Mailing::segmentId).setter(Builder::segmentId))
                    .addAttribute(Instant.class, a -> a.name(SEND_AT).getter(Mailing::sendAt).setter(Builder::sendAt))
                    .addAttribute(String.class, a -> a.name(STATE).getter(Mailing::state).setter(Builder::state))
                    .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name(DISPATCH_CURSORS).getter(Mailing::dispatchCursors).setter(Builder::dispatchCursors))
                    .addAttribute(Boolean.class, a -> a.name(DISPATCH_COMPLETE).getter(Mailing::dispatchComplete).setter(Builder::dispatchComplete))
                    .addAttribute(Long.class, a -> a.name(RECIPIENTS).getter(Mailing::recipients).setter(Builder::recipients))
                    .addAttribute(Long.class, a -> a.name(SENT).getter(Mailing::sent).setter(Builder::sent))
                    .addAttribute(Long.class, a -> a.name(FAILED).getter(Mailing::failed).setter(Builder::failed))
                    .addAttribute(Long.class, a -> a.name(SKIPPED).getter(Mailing::skipped).setter(Builder::skipped))
                    .addAttribute(Long.class, a -> a.name(UNKNOWN).getter(Mailing::unknown).setter(Builder::unknown))
                    .addAttribute(Long.class, a -> a.name(DELIVERED).getter(Mailing::delivered).setter(Builder::delivered))
                    .addAttribute(Long.class, a -> a.name(BOUNCED).getter(Mailing::bounced).setter(Builder::bounced))
                    .addAttribute(Long.class, a -> a.name(COMPLAINED).getter(Mailing::complained).setter(Builder::complained))
                    .addAttribute(Long.class, a -> a.name(OPENED).getter(Mailing::opened).setter(Builder::opened))
                    .addAttribute(Long.class, a -> a.name(CLICKED).getter(Mailing::clicked).setter(Builder::clicked))
                    .addAttribute(Long.class, a -> a.name(UNSUBSCRIBED).getter(Mailing::unsubscribed).setter(Builder::unsubscribed))
                    .addAttribute(Instant.class, a -> a.name(DISPATCH_STARTED_AT).getter(Mailing::dispatchStartedAt).setter(Builder::dispatchStartedAt))
                    .addAttribute(Long.class, a -> a.name(PROGRESS).getter(Mailing::progress).setter(Builder::progress))
                    .addAttribute(Instant.class, a -> a.name(PROGRESS_AT).getter(Mailing::progressAt).setter(Builder::progressAt))
                    .addAttribute(String.class, a -> a.name(STUCK_REASON).getter(Mailing::stuckReason).setter(Builder::stuckReason))
                    .addAttribute(Instant.class, a -> a.name(FINISHED_AT).getter(Mailing::finishedAt).setter(Builder::finishedAt))
                    .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(Mailing::createdAt).setter(Builder::createdAt))
                    .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(Mailing::updatedAt).setter(Builder::updatedAt))
                    .build();

    private final String orgId;
    private final Long version;
    private final String mailingId;
    private final String name;
    private final String fromName;
    private final String fromAddress;
    private final String replyTo;
    private final String subject;
    private final String html;
    private final String text;
    private final String segmentId;
    private final Instant sendAt;
    private final String state;
    private final Map<String, String> dispatchCursors;
    private final Boolean dispatchComplete;
    private final Long recipients;
    private final Long sent;
    private final Long failed;
    private final Long skipped;
    private final Long unknown;
    private final Long delivered;
    private final Long bounced;
    private final Long complained;
    private final Long opened;
    private final Long clicked;
    private final Long unsubscribed;
    private final Instant dispatchStartedAt;
    private final Long progress;
    private final Instant progressAt;
    private final String stuckReason;
    private final Instant finishedAt;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Mailing(Builder builder) {
        this.orgId = builder.orgId();
        this.version = builder.version();
        this.mailingId = builder.mailingId;
        this.name = builder.name;
        this.fromName = builder.fromName;
        this.fromAddress = builder.fromAddress;
        this.replyTo = builder.replyTo;
        this.subject = builder.subject;
        this.html = builder.html;
        this.text = builder.text;
        this.segmentId = builder.segmentId;
        this.sendAt = builder.sendAt;
        this.state = builder.state;
        this.dispatchCursors = builder.dispatchCursors == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(builder.dispatchCursors));
        this.dispatchComplete = builder.dispatchComplete;
        this.recipients = builder.recipients;
        this.sent = builder.sent;
        this.failed = builder.failed;
        this.skipped = builder.skipped;
        this.unknown = builder.unknown;
        this.delivered = builder.delivered;
        this.bounced = builder.bounced;
        this.complained = builder.complained;
        this.opened = builder.opened;
        this.clicked = builder.clicked;
        this.unsubscribed = builder.unsubscribed;
        this.dispatchStartedAt = builder.dispatchStartedAt;
        this.progress = builder.progress;
        this.progressAt = builder.progressAt;
        this.stuckReason = builder.stuckReason;
        this.finishedAt = builder.finishedAt;
        this.createdAt = builder.createdAt;
        this.updatedAt = builder.updatedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).version(version).mailingId(mailingId).name(name).fromName(fromName).fromAddress(fromAddress).replyTo(replyTo).subject(subject).html(html).text(text).segmentId(segmentId).sendAt(sendAt).state(state).dispatchCursors(dispatchCursors).dispatchComplete(dispatchComplete).recipients(recipients).sent(sent).failed(failed).skipped(skipped).unknown(unknown).delivered(delivered).bounced(bounced).complained(complained).opened(opened).clicked(clicked).unsubscribed(unsubscribed).dispatchStartedAt(dispatchStartedAt).progress(progress).progressAt(progressAt).stuckReason(stuckReason).finishedAt(finishedAt).createdAt(createdAt).updatedAt(updatedAt);
    }

    /** The same mailing at another version: what a write that succeeded stored. */
    public Mailing withVersion(Long version) {
        return toBuilder().version(version).build();
    }

    @Override
    public String sk() {
        return Keys.mailingSk(mailingId);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String orgId() {
        return orgId;
    }

    @Override
    public Long version() {
        return version;
    }

    public String mailingId() {
        return mailingId;
    }

    public String name() {
        return name;
    }

    public String fromName() {
        return fromName;
    }

    public String fromAddress() {
        return fromAddress;
    }

    public String replyTo() {
        return replyTo;
    }

    public String subject() {
        return subject;
    }

    public String html() {
        return html;
    }

    public String text() {
        return text;
    }

    public String segmentId() {
        return segmentId;
    }

    public Instant sendAt() {
        return sendAt;
    }

    public String state() {
        return state;
    }

    public Map<String, String> dispatchCursors() {
        return dispatchCursors;
    }

    public Boolean dispatchComplete() {
        return dispatchComplete;
    }

    public Long recipients() {
        return recipients;
    }

    public Long sent() {
        return sent;
    }

    public Long failed() {
        return failed;
    }

    public Long skipped() {
        return skipped;
    }

    public Long unknown() {
        return unknown;
    }

    public Long delivered() {
        return delivered;
    }

    public Long bounced() {
        return bounced;
    }

    public Long complained() {
        return complained;
    }

    public Long opened() {
        return opened;
    }

    public Long clicked() {
        return clicked;
    }

    public Long unsubscribed() {
        return unsubscribed;
    }

    public Instant dispatchStartedAt() {
        return dispatchStartedAt;
    }

    /** The sum of its counts when the reconciler last saw it move. */
    public Long progress() {
        return progress;
    }

    public Instant progressAt() {
        return progressAt;
    }

    /** Why a mailing that stands still is not sent yet, for staff; written by the reconciler. */
    public String stuckReason() {
        return stuckReason;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public MailingState stateValue() {
        return MailingState.of(state);
    }

    /** A counter that DynamoDB has not created yet is zero. */
    public static long count(Long value) {
        return value == null ? 0 : value;
    }

    public static final class Builder extends OrganisationItem.Builder<Builder> {
        private String mailingId;
        private String name;
        private String fromName;
        private String fromAddress;
        private String replyTo;
        private String subject;
        private String html;
        private String text;
        private String segmentId;
        private Instant sendAt;
        private String state;
        private Map<String, String> dispatchCursors;
        private Boolean dispatchComplete;
        private Long recipients;
        private Long sent;
        private Long failed;
        private Long skipped;
        private Long unknown;
        private Long delivered;
        private Long bounced;
        private Long complained;
        private Long opened;
        private Long clicked;
        private Long unsubscribed;
        private Instant dispatchStartedAt;
        private Long progress;
        private Instant progressAt;
        private String stuckReason;
        private Instant finishedAt;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {
        }

        public Builder mailingId(String mailingId) {
            this.mailingId = mailingId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder fromName(String fromName) {
            this.fromName = fromName;
            return this;
        }

        public Builder fromAddress(String fromAddress) {
            this.fromAddress = fromAddress;
            return this;
        }

        public Builder replyTo(String replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder html(String html) {
            this.html = html;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder segmentId(String segmentId) {
            this.segmentId = segmentId;
            return this;
        }

        public Builder sendAt(Instant sendAt) {
            this.sendAt = sendAt;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder dispatchCursors(Map<String, String> dispatchCursors) {
            this.dispatchCursors = dispatchCursors;
            return this;
        }

        public Builder dispatchComplete(Boolean dispatchComplete) {
            this.dispatchComplete = dispatchComplete;
            return this;
        }

        public Builder recipients(Long recipients) {
            this.recipients = recipients;
            return this;
        }

        public Builder sent(Long sent) {
            this.sent = sent;
            return this;
        }

        public Builder failed(Long failed) {
            this.failed = failed;
            return this;
        }

        public Builder skipped(Long skipped) {
            this.skipped = skipped;
            return this;
        }

        public Builder unknown(Long unknown) {
            this.unknown = unknown;
            return this;
        }

        public Builder delivered(Long delivered) {
            this.delivered = delivered;
            return this;
        }

        public Builder bounced(Long bounced) {
            this.bounced = bounced;
            return this;
        }

        public Builder complained(Long complained) {
            this.complained = complained;
            return this;
        }

        public Builder opened(Long opened) {
            this.opened = opened;
            return this;
        }

        public Builder clicked(Long clicked) {
            this.clicked = clicked;
            return this;
        }

        public Builder unsubscribed(Long unsubscribed) {
            this.unsubscribed = unsubscribed;
            return this;
        }

        public Builder dispatchStartedAt(Instant dispatchStartedAt) {
            this.dispatchStartedAt = dispatchStartedAt;
            return this;
        }

        public Builder progress(Long progress) {
            this.progress = progress;
            return this;
        }

        public Builder progressAt(Instant progressAt) {
            this.progressAt = progressAt;
            return this;
        }

        public Builder stuckReason(String stuckReason) {
            this.stuckReason = stuckReason;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Mailing build() {
            return new Mailing(this);
        }
    }
}
