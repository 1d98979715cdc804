package org.turnout.workers.feedback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What SNS hands a subscribed function: records, each with the published message (here an SES event, as JSON text). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnsEvent(@JsonProperty("Records") List<SnsRecord> records) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SnsRecord(@JsonProperty("Sns") SnsMessage sns) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SnsMessage(@JsonProperty("MessageId") String messageId, @JsonProperty("TopicArn") String topicArn,
                             @JsonProperty("Message") String message) {
    }

    public List<SnsRecord> recordsOrEmpty() {
        return records == null ? List.of() : records;
    }
}
