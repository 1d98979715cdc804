package org.turnout.secrets;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Where secret values come from: Secrets Manager in a function, anything else in a test that builds a service by hand. */
@FunctionalInterface
public interface SecretSource {
    /** The secret's current value ({@code AWSCURRENT}); fails if it cannot be read. */
    String currentValue(String secretId);

    /** Secrets Manager's {@code GetSecretValue} of the {@code AWSCURRENT} version. */
    static SecretSource of(SecretsManagerClient secretsManager) {
        return secretId -> secretsManager.getSecretValue(request -> request.secretId(secretId)).secretString();
    }
}
