package org.turnout.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the link-signing keys' secret: the current key, which signs, and the keys it replaced, which still
 * verify the links they signed until those have expired.
 *
 * <pre>{"kid": "k2", "secret": "...", "previous": [{"kid": "k1", "secret": "...", "retired": "2026-12-07T13:30:00Z"}]}</pre>
 *
 * The current key sits at the top level, so that the template's {@code GenerateSecretString} (a {@code kid} in its
 * template, the generated {@code secret}) makes a valid first value; each rotation puts a new key on top and keeps
 * the replaced one, dropping those retired longer ago than the longest link validity.
 */
public final class LinkSigningKeys {
    public static final int MIN_SECRET_BYTES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Entry current;
    private final List<Entry> previous;
    private final Map<String, Key> byKeyId = new LinkedHashMap<>();

    private LinkSigningKeys(Entry current, List<Entry> previous) {
        this.current = current;
        this.previous = List.copyOf(previous);
        for (Entry entry : allOf(current, previous)) {
            if (byKeyId.put(entry.kid(), new SecretKeySpec(entry.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256")) != null) {
                throw new IllegalArgumentException("link-signing keys: key id '" + entry.kid() + "' appears twice");
            }
        }
    }

    /** Reads the secret's value; a malformed one fails without quoting it. */
    public static LinkSigningKeys parse(String secretValue) {
        JsonNode root;
        try {
            root = JSON.readTree(secretValue);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("link-signing keys: the secret is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("link-signing keys: the secret is not a JSON object");
        }
        Entry current = entry(root, null);
        List<Entry> previous = new ArrayList<>();
        JsonNode list = root.path("previous");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("link-signing keys: 'previous' is not a list");
        }
        list.forEach(node -> previous.add(entry(node, retired(node))));
        return new LinkSigningKeys(current, previous);
    }

    public String currentKeyId() {
        return current.kid();
    }

    public Key currentKey() {
        return byKeyId.get(current.kid());
    }

    /** The key that signed a link, if it is still kept. */
    public Optional<Key> key(String kid) {
        return Optional.ofNullable(kid == null ? null : byKeyId.get(kid));
    }

    public List<String> keyIds() {
        return List.copyOf(byKeyId.keySet());
    }

    /**
     * The keys after a rotation: the new key signs, the one it replaces is kept as retired now, and the retired keys
     * whose links have all expired ({@code retention} after retiring) are dropped.
     */
    public LinkSigningKeys rotatedTo(String newKid, String newSecret, Instant now, Duration retention) {
        List<Entry> kept = new ArrayList<>();
        kept.add(new Entry(current.kid(), current.secret(), now));
        previous.stream().filter(entry -> entry.retired().plus(retention).isAfter(now)).forEach(kept::add);
        return new LinkSigningKeys(validated(newKid, newSecret, null), kept);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("kid", current.kid()).put("secret", current.secret());
        ArrayNode list = root.putArray("previous");
        previous.forEach(entry -> list.addObject().put("kid", entry.kid()).put("secret", entry.secret())
                .put("retired", entry.retired().toString()));
        return root.toString();
    }

    @Override
    public String toString() {
        return "LinkSigningKeys" + keyIds();
    }

    private static Entry entry(JsonNode node, Instant retired) {
        return validated(node.path("kid").asText(""), node.path("secret").asText(""), retired);
    }

    private static Entry validated(String kid, String secret, Instant retired) {
        if (kid.isBlank() || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("link-signing keys: each key needs a 'kid' and a 'secret' of at least "
                    + MIN_SECRET_BYTES + " bytes");
        }
        return new Entry(kid, secret, retired);
    }

    private static Instant retired(JsonNode node) {
        try {
            return Instant.parse(node.path("retired").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("link-signing keys: a previous key has no valid 'retired' time");
        }
    }

    private static List<Entry> allOf(Entry current, List<Entry> previous) {
        List<Entry> all = new ArrayList<>();
        all.add(current);
        all.addAll(previous);
        return all;
    }

    private record Entry(String kid, String secret, Instant retired) {
        @Override
        public String toString() {
            return "Entry[kid=" + kid + "]";
        }
    }
}
