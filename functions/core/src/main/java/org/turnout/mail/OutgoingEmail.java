package org.turnout.mail;

import java.util.Map;

/**
 * One email ready to send.
 *
 * @param from    "Name &lt;address&gt;" or a bare address, from the organisation's verified senders
 * @param replyTo where replies go, or null for the sender
 * @param tags    message tags (SES: for the event stream), names and values [A-Za-z0-9_-]
 * @param headers extra headers (List-Unsubscribe, ...), never built from visitor input unchecked
 */
public record OutgoingEmail(String from, String to, String replyTo, String subject, String html, String text,
                            Map<String, String> tags, Map<String, String> headers) {
}
