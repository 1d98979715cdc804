package org.turnout.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops a parser that reads on and on inside one record, as an unclosed quote makes it do: past
 * this many bytes after the start of the current record, reading fails instead of filling memory.
 */
final class RowSizeGuard extends FilterInputStream {
    static final long MAX_RECORD_BYTES = 1024 * 1024;

    private long read;
    private long recordStart;

    RowSizeGuard(InputStream in) {
        super(in);
    }

    /** The parser has reached a new record at this offset (counted from this stream's start). */
    void recordStartsAt(long offset) {
        recordStart = offset;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        // the parser reads ahead by a buffer or two; anything beyond that belongs to one record
        if (read - recordStart > MAX_RECORD_BYTES + 64 * 1024) {
            throw new RecordTooLongException();
        }
    }

    static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("a row runs on past 1 MiB");
        }
    }
}
