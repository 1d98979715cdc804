package org.turnout.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.turnout.local.iam.PolicyEvaluator.Outcome;

/**
 * The cases of IAM's policy evaluation logic (identity-based policies, one account), each on its own: the default
 * deny, an allow, an explicit deny that overrides any allow, wildcards in actions and resources, NotAction and
 * NotResource, and conditions (every key must hold, any value of a key may match, a missing key).
 */
class PolicyEvaluatorTest {

    private static final String TABLE = "arn:aws:dynamodb:eu-west-3:000000000000:table/turnout-local-table";
    private static final String BUCKET = "arn:aws:s3:::turnout-dev-000000000000-eu-west-3";

    @Test
    void withoutAnyStatementARequestIsImplicitlyDenied() {
        assertThat(outcome(List.of(), "dynamodb:GetItem", TABLE)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void anAllowThatNamesTheActionAndResourceGrants() {
        List<Statement> policy = List.of(statement(Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem", "dynamodb:Query"),
                "Resource", TABLE)));

        assertThat(outcome(policy, "dynamodb:GetItem", TABLE)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(policy, "dynamodb:DeleteItem", TABLE)).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(policy, "dynamodb:GetItem", TABLE + "/index/GSI1")).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void anExplicitDenyWinsOverAnyAllowWhateverTheOrder() {
        Statement allowAll = statement(Map.of("Effect", "Allow", "Action", "dynamodb:*", "Resource", "*"));
        Statement denyDelete = statement(Map.of("Sid", "NoDeletes", "Effect", "Deny", "Action", "dynamodb:DeleteItem", "Resource", TABLE));

        assertThat(PolicyEvaluator.evaluate(List.of(allowAll, denyDelete), "dynamodb:DeleteItem", TABLE, Map.of()))
                .isEqualTo(new PolicyEvaluator.Verdict(Outcome.EXPLICITLY_DENIED, java.util.Optional.of("NoDeletes")));
        assertThat(outcome(List.of(denyDelete, allowAll), "dynamodb:DeleteItem", TABLE)).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(outcome(List.of(denyDelete, allowAll), "dynamodb:PutItem", TABLE)).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void aDenyAloneDoesNotGrantWhatItDoesNotName() {
        Statement denyDelete = statement(Map.of("Effect", "Deny", "Action", "dynamodb:DeleteItem", "Resource", TABLE));

        assertThat(outcome(List.of(denyDelete), "dynamodb:PutItem", TABLE)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void actionWildcardsMatchAnyRunOrOneCharacterAndIgnoreCase() {
        List<Statement> policy = List.of(statement(Map.of("Effect", "Allow", "Action", List.of("sqs:SendMessage*", "s3:Get?bject"),
                "Resource", "*")));

        assertThat(outcome(policy, "sqs:SendMessage", "q")).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(policy, "sqs:sendmessagebatch", "q")).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(policy, "s3:GetObject", "o")).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(policy, "s3:GetObjectTagging", "o")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(policy, "sqs:ReceiveMessage", "q")).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void resourceWildcardsSpanSlashesAndAreCaseSensitive() {
        List<Statement> policy = List.of(statement(Map.of("Effect", "Allow", "Action", "s3:GetObject",
                "Resource", BUCKET + "/imports/*")));

        assertThat(outcome(policy, "s3:GetObject", BUCKET + "/imports/demo/list.csv")).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(policy, "s3:GetObject", BUCKET + "/Imports/demo/list.csv")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(policy, "s3:GetObject", BUCKET + "/reports/demo/r.csv")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(policy, "s3:GetObject", BUCKET)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void notActionAndNotResourceMatchEverythingTheyDoNotName() {
        Statement allButDeletes = statement(Map.of("Effect", "Allow", "NotAction", "dynamodb:Delete*", "Resource", TABLE));
        Statement denyOutsideImports = statement(Map.of("Effect", "Deny", "Action", "s3:*", "NotResource", BUCKET + "/imports/*"));
        Statement allowS3 = statement(Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "*"));

        assertThat(outcome(List.of(allButDeletes), "dynamodb:PutItem", TABLE)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(List.of(allButDeletes), "dynamodb:DeleteItem", TABLE)).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(List.of(allowS3, denyOutsideImports), "s3:PutObject", BUCKET + "/imports/a.csv")).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(List.of(allowS3, denyOutsideImports), "s3:PutObject", BUCKET + "/reports/a.csv"))
                .isEqualTo(Outcome.EXPLICITLY_DENIED);
    }

    @Test
    void aConditionGrantsOnlyWhenItsKeyHoldsOneOfItsValues() {
        List<Statement> policy = List.of(statement(Map.of("Effect", "Allow", "Action", "iam:PassRole", "Resource", "*",
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", List.of("scheduler.amazonaws.com", "lambda.amazonaws.com"))))));

        assertThat(PolicyEvaluator.evaluate(policy, "iam:PassRole", "r", Map.of("iam:PassedToService", List.of("lambda.amazonaws.com")))
                .outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(policy, "iam:PassRole", "r", Map.of("iam:PassedToService", List.of("ec2.amazonaws.com")))
                .outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        // a key the request does not carry fails a positive operator
        assertThat(outcome(policy, "iam:PassRole", "r")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        // condition keys are case-insensitive
        assertThat(PolicyEvaluator.evaluate(policy, "iam:PassRole", "r", Map.of("IAM:passedtoservice", List.of("lambda.amazonaws.com")))
                .outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void everyConditionOfAStatementMustHold() {
        List<Statement> policy = List.of(statement(Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", BUCKET,
                "Condition", Map.of("StringLike", Map.of("s3:prefix", "imports/*"),
                        "StringEquals", Map.of("s3:delimiter", "/")))));

        assertThat(PolicyEvaluator.evaluate(policy, "s3:ListBucket", BUCKET,
                Map.of("s3:prefix", List.of("imports/demo/"), "s3:delimiter", List.of("/"))).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(policy, "s3:ListBucket", BUCKET,
                Map.of("s3:prefix", List.of("reports/"), "s3:delimiter", List.of("/"))).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(PolicyEvaluator.evaluate(policy, "s3:ListBucket", BUCKET,
                Map.of("s3:prefix", List.of("imports/demo/"))).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void negatedAndIfExistsOperatorsPassWhenTheKeyIsMissing() {
        Statement denyOtherAccounts = statement(Map.of("Effect", "Deny", "Action", "sqs:SendMessage", "Resource", "*",
                "Condition", Map.of("ArnNotEquals", Map.of("aws:SourceArn", "arn:aws:sns:eu-west-3:000000000000:*"))));
        Statement allowIfExists = statement(Map.of("Effect", "Allow", "Action", "sqs:SendMessage", "Resource", "*",
                "Condition", Map.of("StringEqualsIfExists", Map.of("aws:SourceAccount", "000000000000"))));

        assertThat(outcome(List.of(allowIfExists), "sqs:SendMessage", "q")).isEqualTo(Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(List.of(allowIfExists), "sqs:SendMessage", "q",
                Map.of("aws:SourceAccount", List.of("111111111111"))).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(List.of(allowIfExists, denyOtherAccounts), "sqs:SendMessage", "q")).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(PolicyEvaluator.evaluate(List.of(allowIfExists, denyOtherAccounts), "sqs:SendMessage", "q",
                Map.of("aws:SourceArn", List.of("arn:aws:sns:eu-west-3:000000000000:events"))).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void aStatementThatCannotBeEvaluatedFaithfullyIsRefusedWhenRead() {
        assertThatThrownBy(() -> statement(Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "*",
                "Condition", Map.of("DateGreaterThan", Map.of("aws:CurrentTime", "2030-01-01T00:00:00Z")))))
                .hasMessageContaining("DateGreaterThan");
        assertThatThrownBy(() -> statement(Map.of("Effect", "Permit", "Action", "s3:*", "Resource", "*")))
                .hasMessageContaining("Effect");
        assertThatThrownBy(() -> statement(Map.of("Effect", "Allow", "Action", "s3:*", "NotAction", "s3:Get*", "Resource", "*")))
                .hasMessageContaining("exactly one of Action and NotAction");
    }

    private static Statement statement(Map<String, Object> fields) {
        return Statement.parse(fields, "test");
    }

    private static Outcome outcome(List<Statement> policy, String action, String resource) {
        return PolicyEvaluator.evaluate(policy, action, resource, Map.of()).outcome();
    }
}
