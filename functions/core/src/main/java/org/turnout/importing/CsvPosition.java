package org.turnout.importing;

/**
 * Where to resume reading a CSV object: its dialect (told at the start, kept for the rest) and the
 * byte offset and number of lines before the next row to read.
 */
public record CsvPosition(String charset, char delimiter, long nextByte, long nextLine) {
}
