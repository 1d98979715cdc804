package org.turnout.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.TransientBounce;

/**
 * What deliveries, opens, clicks and transient bounces change on a contact. Each change is
 * idempotent and tolerates events out of order: mailing ids are added once, times only move
 * forward, and a transient bounce older than the last delivery no longer counts.
 */
final class ContactEngagement {
    /** Transient bounces in a row (no delivery between them) that suppress an address. */
    static final int TRANSIENT_BOUNCES_TO_SUPPRESS = 3;

    private ContactEngagement() {
    }

    /** @return the changed contact, empty when nothing changes */
    static Optional<Contact> delivered(Contact contact, String mailingId, Instant at) {
        boolean changed = false;
        ContactBuilder next = contact.with();
        if (mailingId != null) {
            List<String> received = withAdded(contact.mailingsReceived(), mailingId);
            changed = received != contact.mailingsReceived();
            next.mailingsReceived(received);
        }
        if (contact.lastDeliveredAt() == null || contact.lastDeliveredAt().isBefore(at)) {
            next.lastDeliveredAt(at);
            changed = true;
        }
        List<TransientBounce> bounces = contact.transientBounces();
        if (bounces != null && bounces.stream().anyMatch(b -> !b.at().isAfter(at))) {
            next.transientBounces(bounces.stream().filter(b -> b.at().isAfter(at)).toList());
            changed = true;
        }
        return changed ? Optional.of(next.build()) : Optional.empty();
    }

    static Optional<Contact> opened(Contact contact, String mailingId, Instant at) {
        boolean changed = false;
        ContactBuilder next = contact.with();
        if (mailingId != null) {
            List<String> opened = withAdded(contact.mailingsOpened(), mailingId);
            changed = opened != contact.mailingsOpened();
            next.mailingsOpened(opened);
        }
        if (contact.lastOpenedAt() == null || contact.lastOpenedAt().isBefore(at)) {
            next.lastOpenedAt(at);
            changed = true;
        }
        return changed ? Optional.of(next.build()) : Optional.empty();
    }

    static Optional<Contact> clicked(Contact contact, String mailingId, Instant at) {
        boolean changed = false;
        ContactBuilder next = contact.with();
        if (mailingId != null) {
            List<String> clicked = withAdded(contact.mailingsClicked(), mailingId);
            changed = clicked != contact.mailingsClicked();
            next.mailingsClicked(clicked);
        }
        if (contact.lastClickedAt() == null || contact.lastClickedAt().isBefore(at)) {
            next.lastClickedAt(at);
            changed = true;
        }
        return changed ? Optional.of(next.build()) : Optional.empty();
    }

    /** Counts a transient bounce of one message, unless a later delivery already showed the address works. */
    static Optional<Contact> transientBounce(Contact contact, String messageId, Instant at) {
        if (contact.lastDeliveredAt() != null && !contact.lastDeliveredAt().isBefore(at)) {
            return Optional.empty();
        }
        List<TransientBounce> bounces = contact.transientBounces() == null ? List.of() : contact.transientBounces();
        if (bounces.stream().anyMatch(b -> b.messageId().equals(messageId))) {
            return Optional.empty();
        }
        List<TransientBounce> more = new ArrayList<>(bounces);
        more.add(new TransientBounce(messageId, at));
        return Optional.of(contact.with().transientBounces(more).build());
    }

    static boolean tooManyTransientBounces(Contact contact) {
        return contact.transientBounces() != null && contact.transientBounces().size() >= TRANSIENT_BOUNCES_TO_SUPPRESS;
    }

    /** The same list when the id is there already, otherwise a new one with it at the end. */
    private static List<String> withAdded(List<String> ids, String id) {
        if (ids != null && ids.contains(id)) {
            return ids;
        }
        List<String> added = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
        added.add(id);
        return added;
    }
}
