package org.turnout.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.turnout.aws.AwsClients;
import org.turnout.aws.LambdaEnvironment;
import org.turnout.settings.RequiredSetting;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands work that needs more time than one invocation has over to a fresh invocation of this
 * same function (an asynchronous {@code Invoke}, retried by Lambda like any event), which resumes
 * from the checkpoint the work keeps.
 */
@Singleton
public record SelfInvocation(AwsClients aws, ObjectMapper json, String functionName) {
    @Inject
    public SelfInvocation(AwsClients aws, ObjectMapper json, LambdaEnvironment lambda) {
        this(aws, json, RequiredSetting.of(lambda.functionName(), "aws.lambda.function.name (AWS_LAMBDA_FUNCTION_NAME, set by Lambda)"));
    }

    public void continueWith(Object event) {
        try {
            byte[] payload = json.writeValueAsBytes(event);
            aws.lambda().invoke(b -> b.functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the continuation event", e);
        }
    }
}
