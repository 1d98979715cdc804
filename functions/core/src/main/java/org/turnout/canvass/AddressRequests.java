package org.turnout.canvass;

import jakarta.inject.Singleton;
import org.turnout.importing.PresignedUploads;
import org.turnout.importing.UploadTicket;
import org.turnout.problem.FieldErrors;

/**
 * The API side of address files: a pre-signed URL to upload one to {@code addresses/{org}/},
 * where its landing starts the import.
 */
@Singleton
public record AddressRequests(PresignedUploads uploads) {
    public UploadTicket requestUpload(String orgId, AddressUploadRequest request) {
        FieldErrors errors = new FieldErrors();
        String fileName = PresignedUploads.fileName(errors, request.fileName(), PresignedUploads.CSV_FILE_NAME,
                PresignedUploads.CSV_FILE_NAME_RULE);
        errors.throwIfAny();
        return uploads.ticket(uploads.timestampedKey("addresses/" + orgId, fileName));
    }
}
