package org.turnout.local.scheduler;

/** What the local Scheduler invokes: the local Lambda functions, asynchronously, as the Scheduler's Lambda target does. */
@FunctionalInterface
public interface ScheduleTargets {

    /** An invocation the target's service refused: the error code it answered (e.g. {@code ResourceNotFoundException}). */
    final class TargetException extends Exception {
        private final String errorCode;

        public TargetException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    /**
     * Hands {@code input} to the target named by {@code targetArn}.
     *
     * @return the request id of the invocation
     */
    String invoke(String targetArn, byte[] input) throws TargetException;
}
