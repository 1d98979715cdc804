package org.turnout.problem;

/** One invalid field of a request: its path (for example {@code senders[1].address}) and why. */
public record FieldError(String field, String message) {
}
