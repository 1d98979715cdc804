package org.turnout.precinct;

/**
 * Staff ask where to upload an election results file.
 *
 * @param fileName the file's name, kept in the key (letters, digits, '.', '_', '-')
 * @param name     what to call the election ("Présidentielle 2022, 1er tour"); the file name if absent
 * @param date     the day of the vote (2022-04-10), which orders elections
 * @param commune  the commune code (INSEE) to take from a file holding several communes
 */
public record ElectionUploadRequest(String fileName, String name, String date, String commune) {
}
