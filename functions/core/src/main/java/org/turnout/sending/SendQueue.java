package org.turnout.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Where recipients wait for SendFunction: one message per recipient. SQS in production and on the
 * local stack ({@link SqsSendQueue}); a port so that the code that hands recipients to it can be
 * tested without one.
 */
public interface SendQueue {
    /** Puts each recipient on the queue; throws if some could not be, and nothing says which. */
    void enqueue(List<Recipient> recipients);

    static String body(Recipient recipient) {
        try {
            return Json.MAPPER.writeValueAsString(recipient);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Recipient parse(String body) {
        try {
            return Json.MAPPER.readValue(body, Recipient.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a recipient: " + e.getOriginalMessage(), e);
        }
    }

    /** An interface's fields are public: the mapper stays in this holder. */
    final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }
    }
}
