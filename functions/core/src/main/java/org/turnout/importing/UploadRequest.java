package org.turnout.importing;

import java.util.Map;

/**
 * Staff ask where to upload a file.
 *
 * @param fileName      the file's name, kept in the key (letters, digits, '.', '_', '-')
 * @param consentSource where the people on the list gave consent; without it they are {@code imported}
 * @param columns       header to field key ({@code email}, {@code firstName}, ...) or {@code ignore}
 * @param sheet         for an {@code .xlsx} file, the sheet to read; without it, the first
 */
public record UploadRequest(String fileName, String consentSource, Map<String, String> columns, String sheet) {
    public UploadRequest(String fileName, String consentSource, Map<String, String> columns) {
        this(fileName, consentSource, columns, null);
    }
}
