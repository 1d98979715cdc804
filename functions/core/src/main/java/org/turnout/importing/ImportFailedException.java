package org.turnout.importing;

/** The file as a whole cannot be imported (not CSV, empty, no email column, ...): the job fails with this reason. */
public class ImportFailedException extends RuntimeException {
    public ImportFailedException(String reason) {
        super(reason);
    }
}
