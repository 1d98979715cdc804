package org.turnout.roll;

/**
 * What an owner sets about the roll: the election date ({@code 2026-03-15}) and how many days after
 * it the roll is kept (the time for a protest against the result), then deleted.
 */
public record RetentionSettings(String electionDate, Integer retentionDays) {
}
