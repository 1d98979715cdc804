package org.turnout.bench.render;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.turnout.contact.Contact;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingContent.RenderedMessage;
import org.turnout.sending.MailingSender;
import org.turnout.sending.Recipient;
import org.turnout.sending.SendQueue;

/**
 * One thread, so that a score is what one core does. Each call takes the next of 1,024 contacts, so that names,
 * the fallback and the {@code {#if}} vary as in a real mailing.
 *
 * <ul>
 *   <li>{@link #template}: the product's rendering of one recipient's message, as {@code MailingSender} does it:
 *       the signed unsubscribe link, then {@code MailingContent.render} (subject, HTML, text);</li>
 *   <li>{@link #raw}: the ceiling, the same link and the same message by {@link RawMessage};</li>
 *   <li>{@link #link}: the signed link alone, the share of both that is not rendering;</li>
 *   <li>{@link #sendPath}: all that SendFunction does for one recipient but wait for the network: the queue message
 *       parsed, {@code MailingSender.deliver} (the reads of contact, record and suppressions, the rate permit, the
 *       claim, the rendering, the {@code SendEmail} request, the outcome and its count), every SDK call built,
 *       signed, marshalled and its answer unmarshalled, the answers served from memory ({@link CannedAws}).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RenderBenchmark {
    static final int CONTACTS = 1024;

    private SendPath path;
    private MailingContent content;
    private List<Contact> contacts;
    private String[] queueBodies;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        path = new SendPath(CONTACTS);
        content = MailingContent.of(FrenchMailing.mailing(SendPath.ORG, SendPath.MAILING));
        contacts = path.contacts;
        queueBodies = contacts.stream()
                .map(c -> SendQueue.body(new Recipient(SendPath.ORG, SendPath.MAILING, c.contactId()))).toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        path.close();
    }

    private int nextIndex() {
        next = (next + 1) & (CONTACTS - 1);
        return next;
    }

    @Benchmark
    public RenderedMessage template() {
        Contact contact = contacts.get(nextIndex());
        String link = path.links.linkFor(SendPath.ORG, contact.contactId(), SendPath.MAILING);
        return content.render(contact, FrenchMailing.ORGANISATION, link);
    }

    @Benchmark
    public RenderedMessage raw() {
        Contact contact = contacts.get(nextIndex());
        String link = path.links.linkFor(SendPath.ORG, contact.contactId(), SendPath.MAILING);
        return RawMessage.of(contact, FrenchMailing.ORGANISATION, link);
    }

    @Benchmark
    public String link() {
        Contact contact = contacts.get(nextIndex());
        return path.links.linkFor(SendPath.ORG, contact.contactId(), SendPath.MAILING);
    }

    @Benchmark
    public MailingSender.Delivery sendPath() {
        Recipient recipient = SendQueue.parse(queueBodies[nextIndex()]);
        MailingSender.Delivery delivery = path.sender.deliver(recipient, 1);
        if (delivery != MailingSender.Delivery.DONE) {
            throw new IllegalStateException("the send path did not send: " + delivery);
        }
        return delivery;
    }
}
