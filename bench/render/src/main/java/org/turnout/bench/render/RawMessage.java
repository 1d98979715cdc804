package org.turnout.bench.render;

import static org.turnout.bench.render.FrenchMailing.*;

import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Variant;
import java.util.List;
import org.turnout.contact.Contact;
import org.turnout.mail.MailAddress;
import org.turnout.mailing.MailingContent.RenderedMessage;

/**
 * The raw ceiling of rendering: the message {@link FrenchMailing}'s templates give, assembled by hand with a
 * {@code StringBuilder} from the same literal parts, with the escaper the renderer uses (Qute's {@link HtmlEscaper})
 * and the same one-line subject. No template engine: no parsing, no expression resolution, no value lookups by name.
 */
public final class RawMessage {
    private static final HtmlEscaper ESCAPER = new HtmlEscaper(List.of(Variant.TEXT_HTML));

    private RawMessage() {
    }

    public static RenderedMessage of(Contact contact, String organisation, String unsubscribeUrl) {
        String first = contact.firstName() == null ? FIRST_NAME_FALLBACK : contact.firstName();
        String station = contact.station();
        boolean hasStation = station != null && !station.isEmpty();
        String subject = MailAddress.oneLine(SUBJECT_0 + first + SUBJECT_1 + text(contact.city()));

        StringBuilder html = new StringBuilder(HTML.length() + 256);
        html.append(HTML_0).append(escape(first)).append(HTML_1);
        if (hasStation) {
            html.append(HTML_IF_0).append(escape(station)).append(HTML_IF_1);
        }
        html.append(HTML_2).append(escape(contact.street())).append(HTML_3).append(escape(contact.city()))
                .append(HTML_4).append(escape(organisation)).append(HTML_5).append(escape(unsubscribeUrl)).append(HTML_6);

        StringBuilder text = new StringBuilder(TEXT.length() + 256);
        text.append(TEXT_0).append(first).append(TEXT_1);
        if (hasStation) {
            text.append(TEXT_IF_0).append(station).append(TEXT_IF_1);
        }
        text.append(TEXT_2).append(text(contact.street())).append(TEXT_3).append(text(contact.city()))
                .append(TEXT_4).append(organisation).append(TEXT_5).append(unsubscribeUrl).append(TEXT_6);
        return new RenderedMessage(subject, html.toString(), text.toString());
    }

    private static String escape(String value) {
        return value == null ? "" : ESCAPER.map(value, null);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
