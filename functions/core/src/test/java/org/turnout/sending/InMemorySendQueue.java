package org.turnout.sending;

import java.util.ArrayList;
import java.util.List;

/** A {@link SendQueue} in memory, for tests that need no SQS; it can be made to refuse, as a queue that cannot be reached. */
public final class InMemorySendQueue implements SendQueue {
    private final List<Recipient> messages = new ArrayList<>();
    private volatile boolean refusing;

    public InMemorySendQueue refusing() {
        refusing = true;
        return this;
    }

    @Override
    public synchronized void enqueue(List<Recipient> recipients) {
        if (refusing) {
            throw new IllegalStateException("the send queue refused " + recipients.size() + " messages");
        }
        // as on SQS, each goes through its message body
        recipients.forEach(recipient -> messages.add(SendQueue.parse(SendQueue.body(recipient))));
    }

    /** Every recipient put on the queue, in order. */
    public synchronized List<Recipient> messages() {
        return List.copyOf(messages);
    }
}
