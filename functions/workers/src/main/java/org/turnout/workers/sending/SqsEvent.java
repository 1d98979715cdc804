package org.turnout.workers.sending;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The SQS event Lambda sends (only what SendFunction reads of it). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqsEvent(@JsonProperty("Records") List<Message> records) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String messageId, String receiptHandle, String body, Map<String, String> attributes, String eventSourceARN) {

        public int receiveCount() {
            String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
            return count == null ? 1 : Integer.parseInt(count);
        }
    }

    /** The partial batch response: the messages to leave on the queue, to come back later. */
    public record BatchResponse(List<ItemFailure> batchItemFailures) {
    }

    public record ItemFailure(String itemIdentifier) {
    }
}
