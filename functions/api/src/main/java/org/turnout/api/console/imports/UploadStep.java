package org.turnout.api.console.imports;

/**
 * What the console's upload script is told once it asked to upload a file: where to PUT it (the pre-signed URL
 * the API gives), and which part of the page to load once it is there.
 */
public record UploadStep(String uploadUrl, String next) {
    /** The script that uploads what is dropped on a drop zone, driven by its data attributes. */
    static final String SCRIPT = "upload.js";
}
