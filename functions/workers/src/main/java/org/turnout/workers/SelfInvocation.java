package org.turnout.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands work that needs more time than one invocation has over to a fresh invocation of this
 * same function (an asynchronous {@code Invoke}, retried by Lambda like any event), which resumes
 * from the checkpoint the work keeps.
 */
@ApplicationScoped
public class SelfInvocation {
    private final AwsClients aws;
    private final ObjectMapper json;
    private final String functionName;

    public SelfInvocation(AwsClients aws, ObjectMapper json, @ConfigProperty(name = "aws.lambda.function.name") String functionName) {
        this.aws = aws;
        this.json = json;
        this.functionName = functionName;
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
