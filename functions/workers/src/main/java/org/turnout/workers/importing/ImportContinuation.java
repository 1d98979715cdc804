package org.turnout.workers.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.turnout.aws.AwsClients;
import org.turnout.importing.ImportSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands a long import over to a fresh invocation of this same function (an asynchronous
 * {@code Invoke}, retried by Lambda like any event), which resumes from the job's checkpoint.
 */
@ApplicationScoped
public class ImportContinuation {
    private final AwsClients aws;
    private final ObjectMapper json;
    private final String functionName;

    public ImportContinuation(AwsClients aws, ObjectMapper json,
                              @ConfigProperty(name = "aws.lambda.function.name") String functionName) {
        this.aws = aws;
        this.json = json;
        this.functionName = functionName;
    }

    public void continueLater(ImportSource source) {
        try {
            byte[] payload = json.writeValueAsBytes(Map.of("continueImport", source));
            aws.lambda().invoke(b -> b.functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the continuation event", e);
        }
    }
}
