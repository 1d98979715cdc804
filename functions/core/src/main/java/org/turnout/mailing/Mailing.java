package org.turnout.mailing;

import java.time.Instant;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.OrganisationBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A mailing item, {@code ORG#o / MAIL#id}: what is sent (sender, subject, bodies), to whom (a
 * segment), when, and how far it got. The dispatch cursors and the counts are written only by
 * targeted updates ({@link MailingRepository}); the bean is saved whole only while it is editable.
 */
@DynamoDbBean
public class Mailing extends OrganisationBean {
    public static final String TYPE = "mailing";

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

    @Override
    @DynamoDbSortKey
    @DynamoDbAttribute("SK")
    public String getSk() {
        return Keys.mailingSk(mailingId);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    public String getMailingId() {
        return mailingId;
    }

    public void setMailingId(String mailingId) {
        this.mailingId = mailingId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getFromName() {
        return fromName;
    }

    public void setFromName(String fromName) {
        this.fromName = fromName;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public void setFromAddress(String fromAddress) {
        this.fromAddress = fromAddress;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getHtml() {
        return html;
    }

    public void setHtml(String html) {
        this.html = html;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getSegmentId() {
        return segmentId;
    }

    public void setSegmentId(String segmentId) {
        this.segmentId = segmentId;
    }

    public Instant getSendAt() {
        return sendAt;
    }

    public void setSendAt(Instant sendAt) {
        this.sendAt = sendAt;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Map<String, String> getDispatchCursors() {
        return dispatchCursors;
    }

    public void setDispatchCursors(Map<String, String> dispatchCursors) {
        this.dispatchCursors = dispatchCursors;
    }

    public Boolean getDispatchComplete() {
        return dispatchComplete;
    }

    public void setDispatchComplete(Boolean dispatchComplete) {
        this.dispatchComplete = dispatchComplete;
    }

    public Long getRecipients() {
        return recipients;
    }

    public void setRecipients(Long recipients) {
        this.recipients = recipients;
    }

    public Long getSent() {
        return sent;
    }

    public void setSent(Long sent) {
        this.sent = sent;
    }

    public Long getFailed() {
        return failed;
    }

    public void setFailed(Long failed) {
        this.failed = failed;
    }

    public Long getSkipped() {
        return skipped;
    }

    public void setSkipped(Long skipped) {
        this.skipped = skipped;
    }

    public Long getUnknown() {
        return unknown;
    }

    public void setUnknown(Long unknown) {
        this.unknown = unknown;
    }

    public Long getDelivered() {
        return delivered;
    }

    public void setDelivered(Long delivered) {
        this.delivered = delivered;
    }

    public Long getBounced() {
        return bounced;
    }

    public void setBounced(Long bounced) {
        this.bounced = bounced;
    }

    public Long getComplained() {
        return complained;
    }

    public void setComplained(Long complained) {
        this.complained = complained;
    }

    public Long getOpened() {
        return opened;
    }

    public void setOpened(Long opened) {
        this.opened = opened;
    }

    public Long getClicked() {
        return clicked;
    }

    public void setClicked(Long clicked) {
        this.clicked = clicked;
    }

    public Long getUnsubscribed() {
        return unsubscribed;
    }

    public void setUnsubscribed(Long unsubscribed) {
        this.unsubscribed = unsubscribed;
    }

    public Instant getDispatchStartedAt() {
        return dispatchStartedAt;
    }

    public void setDispatchStartedAt(Instant dispatchStartedAt) {
        this.dispatchStartedAt = dispatchStartedAt;
    }

    /** The sum of its counts when the reconciler last saw it move. */
    public Long getProgress() {
        return progress;
    }

    public void setProgress(Long progress) {
        this.progress = progress;
    }

    public Instant getProgressAt() {
        return progressAt;
    }

    public void setProgressAt(Instant progressAt) {
        this.progressAt = progressAt;
    }

    /** Why a mailing that stands still is not sent yet, for staff; written by the reconciler. */
    public String getStuckReason() {
        return stuckReason;
    }

    public void setStuckReason(String stuckReason) {
        this.stuckReason = stuckReason;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public MailingState stateValue() {
        return MailingState.of(state);
    }

    /** A counter that DynamoDB has not created yet is zero. */
    public static long count(Long value) {
        return value == null ? 0 : value;
    }

}
