package org.turnout.privacy;

import java.util.List;
import java.util.Map;

/**
 * What an erasure did.
 *
 * @param contactFound whether a contact item existed (the tombstone is written either way)
 * @param erased       per holder, how many items it deleted or scrubbed ({@code canvassResults},
 *                     {@code sendRecords}, {@code importReportRows})
 * @param remains      what is kept about the address after erasure, in words
 */
public record ErasureReport(boolean contactFound, boolean suppressionEntryRemoved, Map<String, Integer> erased, List<String> remains) {
}
