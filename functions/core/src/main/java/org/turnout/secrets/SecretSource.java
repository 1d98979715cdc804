package org.turnout.secrets;

/** Where secret values come from: Secrets Manager in a function, anything else in a test that builds a service by hand. */
@FunctionalInterface
public interface SecretSource {
    /** The secret's current value ({@code AWSCURRENT}); fails if it cannot be read. */
    String currentValue(String secretId);
}
