package org.turnout.local.secrets;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a caller may do what it asks of the local Secrets Manager, as IAM would: the caller's access key
 * (from the request's SigV4 {@code Authorization} header), the action ({@code secretsmanager:GetSecretValue}, ...)
 * and the secret's ARN. The local stack's IAM enforcement plugs in here; {@link #ALLOW_ALL} lets every call through.
 */
@FunctionalInterface
public interface SecretsAuthoriser {
    SecretsAuthoriser ALLOW_ALL = request -> true;

    boolean allows(Request request);

    /** One call: who ({@code accessKeyId}, empty if unsigned), what, on which secret, and the request's headers. */
    record Request(String accessKeyId, String action, String resourceArn, Map<String, List<String>> headers) {
    }
}
