package org.turnout.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** What Lambda tells a function about itself, in its reserved environment variables. */
@ConfigMapping(prefix = "aws.lambda")
public interface LambdaEnvironment {

    /** The function's own name ({@code AWS_LAMBDA_FUNCTION_NAME}), by which long work invokes itself to go on. */
    @WithName("function.name")
    Optional<String> functionName();

    /** {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start} ({@code AWS_LAMBDA_INITIALIZATION_TYPE}). */
    @WithName("initialization-type")
    @WithDefault("on-demand")
    String initializationType();
}
