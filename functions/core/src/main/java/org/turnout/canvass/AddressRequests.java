package org.turnout.canvass;

import jakarta.inject.Singleton;
import org.turnout.importing.PresignedUploads;
import org.turnout.importing.UploadTicket;

/**
 * The API side of address files: a pre-signed URL to upload one to {@code addresses/{org}/},
 * where its landing starts the import.
 */
@Singleton
public record AddressRequests(PresignedUploads uploads) {
    public UploadTicket requestUpload(String orgId, AddressUploadRequest request) {
        return uploads.csvTicket("addresses/" + orgId, request.fileName());
    }
}
