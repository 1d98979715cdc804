package org.turnout.privacy;

import java.util.Map;

/**
 * What an erasure did.
 *
 * @param contactFound whether a contact item existed (the tombstone is written either way)
 * @param erased       per holder, how many items it deleted or scrubbed
 */
public record ErasureReport(boolean contactFound, boolean suppressionEntryRemoved, Map<String, Integer> erased) {
}
