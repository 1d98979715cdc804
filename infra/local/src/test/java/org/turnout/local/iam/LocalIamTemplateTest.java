package org.turnout.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Policies as template.yaml writes them: SAM policy templates, managed policies, and what cannot be evaluated. */
class LocalIamTemplateTest {

    private static final String TABLE = "arn:aws:dynamodb:eu-west-3:000000000000:table/t";

    @Test
    void aSamPolicyTemplateExpandsAsSamExpandsIt() {
        List<Statement> statements = LocalIam.functionStatements(List.of(
                Map.of("DynamoDBReadPolicy", Map.of("TableName", "t")),
                Map.of("SQSSendMessagePolicy", Map.of("QueueName", "q")),
                "AWSLambdaBasicExecutionRole"), "F.Policies");

        assertThat(PolicyEvaluator.evaluate(statements, "dynamodb:Query", TABLE + "/index/GSI1", Map.of()).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(statements, "dynamodb:PutItem", TABLE, Map.of()).allowed()).isFalse();
        assertThat(PolicyEvaluator.evaluate(statements, "sqs:SendMessage", "arn:aws:sqs:eu-west-3:000000000000:q", Map.of())
                .allowed()).isTrue();
    }

    @Test
    void anUnknownPolicyTemplateOrManagedPolicyStopsTheStackWithItsName() {
        assertThatThrownBy(() -> LocalIam.functionStatements(List.of(Map.of("KinesisCrudPolicy", Map.of("StreamName", "s"))),
                "SendFunction.Policies"))
                .hasMessageContaining("SendFunction.Policies[0]").hasMessageContaining("KinesisCrudPolicy");
        assertThatThrownBy(() -> LocalIam.functionStatements(List.of("AmazonDynamoDBFullAccess"), "SendFunction.Policies"))
                .hasMessageContaining("AmazonDynamoDBFullAccess");
        assertThatThrownBy(() -> LocalIam.functionStatements(List.of(Map.of("DynamoDBCrudPolicy", Map.of())), "F.Policies"))
                .hasMessageContaining("TableName");
    }
}
