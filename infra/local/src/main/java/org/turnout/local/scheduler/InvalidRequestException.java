package org.turnout.local.scheduler;

/** A request the Scheduler refuses: its HTTP status and error code, as the SDK maps them to its exceptions. */
final class InvalidRequestException extends RuntimeException {

    private final int status;
    private final String code;

    InvalidRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static InvalidRequestException validation(String message) {
        return new InvalidRequestException(400, "ValidationException", message);
    }

    static InvalidRequestException notFound(String message) {
        return new InvalidRequestException(404, "ResourceNotFoundException", message);
    }

    static InvalidRequestException conflict(String message) {
        return new InvalidRequestException(409, "ConflictException", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
