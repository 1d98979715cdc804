package org.turnout.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.aws.LambdaEnvironment;
import org.turnout.importing.ImportSettings;
import org.turnout.mail.MailSettings;
import org.turnout.mailing.MailingSettings;
import org.turnout.secrets.SecretSettings;
import org.turnout.security.LinkSettings;
import org.turnout.sending.SendingSettings;
import org.turnout.signup.SignupSettings;
import org.turnout.store.TableSettings;
import org.turnout.unsubscribe.UnsubscribeSettings;

/**
 * The settings interfaces read the environment variables template.yaml sets, under their names, and a function of
 * the workers' package starts with only its own: what it is not given is either defaulted or fails where used,
 * naming the variable.
 */
class SettingsFromEnvironmentTest {

    /** What the template's Globals give every function. */
    private static final Map<String, String> GLOBALS = Map.of(
            "TURNOUT_TABLE", "turnout-table",
            "TURNOUT_BUCKET", "turnout-bucket",
            "TURNOUT_CONFIGURATION_SET", "turnout-events",
            "TURNOUT_SENDER", "Turnout <noreply@example.org>");

    /** The mappings a bean of the workers' package injects: Quarkus checks them all when any of its functions starts. */
    private static final List<Class<?>> WORKERS = List.of(TableSettings.class, ImportSettings.class, MailSettings.class,
            LinkSettings.class, SendingSettings.class, SecretSettings.class);

    @Test
    void sendFunctionReadsWhatTheTemplateGivesIt() {
        SmallRyeConfig config = config(WORKERS, Map.of(
                "QUARKUS_LAMBDA_HANDLER", "send",
                "TURNOUT_SEND_CONCURRENCY", "4",
                "TURNOUT_SEND_QUEUE_URL", "http://localhost:9324/000000000000/turnout-send",
                "TURNOUT_PUBLIC_URL", "https://api.example.org/",
                "TURNOUT_LINK_SIGNING_KEYS_SECRET", "arn:aws:secretsmanager:eu-west-3:000000000000:secret:link-keys"));

        SendingSettings sending = config.getConfigMapping(SendingSettings.class);
        assertThat(sending.queueUrl()).isEqualTo("http://localhost:9324/000000000000/turnout-send");
        assertThat(sending.sendConcurrency()).isEqualTo(4);
        assertThat(sending.sendMaxWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(sending.sendMaxReceives()).isEqualTo(10);
        LinkSettings links = config.getConfigMapping(LinkSettings.class);
        assertThat(links.linkBase()).as("the trailing slash dropped").isEqualTo("https://api.example.org");
        assertThat(links.unsubscribeLinkValidity()).isEqualTo(Duration.ofDays(365));
        assertThat(config.getConfigMapping(MailSettings.class).configurationSet()).contains("turnout-events");
        assertThat(config.getConfigMapping(TableSettings.class).table()).isEqualTo("turnout-table");
        assertThat(config.getConfigMapping(SecretSettings.class).given())
                .containsExactly("arn:aws:secretsmanager:eu-west-3:000000000000:secret:link-keys");
    }

    @Test
    void aFunctionWithoutTheQueuesStartsAndFailsOnlyWhereAQueueIsUsed() {
        SmallRyeConfig config = config(WORKERS, Map.of("QUARKUS_LAMBDA_HANDLER", "import",
                "TURNOUT_ERASURE_PEPPER_SECRET", "erasure-pepper", "TURNOUT_CONTACT_ID_KEY_SECRET", "contact-id-key"));

        SendingSettings sending = config.getConfigMapping(SendingSettings.class);
        assertThatThrownBy(sending::queueUrl).hasMessageContaining("TURNOUT_SEND_QUEUE_URL");
        assertThatThrownBy(sending::deadLettersUrl).hasMessageContaining("TURNOUT_SEND_DEAD_LETTERS_URL");
        assertThatThrownBy(() -> config.getConfigMapping(LinkSettings.class).linkBase()).hasMessageContaining("TURNOUT_PUBLIC_URL");
        assertThat(config.getConfigMapping(SecretSettings.class).given()).containsExactlyInAnyOrder("erasure-pepper", "contact-id-key");
    }

    @Test
    void unsetSettingsTakeTheirDefaultsAndSetOnesTheirValues() {
        SmallRyeConfig defaults = config(List.of(TableSettings.class, ImportSettings.class, SendingSettings.class,
                UnsubscribeSettings.class, LinkSettings.class), Map.of());
        assertThat(defaults.getConfigMapping(TableSettings.class).batchConcurrency()).isEqualTo(8);
        assertThat(defaults.getConfigMapping(ImportSettings.class).importMaxRows()).isEqualTo(10_000_000L);
        assertThat(defaults.getConfigMapping(SendingSettings.class).reconcileStall()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.getConfigMapping(UnsubscribeSettings.class).unsubscribePerMinutePerIp()).isEqualTo(300);
        assertThat(defaults.getConfigMapping(LinkSettings.class).longestLinkValidity()).isEqualTo(Duration.ofDays(365));

        SmallRyeConfig set = config(List.of(TableSettings.class, ImportSettings.class, LinkSettings.class), Map.of(
                "TURNOUT_BATCH_CONCURRENCY", "3", "TURNOUT_IMPORT_MAX_ROWS", "1000",
                "TURNOUT_CONFIRM_LINK_VALIDITY", "P400D"));
        assertThat(set.getConfigMapping(TableSettings.class).batchConcurrency()).isEqualTo(3);
        assertThat(set.getConfigMapping(ImportSettings.class).importMaxRows()).isEqualTo(1000L);
        assertThat(set.getConfigMapping(LinkSettings.class).longestLinkValidity()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void theApiReadsItsSignUpAndScheduleSettings() {
        SmallRyeConfig config = config(List.of(SignupSettings.class, MailingSettings.class), Map.of(
                "TURNOUT_SIGNUP_PER_MINUTE_PER_IP", "7",
                "TURNOUT_SCHEDULE_GROUP", "turnout-mailings",
                "TURNOUT_SCHEDULER_ROLE_ARN", "arn:aws:iam::000000000000:role/scheduler",
                "TURNOUT_DISPATCH_FUNCTION_ARN", "arn:aws:lambda:eu-west-3:000000000000:function:dispatch",
                "TURNOUT_SCHEDULE_DEAD_LETTERS_ARN", "arn:aws:sqs:eu-west-3:000000000000:schedule-failures"));

        SignupSettings signup = config.getConfigMapping(SignupSettings.class);
        assertThat(signup.signupPerMinutePerIp()).isEqualTo(7);
        assertThat(signup.signupResendInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(signup.sender()).isEqualTo("Turnout <noreply@example.org>");
        MailingSettings mailing = config.getConfigMapping(MailingSettings.class);
        assertThat(mailing.scheduleGroup()).isEqualTo("turnout-mailings");
        assertThat(mailing.dispatchFunctionArn()).endsWith(":function:dispatch");
        assertThat(mailing.testSendsPerMinute()).isEqualTo(10);
    }

    @Test
    void lambdasOwnVariablesAreReadUnderTheirNames() {
        SmallRyeConfig inLambda = config(List.of(LambdaEnvironment.class), Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "turnout-ImportFunction-1A2B3C", "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));
        assertThat(inLambda.getConfigMapping(LambdaEnvironment.class).functionName()).contains("turnout-ImportFunction-1A2B3C");
        assertThat(inLambda.getConfigMapping(LambdaEnvironment.class).initializationType()).isEqualTo("snap-start");

        LambdaEnvironment elsewhere = config(List.of(LambdaEnvironment.class), Map.of()).getConfigMapping(LambdaEnvironment.class);
        assertThat(elsewhere.functionName()).isEmpty();
        assertThat(elsewhere.initializationType()).isEqualTo("on-demand");
    }

    private static SmallRyeConfig config(List<Class<?>> mappings, Map<String, String> functionVariables) {
        Map<String, String> environment = new HashMap<>(GLOBALS);
        environment.putAll(functionVariables);
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300));
        mappings.forEach(builder::withMapping);
        return builder.build();
    }
}
