package org.turnout.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalIdentityProvider;

/**
 * Starts the real emulators the functions need (DynamoDB, SES, S3), provisions them from
 * template.yaml, and points the function's configuration at them, as infra/local/run does.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String LINK_KEYS = "test-1:0123456789abcdef0123456789abcdef,test-0:fedcba9876543210fedcba9876543210";
    private static final String PEPPER = "test-pepper-0123456789";
    private static final String PUBLIC_URL = "http://localhost:8081";
    private static final List<String> FUNCTIONS = List.of("ApiFunction", "DispatchFunction", "SendFunction");
    public static LocalAwsStack stack;
    public static LocalIdentityProvider identity;

    @Override
    public Map<String, String> start() {
        stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.SES, Emulator.S3, Emulator.SQS));
        stack.sdkSystemProperties().forEach(System::setProperty);
        identity = LocalIdentityProvider.withNewKey("https://turnout.test/");
        Map<String, String> config = new HashMap<>();
        // what template.yaml gives the functions (queue URLs, schedule group, ARNs), as turnout.* keys
        for (String function : FUNCTIONS) {
            stack.resources().functionEnvironment(function, Map.of("LinkSigningKeys", LINK_KEYS, "IpHashPepper", PEPPER, "PublicUrl", PUBLIC_URL)).forEach((name, value) -> {
                if (name.startsWith("TURNOUT_")) {
                    // TURNOUT_SEND_QUEUE_URL -> turnout.send-queue-url, as MicroProfile Config maps them
                    config.put("turnout." + name.substring("TURNOUT_".length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
                }
            });
        }
        config.put("turnout.table", stack.resources().physicalName("Table"));
        config.put("turnout.bucket", stack.resources().physicalName("Bucket"));
        config.put("turnout.link-signing-keys", LINK_KEYS);
        config.put("turnout.ip-hash-pepper", PEPPER);
        config.put("turnout.public-url", PUBLIC_URL);
        config.put("turnout.signup-per-minute-per-ip", "5");
        config.put("mp.jwt.verify.publickey", identity.publicKeyPem());
        config.put("mp.jwt.verify.issuer", identity.issuer());
        return config;
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    public static String operatorToken() {
        return identity.issue("operator@test", LocalIdentityProvider.Role.OPERATOR, null, Duration.ofMinutes(10));
    }

    public static String staffToken(String org) {
        return identity.issue("staff@" + org, LocalIdentityProvider.Role.STAFF, org, Duration.ofMinutes(10));
    }
}
