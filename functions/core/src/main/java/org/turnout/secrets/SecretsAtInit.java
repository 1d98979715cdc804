package org.turnout.secrets;

import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.turnout.aws.LambdaEnvironment;

/**
 * Reads the secrets the function was given while it initialises, so that a missing grant or secret stops the
 * function at its start rather than at a visitor's request. Not under SnapStart: a snapshot must hold no open
 * connection, and a value read when the version was published may be old when it is restored; there the first
 * use reads them.
 */
@Singleton
public record SecretsAtInit(LambdaEnvironment lambda) {
    static final String SNAPSHOT_INIT = "snap-start";

    void preload(@Observes StartupEvent startup, SecretStore store, SecretSettings settings) {
        if (SNAPSHOT_INIT.equals(lambda.initializationType())) {
            return;
        }
        store.preload(settings.given());
    }
}
