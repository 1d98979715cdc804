package org.turnout.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.turnout.local.LocalAwsStack;
import org.turnout.local.SharedLocalStack;

/**
 * template.yaml's policies as the local stack reads them: the calls that the functions' code makes and AWS would
 * refuse without a grant (the paths issue 11 found), the grants that no code uses gone, and what SAM adds for the
 * functions' destinations.
 */
@ExtendWith(SharedLocalStack.class)
class TemplatePoliciesTest {

    private final LocalAwsStack stack;
    private final String table;
    private final String bucket;

    TemplatePoliciesTest(LocalAwsStack stack) {
        this.stack = stack;
        this.table = stack.resources().attribute("Table", "Arn");
        this.bucket = "arn:aws:s3:::" + stack.resources().physicalName("Bucket");
    }

    @Test
    void theCallsThatFailedInAwsAreGranted() {
        // a missing options sidecar is a 404 (not a 403) only with ListBucket on the bucket, unconditioned
        assertThat(allows("ImportFunction", "s3:ListBucket", bucket)).isTrue();
        // a throttled recipient's claim is given back
        assertThat(allows("SendFunction", "dynamodb:DeleteItem", table)).isTrue();
        // the mailing is settled from its send records
        assertThat(allows("FeedbackFunction", "dynamodb:Query", table)).isTrue();
    }

    @Test
    void grantsThatNoCodeUsesAreGone() {
        assertThat(allows("ApiFunction", "scheduler:GetSchedule",
                "arn:aws:scheduler:eu-west-3:000000000000:schedule/" + stack.resources().physicalName("MailingSchedules") + "/m"))
                .isFalse();
        assertThat(allows("ApiFunction", "lambda:InvokeFunction", stack.resources().attribute("DispatchFunction", "Arn"))).isFalse();
    }

    @Test
    void samGrantsEachFunctionItsOnFailureDestination() {
        assertThat(allows("ImportFunction", "sqs:SendMessage", stack.resources().attribute("ImportFailures", "Arn"))).isTrue();
        assertThat(allows("ImportFunction", "sqs:SendMessage", stack.resources().attribute("SendQueue", "Arn"))).isFalse();
        assertThat(allows("DispatchFunction", "sqs:SendMessage", stack.resources().attribute("DispatchFailures", "Arn"))).isTrue();
    }

    @Test
    void theSchedulerRoleMayStartTheDispatchAndNothingElse() {
        Decision dispatch = stack.iam().authoriseRole(stack.resources().attribute("SchedulerRole", "Arn"),
                List.of(Access.of("lambda:InvokeFunction", stack.resources().attribute("DispatchFunction", "Arn"))));
        Decision send = stack.iam().authoriseRole(stack.resources().attribute("SchedulerRole", "Arn"),
                List.of(Access.of("lambda:InvokeFunction", stack.resources().attribute("SendFunction", "Arn"))));

        assertThat(dispatch.isAllowed()).isTrue();
        assertThat(send.isAllowed()).isFalse();
        assertThat(send.refusal().orElseThrow().reason()).isEqualTo(Decision.Reason.ACCESS_DENIED);
    }

    @Test
    void theRollPurgeScheduleMayStartPrecinctImportFunctionAndNothingElse() {
        String role = stack.resources().attribute("RollPurgeSchedulerRole", "Arn");

        assertThat(stack.iam().authoriseRole(role, List.of(Access.of("lambda:InvokeFunction",
                stack.resources().attribute("PrecinctImportFunction", "Arn")))).isAllowed()).isTrue();
        assertThat(stack.iam().authoriseRole(role, List.of(Access.of("lambda:InvokeFunction",
                stack.resources().attribute("DispatchFunction", "Arn")))).isAllowed()).isFalse();
        // the roll is read and purged through the table's indexes, and the files under rolls/ only
        assertThat(allows("PrecinctImportFunction", "dynamodb:Query", table + "/index/GSI2")).isTrue();
        assertThat(allows("PrecinctImportFunction", "s3:GetObject", bucket + "/rolls/demo/liste.csv")).isTrue();
        assertThat(allows("PrecinctImportFunction", "s3:GetObject", bucket + "/imports/demo/liste.csv")).isFalse();
    }

    @Test
    void passingTheSchedulerRoleNeedsTheSchedulerAsTheService() {
        String role = stack.resources().attribute("SchedulerRole", "Arn");
        Principal api = stack.iam().principal("ApiFunction");

        assertThat(stack.iam().allows(api, new Access("iam:PassRole", role,
                Map.of("iam:PassedToService", List.of("scheduler.amazonaws.com"))))).isTrue();
        assertThat(stack.iam().allows(api, new Access("iam:PassRole", role,
                Map.of("iam:PassedToService", List.of("lambda.amazonaws.com"))))).isFalse();
    }

    private boolean allows(String function, String action, String resource) {
        return stack.iam().allows(stack.iam().principal(function), Access.of(action, resource));
    }
}
