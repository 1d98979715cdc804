package org.turnout.canvass;

/**
 * Staff ask where to upload an address file.
 *
 * @param fileName the file's name, kept in the key (letters, digits, '.', '_', '-')
 */
public record AddressUploadRequest(String fileName) {
}
