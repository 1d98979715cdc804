package org.turnout.local.iam;

import java.util.Optional;

/**
 * An authoriser's answer: allowed for a principal, or refused with the reason, which each service turns into its
 * own error (S3's {@code AccessDenied} XML, DynamoDB's {@code AccessDeniedException}...).
 */
public record Decision(Optional<Principal> principal, Optional<Refusal> refusal) {

    public enum Reason {
        /** No SigV4 signature at all. */
        MISSING_AUTHENTICATION,
        /** An access key (or session token) that the stack never issued. */
        UNKNOWN_ACCESS_KEY,
        /** A signature that the secret key does not give, or a malformed one. */
        SIGNATURE_MISMATCH,
        /** A presigned URL used after its expiry. */
        EXPIRED,
        /** Authenticated, but no policy allows the action (or one denies it). */
        ACCESS_DENIED
    }

    /** Why a request is refused, and the message AWS would give. */
    public record Refusal(Reason reason, String message) {

        /** The error code of the services that answer in JSON with an {@code __type} (Lambda, Scheduler, Secrets Manager). */
        public String jsonErrorCode() {
            return switch (reason) {
                case ACCESS_DENIED -> "AccessDeniedException";
                case UNKNOWN_ACCESS_KEY -> "UnrecognizedClientException";
                case SIGNATURE_MISMATCH, EXPIRED -> "InvalidSignatureException";
                case MISSING_AUTHENTICATION -> "MissingAuthenticationTokenException";
            };
        }
    }

    public static Decision allowed(Principal principal) {
        return new Decision(Optional.of(principal), Optional.empty());
    }

    public static Decision refused(Principal principal, Reason reason, String message) {
        return new Decision(Optional.ofNullable(principal), Optional.of(new Refusal(reason, message)));
    }

    public boolean isAllowed() {
        return refusal.isEmpty();
    }
}
