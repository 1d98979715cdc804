package org.turnout.problem;

/** What the caller asked for does not exist (or is not theirs to know about). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
