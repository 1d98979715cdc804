package org.turnout.sending;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One message of the send queue: this mailing, to this contact. */
public record Recipient(@JsonProperty("org") String orgId, @JsonProperty("mailing") String mailingId,
                        @JsonProperty("contact") String contactId) {
}
