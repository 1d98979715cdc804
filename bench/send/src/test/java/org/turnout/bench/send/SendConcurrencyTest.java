package org.turnout.bench.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.RepositoryRoot;

class SendConcurrencyTest {

    private static final String TEMPLATE = """
            Parameters:
              SendConcurrency: { Type: Number, Default: 6 }
            Resources:
              SendFunction:
                Type: AWS::Serverless::Function
                Properties:
                  ReservedConcurrentExecutions: !Ref SendConcurrency
                  Environment:
                    Variables:
                      TURNOUT_SEND_CONCURRENCY: !Ref SendConcurrency
                      %s
                  Events:
                    Queue:
                      Type: SQS
                      Properties:
                        ScalingConfig:
                          MaximumConcurrency: %s
            """;

    @Test
    void theInstancesAreTheReservedConcurrencyCappedByThePollersAndEachKeepsTheCallsItsSettingSays() {
        SendConcurrency concurrency = SendConcurrency.fromTemplate(CloudFormationTemplate.parse(
                TEMPLATE.formatted("TURNOUT_SEND_CALLS_IN_FLIGHT: 4", "5")), Optional.empty());

        assertThat(concurrency.instances()).isEqualTo(5);
        assertThat(concurrency.callsPerInstance()).isEqualTo(4);
        assertThat(concurrency.calls()).isEqualTo(20);
        assertThat(concurrency.callsSource()).contains("TURNOUT_SEND_CALLS_IN_FLIGHT");
    }

    @Test
    void withoutASettingAnInstanceSendsOneAtATimeAndAnOverrideWins() {
        CloudFormationTemplate template = CloudFormationTemplate.parse(TEMPLATE.formatted("TURNOUT_PUBLIC_URL: x", "!Ref SendConcurrency"));

        assertThat(SendConcurrency.fromTemplate(template, Optional.empty())).isEqualTo(new SendConcurrency(6, 1,
                "one at a time: template.yaml gives SendFunction no setting of calls in flight"));
        assertThat(SendConcurrency.fromTemplate(template, Optional.of(3)).calls()).isEqualTo(18);
    }

    @Test
    void readsTheRepositorysTemplate() {
        SendConcurrency concurrency = SendConcurrency.fromTemplate(CloudFormationTemplate.load(RepositoryRoot.locate().template()),
                Optional.empty());

        assertThat(concurrency.instances()).isGreaterThanOrEqualTo(2);
        assertThat(concurrency.callsPerInstance()).isGreaterThanOrEqualTo(1);
    }
}
