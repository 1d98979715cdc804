package org.turnout.suppression;

/** Staff adding an address to the suppression list, or removing it: both say why. */
public record SuppressionRequest(String email, String reason) {
}
