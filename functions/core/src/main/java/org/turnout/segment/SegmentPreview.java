package org.turnout.segment;

import java.util.List;
import org.turnout.contact.ContactView;

/** How many mailable contacts a rule selects, and the first of them by id. */
public record SegmentPreview(long count, List<ContactView> sample) {
}
