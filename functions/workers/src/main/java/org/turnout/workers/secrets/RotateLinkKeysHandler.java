package org.turnout.workers.secrets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;
import org.turnout.secrets.LinkKeyRotation;

/**
 * LinkKeyRotationFunction: Secrets Manager's rotation function of the link-signing keys. Its event names the secret,
 * the new version and the step ({@code {"SecretId": ..., "ClientRequestToken": ..., "Step": "createSecret"}}); a
 * failure is thrown, so that Secrets Manager retries the step and, failing, leaves the current keys as they were.
 */
@Named("rotate-link-keys")
public record RotateLinkKeysHandler(LinkKeyRotation rotation) implements RequestHandler<Map<String, String>, String> {
    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String secretId = event.get("SecretId");
        String versionId = event.get("ClientRequestToken");
        String step = event.get("Step");
        if (secretId == null || versionId == null || step == null) {
            throw new IllegalArgumentException("A rotation event has SecretId, ClientRequestToken and Step");
        }
        rotation.run(secretId, versionId, LinkKeyRotation.Step.of(step));
        return step;
    }
}
