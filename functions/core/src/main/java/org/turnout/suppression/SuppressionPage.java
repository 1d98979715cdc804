package org.turnout.suppression;

import java.util.List;

/** A page of the suppression list in contact-id order; {@code next} is the cursor of the following page, or null. */
public record SuppressionPage(List<SuppressionEntry> items, String next) {
}
