package org.turnout.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A segment as staff write and read it.
 *
 * @param allowImported whether contacts imported without a declared consent source may be mailed
 * @param version       on update, the version read (required: the write is refused if it changed)
 */
public record SegmentDefinition(String id, String name, JsonNode rule, Boolean allowImported, Long version,
                                Instant createdAt, Instant updatedAt) {
}
