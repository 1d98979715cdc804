package org.turnout.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the local runner listens and keeps its state, from the environment that infra/local/run passes on:
 * {@code TURNOUT_LOCAL_<NAME>_PORT} for the API, the Lambda API, the Scheduler API, the identity provider and each
 * emulator,
 * {@code TURNOUT_LOCAL_RUN_DIR}.
 * The defaults are the emulators' usual ports, so that tools configured for them work as they are.
 *
 * <p>For measurements (bench/run-send): {@code TURNOUT_LOCAL_SES_MAX_SEND_RATE} sets the SES account's
 * {@code MaxSendRate} (14, a new production account's, by default), and each
 * {@code TURNOUT_LOCAL_FUNCTION_ENV_<NAME>=value} gives every function the variable {@code <NAME>} on top of
 * template.yaml's ({@code JAVA_TOOL_OPTIONS} is added to the template's options, not put in their place).
 */
record RunSettings(Path runDir, List<Port> ports, double sesMaxSendRate, Map<String, String> functionEnvironment) {

    /** One port the runner needs, the variable that sets it, and what it is for. */
    record Port(String name, String purpose, int number) {
        String variable() {
            return "TURNOUT_LOCAL_" + name + "_PORT";
        }
    }

    static final String RUN_DIR_VARIABLE = "TURNOUT_LOCAL_RUN_DIR";
    static final String SES_MAX_SEND_RATE_VARIABLE = "TURNOUT_LOCAL_SES_MAX_SEND_RATE";
    static final String FUNCTION_ENV_PREFIX = "TURNOUT_LOCAL_FUNCTION_ENV_";

    /** Every port the runner needs, on its usual number. */
    static final List<Port> DEFAULTS = List.of(
            new Port("API", "the HTTP API", 8080),
            new Port("LAMBDA", "the Lambda API", 9001),
            new Port("SCHEDULER", "the EventBridge Scheduler API", 9002),
            new Port("IDENTITY", "the identity provider (OIDC discovery and JWKS)", 9003),
            new Port("SECRETS", "the Secrets Manager API", 9004),
            new Port("DYNAMODB", "DynamoDB (dynalite)", 8000),
            new Port("SES", "SES (aws-ses-v2-local)", 8005),
            new Port("S3", "S3 (S3Proxy)", 9000),
            new Port("SQS", "SQS (ElasticMQ)", 9324));

    /** @throws IllegalArgumentException naming the variable that is not a usable port */
    static RunSettings fromEnvironment(Map<String, String> environment, RepositoryRoot root) {
        List<Port> ports = new ArrayList<>();
        Map<Integer, Port> taken = new HashMap<>();
        for (Port port : DEFAULTS) {
            String value = environment.get(port.variable());
            Port chosen = value == null || value.isBlank() ? port : new Port(port.name(), port.purpose(), parse(port, value));
            Port clash = taken.put(chosen.number(), chosen);
            if (clash != null) {
                throw new IllegalArgumentException(clash.variable() + " and " + chosen.variable() + " are both "
                        + chosen.number() + ": give each its own port");
            }
            ports.add(chosen);
        }
        String runDir = environment.get(RUN_DIR_VARIABLE);
        Map<String, String> functionEnvironment = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(FUNCTION_ENV_PREFIX) && name.length() > FUNCTION_ENV_PREFIX.length()) {
                functionEnvironment.put(name.substring(FUNCTION_ENV_PREFIX.length()), value);
            }
        });
        return new RunSettings(runDir == null || runDir.isBlank() ? root.infraLocal().resolve(".run")
                : Path.of(runDir).toAbsolutePath().normalize(), List.copyOf(ports),
                sesMaxSendRate(environment.get(SES_MAX_SEND_RATE_VARIABLE)), Map.copyOf(functionEnvironment));
    }

    /** The function's environment with the extra variables: {@code JAVA_TOOL_OPTIONS} after the template's own. */
    Map<String, String> withFunctionEnvironment(Map<String, String> environment) {
        Map<String, String> combined = new java.util.LinkedHashMap<>(environment);
        functionEnvironment.forEach((name, value) -> combined.merge(name, value,
                (template, extra) -> name.equals("JAVA_TOOL_OPTIONS") ? template + " " + extra : extra));
        return combined;
    }

    private static double sesMaxSendRate(String value) {
        if (value == null || value.isBlank()) {
            return SesAccount.MAX_SEND_RATE;
        }
        try {
            double rate = Double.parseDouble(value.strip());
            if (rate >= 1) {
                return rate;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(SES_MAX_SEND_RATE_VARIABLE + "=" + value + " is not a send rate (1 or more emails a second)");
    }

    int apiPort() {
        return port("API").number();
    }

    int lambdaPort() {
        return port("LAMBDA").number();
    }

    int schedulerPort() {
        return port("SCHEDULER").number();
    }

    int identityPort() {
        return port("IDENTITY").number();
    }

    int secretsPort() {
        return port("SECRETS").number();
    }

    Map<Emulator, Integer> emulatorPorts() {
        Map<Emulator, Integer> ports = new EnumMap<>(Emulator.class);
        for (Emulator emulator : Emulator.values()) {
            ports.put(emulator, port(emulator.name()).number());
        }
        return ports;
    }

    /** @throws IllegalStateException with one line naming the first port in use and what to do about it */
    void checkPortsFree() {
        for (Port port : ports) {
            if (!LocalAwsStack.isFree(port.number())) {
                throw new IllegalStateException(("Port %1$d (%2$s) is in use: stop what listens there "
                        + "(`ss -ltnp 'sport = :%1$d'` names it) or choose another port with %3$s=<port>")
                        .formatted(port.number(), port.purpose(), port.variable()));
            }
        }
    }

    private Port port(String name) {
        return ports.stream().filter(port -> port.name().equals(name)).findFirst().orElseThrow();
    }

    private static int parse(Port port, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(port.variable() + "=" + value + " is not a port number (1-65535) for "
                + port.purpose());
    }
}
