package org.turnout.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items as they are stored, as JSON: an export shows everything held, not only what a view picks. */
final class RawItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawItems() {
    }

    static JsonNode toJson(Map<String, AttributeValue> item) {
        try {
            return JSON.readTree(EnhancedDocument.fromAttributeValueMap(item).toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an item the SDK wrote as JSON is not JSON", e);
        }
    }
}
