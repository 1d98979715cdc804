package org.turnout.roll;

import jakarta.inject.Singleton;
import org.turnout.importing.PresignedUploads;
import org.turnout.importing.UploadTicket;

/**
 * The API side of roll files: a pre-signed URL to upload one to {@code rolls/{org}/}, where its
 * landing starts the import.
 */
@Singleton
public record RollRequests(PresignedUploads uploads) {
    public UploadTicket requestUpload(String orgId, RollUploadRequest request) {
        return uploads.csvTicket("rolls/" + orgId, request.fileName());
    }
}
