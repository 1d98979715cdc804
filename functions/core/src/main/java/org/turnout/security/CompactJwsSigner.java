package org.turnout.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Writes the compact serialisation of an HS256 JWS for one key as the JOSE library writes it (header
 * {@code {"alg":"HS256","kid":...}}, the payload as given, Base64url without padding), so that the library verifies
 * it as its own; for a payload of plain identifiers, the very bytes it writes. Written by hand because the send path signs one link per recipient: the library builds a fresh {@code Mac},
 * looks up its provider and initialises it with the key for every token, and copies the token through several
 * encoders; here the header is encoded once per key and each thread keeps a keyed {@code Mac}, which
 * {@code doFinal} resets for the next token.
 */
final class CompactJwsSigner {
    static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The encoded header and the dot that follows it: the start of every token this key signs. */
    private final byte[] headerAndDot;
    private final ThreadLocal<Mac> macs;

    CompactJwsSigner(String keyId, Key key) {
        String header = appendJsonString(new StringBuilder("{\"alg\":\"HS256\",\"kid\":"), keyId).append('}').toString();
        this.headerAndDot = (BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".").getBytes(StandardCharsets.US_ASCII);
        Mac checked = keyed(key);
        this.macs = ThreadLocal.withInitial(() -> keyed(key));
        this.macs.set(checked);
    }

    /** The token {@code header.payload.signature} of this JSON payload. */
    String sign(String jsonPayload) {
        byte[] payload = BASE64URL.encode(jsonPayload.getBytes(StandardCharsets.UTF_8));
        Mac mac = macs.get();
        mac.update(headerAndDot);
        mac.update(payload);
        byte[] signature = BASE64URL.encode(mac.doFinal());
        byte[] token = new byte[headerAndDot.length + payload.length + 1 + signature.length];
        System.arraycopy(headerAndDot, 0, token, 0, headerAndDot.length);
        System.arraycopy(payload, 0, token, headerAndDot.length, payload.length);
        token[headerAndDot.length + payload.length] = '.';
        System.arraycopy(signature, 0, token, headerAndDot.length + payload.length + 1, signature.length);
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** Appends {@code value} as a JSON string, quotes included, escaped as JSON requires. */
    static StringBuilder appendJsonString(StringBuilder json, String value) {
        JsonStringEncoder.getInstance().quoteAsString(value, json.append('"'));
        return json.append('"');
    }

    private static Mac keyed(Key key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with HS256", e);
        }
    }
}
