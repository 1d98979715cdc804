package org.turnout.mail;

import jakarta.enterprise.context.ApplicationScoped;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** Sends through SES v2 {@code SendEmail}, in the configuration set that publishes its events. */
@ApplicationScoped
public class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final Optional<String> configurationSet;

    /**
     * Throttling and 5xx answers say SES did not take the message: tried again, 4 times in all,
     * with exponential backoff and jitter. Nothing else is: a lost answer may hide a send.
     */
    private static final RetryConfig DECLINED_SENDS = RetryConfig.custom()
            .maxAttempts(4)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(5)))
            .retryOnException(AwsClients::declinedBySes)
            .build();

    private final Retry retry = Retry.of("ses-send", DECLINED_SENDS);

    @Inject
    public SesMailer(AwsClients clients, MailSettings settings) {
        this(clients.sesForMailings(), settings.configurationSet());
    }

    /** With a client of one's own, which must not retry sends itself (see {@link AwsClients#sesForMailings()}). */
    public SesMailer(SesV2Client ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet.filter(name -> !name.isBlank());
    }

    @Override
    public String send(OutgoingEmail email) {
        Message.Builder message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().html(email.html() == null ? null : utf8(email.html()))
                        .text(email.text() == null ? null : utf8(email.text())).build());
        if (!email.headers().isEmpty()) {
            message.headers(email.headers().entrySet().stream()
                    .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList());
        }
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(email.from())
                .destination(Destination.builder().toAddresses(email.to()).build())
                .content(EmailContent.builder().simple(message.build()).build())
                .emailTags(email.tags().entrySet().stream()
                        .map(t -> MessageTag.builder().name(t.getKey()).value(t.getValue()).build()).toList());
        if (email.replyTo() != null) {
            request.replyToAddresses(email.replyTo());
        }
        configurationSet.ifPresent(request::configurationSetName);
        SendEmailRequest built = request.build();
        return retry.executeSupplier(() -> ses.sendEmail(built).messageId());
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
