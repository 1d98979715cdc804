package org.turnout.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of one request, so the caller learns all of them at once. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Checks a free-text field: required or not, and at most {@code max} characters. */
    public String text(String field, String value, boolean required, int max) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (trimmed.length() > max) {
            add(field, "must be at most " + max + " characters");
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            add(field, "must not contain control characters");
            return null;
        }
        return trimmed;
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public int size() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
