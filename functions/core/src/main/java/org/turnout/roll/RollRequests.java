package org.turnout.roll;

import jakarta.inject.Singleton;
import org.turnout.importing.PresignedUploads;
import org.turnout.importing.UploadTicket;
import org.turnout.problem.FieldErrors;

/**
 * The API side of roll files: a pre-signed URL to upload one to {@code rolls/{org}/}, where its
 * landing starts the import.
 */
@Singleton
public record RollRequests(PresignedUploads uploads) {
    public UploadTicket requestUpload(String orgId, RollUploadRequest request) {
        FieldErrors errors = new FieldErrors();
        String fileName = PresignedUploads.fileName(errors, request.fileName(), PresignedUploads.CSV_FILE_NAME,
                PresignedUploads.CSV_FILE_NAME_RULE);
        errors.throwIfAny();
        return uploads.ticket(uploads.timestampedKey("rolls/" + orgId, fileName));
    }
}
