package org.turnout.roll;

/**
 * An owner asks where to upload an electoral roll file.
 *
 * @param fileName the file's name, kept in the key (letters, digits, '.', '_', '-')
 */
public record RollUploadRequest(String fileName) {
}
