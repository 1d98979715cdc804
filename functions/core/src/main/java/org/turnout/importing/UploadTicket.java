package org.turnout.importing;

import java.time.Instant;

/** Where and until when to PUT the file; the import starts when it lands. */
public record UploadTicket(String method, String uploadUrl, String key, Instant expiresAt) {
}
