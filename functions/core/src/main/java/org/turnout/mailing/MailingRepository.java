package org.turnout.mailing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.turnout.problem.ConflictException;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Mailing items. Content is saved whole, with its version, while the mailing is editable; once it
 * is under way, its state, dispatch cursors and counts change only by targeted, conditional
 * updates, so that concurrent senders' counts ({@code ADD}) are never overwritten.
 */
@ApplicationScoped
public class MailingRepository {
    /** Why the dispatch cancelled a mailing, kept for staff; written by no other path. */
    static final String CANCEL_REASON = "cancelReason";
    private static final String EXISTS = "attribute_exists(" + Attributes.PK + ")";

    private final DynamoDbTable<Mailing> items;
    private final DynamoDbClient dynamo;
    private final String tableName;

    public MailingRepository(TurnoutTable table) {
        this.items = table.items(Mailing.SCHEMA);
        this.dynamo = table.client();
        this.tableName = table.name();
    }

    public Optional<Mailing> find(String orgId, String mailingId) {
        return Optional.ofNullable(items.getItem(r -> r.key(key(orgId, mailingId)).consistentRead(true)));
    }

    public List<Mailing> list(String orgId) {
        return items.query(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.mailingSk("")).build()))
                .items().stream().toList();
    }

    /**
     * The organisation's mailings without their content (bodies, subject, sender): their state,
     * schedule and counts, for a page that shows many of them and asks again every few seconds.
     */
    public List<Mailing> summaries(String orgId) {
        return items.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.mailingSk("")).build()))
                        .attributesToProject(Attributes.PK, Attributes.SK, Mailing.MAILING_ID, Mailing.NAME, Mailing.STATE,
                                Mailing.SEND_AT, Mailing.CREATED_AT, Mailing.RECIPIENTS, Mailing.SENT, Mailing.FAILED,
                                Mailing.SKIPPED, Mailing.UNKNOWN, Mailing.DELIVERED, Mailing.BOUNCED, Mailing.COMPLAINED,
                                Mailing.FINISHED_AT)
                        .build())
                .items().stream().toList();
    }

    /** Stores a new mailing; what it returns is the mailing as stored, at its first version. */
    public Mailing create(Mailing mailing) {
        items.putItem(PutItemEnhancedRequest.builder(Mailing.class).item(mailing)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(" + Attributes.PK + ")").build()).build());
        return mailing.withVersion(1L);
    }

    /** Replaces an editable mailing if its version is still the one read; what it returns is the mailing as stored. */
    public Mailing saveContent(Mailing mailing) {
        try {
            items.putItem(mailing);
            return mailing.withVersion(mailing.version() + 1);
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("mailing " + mailing.mailingId() + " was changed meanwhile; read it again");
        }
    }

    public boolean delete(String orgId, String mailingId, long version) {
        try {
            dynamo.deleteItem(r -> r.tableName(tableName).key(TurnoutTable.key(Keys.organisation(orgId), Keys.mailingSk(mailingId)))
                    .conditionExpression("#version = :version AND #state = :draft")
                    .expressionAttributeNames(Map.of("#version", Attributes.VERSION, "#state", Mailing.STATE))
                    .expressionAttributeValues(Map.of(":version", number(version), ":draft", AttributeValue.fromS(MailingState.DRAFT.code()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A draft or scheduled mailing is (re)scheduled for {@code sendAt}; false if it is neither any more. */
    public boolean schedule(String orgId, String mailingId, Instant sendAt, Instant now) {
        return transition(orgId, mailingId, Set.of(MailingState.DRAFT, MailingState.SCHEDULED), MailingState.SCHEDULED,
                Map.of(Mailing.SEND_AT, instant(sendAt)), now);
    }

    /** Staff cancel a mailing not yet sent; false if it is sent or cancelled already. */
    public boolean cancel(String orgId, String mailingId, Instant now) {
        return transition(orgId, mailingId, MailingState.CANCELLABLE, MailingState.CANCELLED, Map.of(), now);
    }

    /** A sending mailing that cannot go on (its segment is gone) is cancelled, with the reason; false if it was not sending. */
    public boolean cancelSending(String orgId, String mailingId, String reason, Instant now) {
        return transition(orgId, mailingId, Set.of(MailingState.SENDING), MailingState.CANCELLED,
                Map.of(CANCEL_REASON, AttributeValue.fromS(reason)), now);
    }

    /** Its schedule fired: a scheduled mailing starts sending; false if it was not scheduled. */
    public boolean startSending(String orgId, String mailingId, Instant now) {
        return transition(orgId, mailingId, Set.of(MailingState.SCHEDULED), MailingState.SENDING, Map.of(), now);
    }

    public boolean pause(String orgId, String mailingId, Instant now) {
        return transition(orgId, mailingId, MailingState.PAUSABLE, MailingState.PAUSED, Map.of(), now);
    }

    public boolean resume(String orgId, String mailingId, Instant now) {
        return transition(orgId, mailingId, MailingState.RESUMABLE, MailingState.SENDING, Map.of(), now);
    }

    /**
     * Moves the mailing from one of {@code from} to {@code to}, setting {@code also} with it; false
     * if it was in none of them (someone else moved it first).
     */
    private boolean transition(String orgId, String mailingId, Set<MailingState> from, MailingState to,
                               Map<String, AttributeValue> also, Instant now) {
        Update update = new Update().set(Mailing.STATE, AttributeValue.fromS(to.code())).set(Mailing.UPDATED_AT, instant(now));
        also.forEach(update::set);
        update.add(Attributes.VERSION, 1);
        List<String> allowed = new ArrayList<>();
        for (MailingState state : from) {
            allowed.add(update.value(AttributeValue.fromS(state.code())));
        }
        return update.apply(orgId, mailingId, update.name(Mailing.STATE) + " IN (" + String.join(", ", allowed) + ")");
    }

    /** The dispatch begins (or resumes): its cursors exist, so that each shard's can be set alone. */
    public void beginDispatch(String orgId, String mailingId, Instant now) {
        Update update = new Update();
        String cursors = update.name(Mailing.DISPATCH_CURSORS);
        String started = update.name(Mailing.DISPATCH_STARTED_AT);
        update.expressions.add(cursors + " = if_not_exists(" + cursors + ", " + update.value(AttributeValue.fromM(Map.of())) + ")");
        update.expressions.add(started + " = if_not_exists(" + started + ", " + update.value(instant(now)) + ")");
        update.apply(orgId, mailingId, EXISTS);
    }

    /**
     * Takes (or renews) the dispatch lease, so that a schedule firing twice, or a retry beside a
     * live dispatch, never runs two dispatches of one mailing at once.
     */
    public boolean leaseDispatch(String orgId, String mailingId, String owner, long untilMillis, long nowMillis) {
        Update update = new Update().set(Mailing.DISPATCH_LEASE_OWNER, AttributeValue.fromS(owner)).set(Mailing.DISPATCH_LEASE_UNTIL, number(untilMillis));
        String lease = update.name(Mailing.DISPATCH_LEASE_UNTIL);
        return update.apply(orgId, mailingId, "(attribute_not_exists(" + lease + ") OR " + lease + " < " + update.value(number(nowMillis))
                + " OR " + update.name(Mailing.DISPATCH_LEASE_OWNER) + " = " + update.value(AttributeValue.fromS(owner)) + ")"
                + " AND " + update.name(Mailing.STATE) + " = " + update.value(AttributeValue.fromS(MailingState.SENDING.code())));
    }

    public void releaseDispatch(String orgId, String mailingId, String owner) {
        Update update = new Update();
        update.removes.add(update.name(Mailing.DISPATCH_LEASE_UNTIL));
        update.removes.add(update.name(Mailing.DISPATCH_LEASE_OWNER));
        update.apply(orgId, mailingId, update.name(Mailing.DISPATCH_LEASE_OWNER) + " = " + update.value(AttributeValue.fromS(owner)));
    }

    /**
     * Records that a shard was enqueued up to {@code cursor}, and the recipients it added, in one
     * write: a crash before it re-enqueues the page (the send claim absorbs that) without counting it twice.
     * Only the holder of the dispatch lease may write it: a stale dispatch (its lease taken over) would
     * otherwise move a cursor back or count a page twice. False if the lease is {@code owner}'s no more.
     */
    public boolean advanceCursor(String orgId, String mailingId, String owner, int shard, String cursor, long recipientsAdded) {
        Update update = new Update();
        update.expressions.add(update.name(Mailing.DISPATCH_CURSORS) + "." + update.name(Integer.toString(shard)) + " = " + update.value(AttributeValue.fromS(cursor)));
        update.add(Mailing.RECIPIENTS, recipientsAdded);
        return update.apply(orgId, mailingId, update.name(Mailing.DISPATCH_LEASE_OWNER) + " = " + update.value(AttributeValue.fromS(owner)));
    }

    public void completeDispatch(String orgId, String mailingId) {
        new Update().set(Mailing.DISPATCH_COMPLETE, AttributeValue.fromBool(true)).apply(orgId, mailingId, EXISTS);
    }

    /** Adds to the mailing's counts (sent, failed, skipped, unknown; delivered, opened...); false if there is no such mailing. */
    public boolean addCounts(String orgId, String mailingId, Map<String, Long> counts) {
        Update update = new Update();
        counts.forEach(update::add);
        return update.apply(orgId, mailingId, EXISTS);
    }

    /**
     * Claims the right to settle (recount) the mailing, at most once per {@code gapMillis}: a
     * recount reads every send record, and the last senders of a batch would all ask at once.
     */
    public boolean claimSettling(String orgId, String mailingId, long nowMillis, long gapMillis) {
        Update update = new Update().set(Mailing.SETTLED_AT, number(nowMillis));
        String settled = update.name(Mailing.SETTLED_AT);
        return update.apply(orgId, mailingId, "attribute_not_exists(" + settled + ") OR " + settled + " < "
                + update.value(number(nowMillis - gapMillis)));
    }

    /** The mailings under way (state {@code sending}) of one organisation. */
    public List<Mailing> sending(String orgId) {
        return list(orgId).stream().filter(mailing -> mailing.stateValue() == MailingState.SENDING).toList();
    }

    /**
     * Notes how far a sending mailing has got ({@code progress}, a sum of its counts) when it differs
     * from the last note: true if it moved since (or was never noted), false if it stands still.
     */
    public boolean noteProgress(String orgId, String mailingId, long progress, Instant now) {
        Update update = new Update().set(Mailing.PROGRESS, number(progress)).set(Mailing.PROGRESS_AT, instant(now));
        update.removes.add(update.name(Mailing.STUCK_REASON));
        String noted = update.name(Mailing.PROGRESS);
        return update.apply(orgId, mailingId, EXISTS + " AND (attribute_not_exists(" + noted + ") OR "
                + noted + " <> " + update.value(number(progress)) + ")");
    }

    /** Tells staff, on the mailing, why it is not sent yet although nothing moves. */
    public void noteStuck(String orgId, String mailingId, String reason, Instant now) {
        Update update = new Update().set(Mailing.STUCK_REASON, AttributeValue.fromS(reason)).set(Mailing.STUCK_AT, instant(now));
        update.apply(orgId, mailingId, update.name(Mailing.STATE) + " = " + update.value(AttributeValue.fromS(MailingState.SENDING.code())));
    }

    /** Every recipient has an outcome: the mailing is sent, with the exact counts of its send records. */
    public boolean finish(String orgId, String mailingId, Map<String, Long> exactCounts, Instant now) {
        Map<String, AttributeValue> also = new HashMap<>();
        exactCounts.forEach((name, count) -> also.put(name, number(count)));
        also.put(Mailing.FINISHED_AT, instant(now));
        return transition(orgId, mailingId, Set.of(MailingState.SENDING), MailingState.SENT, also, now);
    }

    private static AttributeValue instant(Instant value) {
        return AttributeValue.fromS(value.toString());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Key key(String orgId, String mailingId) {
        return Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.mailingSk(mailingId)).build();
    }

    /** One UpdateItem expression, its names and values numbered as they are added. */
    private final class Update {
        final List<String> expressions = new ArrayList<>();
        final List<String> additions = new ArrayList<>();
        final List<String> removes = new ArrayList<>();
        final Map<String, String> names = new HashMap<>();
        final Map<String, AttributeValue> values = new HashMap<>();

        Update set(String attribute, AttributeValue value) {
            expressions.add(name(attribute) + " = " + value(value));
            return this;
        }

        Update add(String attribute, long amount) {
            additions.add(name(attribute) + " " + value(number(amount)));
            return this;
        }

        String name(String attribute) {
            String placeholder = "#n" + names.size();
            names.put(placeholder, attribute);
            return placeholder;
        }

        String value(AttributeValue value) {
            String placeholder = ":v" + values.size();
            values.put(placeholder, value);
            return placeholder;
        }

        boolean apply(String orgId, String mailingId, String condition) {
            StringBuilder expression = new StringBuilder();
            if (!expressions.isEmpty()) {
                expression.append("SET ").append(String.join(", ", expressions)).append(' ');
            }
            if (!additions.isEmpty()) {
                expression.append("ADD ").append(String.join(", ", additions)).append(' ');
            }
            if (!removes.isEmpty()) {
                expression.append("REMOVE ").append(String.join(", ", removes));
            }
            try {
                dynamo.updateItem(r -> r.tableName(tableName)
                        .key(TurnoutTable.key(Keys.organisation(orgId), Keys.mailingSk(mailingId)))
                        .updateExpression(expression.toString().strip())
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values.isEmpty() ? null : values));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
    }
}
