package org.turnout.problem;

/** The write lost a race or repeats a creation: the caller should re-read and retry. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
