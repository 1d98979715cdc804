package org.turnout.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.turnout.local.Provisioned;
import org.turnout.local.RepositoryRoot;

/**
 * What the Lambda service knows of a function before it runs it: its names, handler, package,
 * memory, timeout and environment variables.
 *
 * @param logicalId   its id in template.yaml, which names it in messages and logs
 * @param codeZip     the deployment package, classes at the root and libraries in lib/
 * @param environment the variables the function is configured with (not the runtime's own)
 */
public record FunctionDefinition(String logicalId, String functionName, String functionArn, String handler,
                                 Path codeZip, int memoryMegabytes, Duration timeout, Map<String, String> environment) {

    /** SAM's defaults when neither the function nor Globals set them. */
    private static final int DEFAULT_MEMORY_MEGABYTES = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;

    public FunctionDefinition {
        environment = Map.copyOf(environment);
    }

    /**
     * The function as template.yaml deploys it on the local stack: Globals merged, intrinsics resolved with
     * {@code parameterOverrides} (which must give the parameters that have no default), CodeUri taken relative
     * to the repository root.
     */
    public static FunctionDefinition fromTemplate(RepositoryRoot root, Provisioned provisioned, String logicalId,
                                                  Map<String, String> parameterOverrides) {
        String runtime = provisioned.functionProperty(logicalId, "Runtime", parameterOverrides).orElse("");
        if (!runtime.startsWith("java")) {
            throw new IllegalArgumentException(logicalId + " has Runtime '" + runtime + "': the local runner runs java functions only");
        }
        String codeUri = provisioned.functionProperty(logicalId, "CodeUri", parameterOverrides)
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no CodeUri"));
        String handler = provisioned.functionProperty(logicalId, "Handler", parameterOverrides)
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Handler"));
        int memory = provisioned.functionProperty(logicalId, "MemorySize", parameterOverrides)
                .map(Integer::parseInt).orElse(DEFAULT_MEMORY_MEGABYTES);
        int timeoutSeconds = provisioned.functionProperty(logicalId, "Timeout", parameterOverrides)
                .map(Integer::parseInt).orElse(DEFAULT_TIMEOUT_SECONDS);
        return new FunctionDefinition(logicalId, provisioned.physicalName(logicalId),
                provisioned.attribute(logicalId, "Arn"), handler, root.path().resolve(codeUri), memory,
                Duration.ofSeconds(timeoutSeconds), provisioned.functionEnvironment(logicalId, parameterOverrides));
    }

    /** The same function with other environment variables. */
    public FunctionDefinition withEnvironment(Map<String, String> environment) {
        return new FunctionDefinition(logicalId, functionName, functionArn, handler, codeZip, memoryMegabytes, timeout,
                environment);
    }
}
