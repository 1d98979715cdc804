package org.turnout.mail;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    public SesMailer(AwsClients clients, @ConfigProperty(name = "turnout.configuration-set") Optional<String> configurationSet) {
        this.ses = clients.sesForMailings();
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
        return ses.sendEmail(request.build()).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
