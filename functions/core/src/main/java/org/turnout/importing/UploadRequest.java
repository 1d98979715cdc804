package org.turnout.importing;

import java.util.Map;

/**
 * Staff ask where to upload a file.
 *
 * @param fileName      the file's name, kept in the key (letters, digits, '.', '_', '-')
 * @param consentSource where the people on the list gave consent; without it they are {@code imported}
 * @param columns       header to field key ({@code email}, {@code firstName}, ...) or {@code ignore}
 * @param sheet         for an {@code .xlsx} file, the sheet to read; without it, the first
 * @param delimiter     for a CSV file, {@code ;}, {@code ,} or {@code tab}; without it, told from the file
 * @param encoding      for a CSV file, {@code UTF-8} or {@code windows-1252}; without it, told from the file
 */
public record UploadRequest(String fileName, String consentSource, Map<String, String> columns, String sheet,
                            String delimiter, String encoding) {
    public UploadRequest(String fileName, String consentSource, Map<String, String> columns, String sheet) {
        this(fileName, consentSource, columns, sheet, null, null);
    }

    public UploadRequest(String fileName, String consentSource, Map<String, String> columns) {
        this(fileName, consentSource, columns, null);
    }
}
