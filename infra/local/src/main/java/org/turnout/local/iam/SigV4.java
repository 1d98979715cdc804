package org.turnout.local.iam;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, as a service checks it: the credential (access key, date, region, service) read from the
 * {@code Authorization} header or a presigned URL's query, and the signature recomputed over the canonical request
 * with the secret key. S3's paths are signed as sent; the other services' are encoded once more, as the SDKs do.
 */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    /** The signature's claims, before the secret key checks them. */
    record Signed(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                  String signature, String amzDate, String securityToken, boolean presigned, Optional<Duration> expires) {
    }

    private SigV4() {
    }

    /** The claimed credential, or empty if the request carries no SigV4 signature at all. */
    static Optional<Signed> read(SignedRequest request) throws MalformedSignature {
        Map<String, String> query = decodedQuery(request.rawQuery());
        String authorization = request.header("Authorization");
        if (authorization != null) {
            Matcher parts = AUTHORIZATION.matcher(authorization);
            if (!parts.matches()) {
                throw new MalformedSignature("The Authorization header is not an AWS4-HMAC-SHA256 signature");
            }
            String amzDate = request.header("X-Amz-Date");
            if (amzDate == null) {
                throw new MalformedSignature("The request has no X-Amz-Date header");
            }
            return Optional.of(signed(parts.group(1), parts.group(2), parts.group(3), amzDate,
                    request.header("X-Amz-Security-Token"), false, Optional.empty()));
        }
        if (query.containsKey("X-Amz-Credential")) {
            if (!ALGORITHM.equals(query.get("X-Amz-Algorithm")) || query.get("X-Amz-Signature") == null
                    || query.get("X-Amz-SignedHeaders") == null || query.get("X-Amz-Date") == null) {
                throw new MalformedSignature("The presigned URL lacks X-Amz-Algorithm, X-Amz-Date, X-Amz-SignedHeaders or X-Amz-Signature");
            }
            Optional<Duration> expires;
            try {
                expires = Optional.ofNullable(query.get("X-Amz-Expires")).map(Long::parseLong).map(Duration::ofSeconds);
            } catch (NumberFormatException e) {
                throw new MalformedSignature("X-Amz-Expires is not a number of seconds");
            }
            return Optional.of(signed(query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"),
                    query.get("X-Amz-Signature"), query.get("X-Amz-Date"), query.get("X-Amz-Security-Token"), true, expires));
        }
        return Optional.empty();
    }

    private static Signed signed(String credential, String signedHeaders, String signature, String amzDate,
                                 String token, boolean presigned, Optional<Duration> expires) throws MalformedSignature {
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw new MalformedSignature("The credential is not <key>/<date>/<region>/<service>/aws4_request");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw new MalformedSignature("The credential's date " + scope[1] + " is not the request's date " + amzDate);
        }
        return new Signed(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")), signature, amzDate,
                token, presigned, expires);
    }

    /** Whether {@code signed} is the signature of {@code request} by {@code secretAccessKey}, not expired at {@code clock}. */
    static Optional<String> mismatch(SignedRequest request, Signed signed, String secretAccessKey, Clock clock) {
        if (signed.presigned() && signed.expires().isPresent()) {
            try {
                Instant signedAt = LocalDateTime.parse(signed.amzDate(), AMZ_DATE).toInstant(ZoneOffset.UTC);
                if (clock.instant().isAfter(signedAt.plus(signed.expires().get()))) {
                    return Optional.of("Request has expired");
                }
            } catch (DateTimeParseException e) {
                return Optional.of("X-Amz-Date is not yyyyMMddTHHmmssZ");
            }
        }
        String expected = signature(request, signed, secretAccessKey);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signed.signature().getBytes(StandardCharsets.US_ASCII))
                ? Optional.empty()
                : Optional.of("The request signature we calculated does not match the signature you provided. "
                        + "Check your AWS Secret Access Key and signing method.");
    }

    static String signature(SignedRequest request, Signed signed, String secretAccessKey) {
        String canonical = canonicalRequest(request, signed);
        String scope = signed.date() + "/" + signed.region() + "/" + signed.service() + "/aws4_request";
        String toSign = ALGORITHM + "\n" + signed.amzDate() + "\n" + scope + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), signed.date());
        key = hmac(key, signed.region());
        key = hmac(key, signed.service());
        key = hmac(key, "aws4_request");
        return HEX.formatHex(hmac(key, toSign));
    }

    private static String canonicalRequest(SignedRequest request, Signed signed) {
        StringBuilder headers = new StringBuilder();
        for (String name : signed.signedHeaders()) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            headers.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(String.join(",", values.stream().map(value -> value.strip().replaceAll("\\s+", " ")).toList()))
                    .append('\n');
        }
        return request.method() + "\n"
                + canonicalPath(request.rawPath(), request.service().equals("s3")) + "\n"
                + canonicalQuery(request.rawQuery(), signed.presigned()) + "\n"
                + headers + "\n"
                + String.join(";", signed.signedHeaders()) + "\n"
                + payloadHash(request, signed);
    }

    private static String payloadHash(SignedRequest request, Signed signed) {
        String declared = request.header("X-Amz-Content-Sha256");
        if (declared != null) {
            return declared;
        }
        if (signed.presigned() && request.service().equals("s3")) {
            return "UNSIGNED-PAYLOAD";
        }
        return sha256Hex(request.body() == null ? new byte[0] : request.body());
    }

    private static String canonicalPath(String rawPath, boolean s3) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return s3 ? path : encode(path, true);
    }

    private static String canonicalQuery(String rawQuery, boolean presigned) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1));
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {encode(name, false), encode(value, false)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return String.join("&", pairs.stream().map(pair -> pair[0] + "=" + pair[1]).toList());
    }

    static Map<String, String> decodedQuery(String rawQuery) {
        Map<String, String> query = new TreeMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (!pair.isEmpty()) {
                    query.putIfAbsent(percentDecode(equals < 0 ? pair : pair.substring(0, equals)),
                            equals < 0 ? "" : percentDecode(pair.substring(equals + 1)));
                }
            }
        }
        return query;
    }

    /** RFC 3986 unreserved characters stay, all else is %XX of its UTF-8 bytes; {@code /} stays in a path. */
    static String encode(String text, boolean path) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (path && c == '/')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    /** Percent-decoding only: a {@code +} stays a plus, as SigV4 clients never send it for a space. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                try {
                    bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // a lone % is kept as it is
                }
            }
            byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            bytes.write(raw, 0, raw.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signature that cannot even be read. */
    static final class MalformedSignature extends Exception {
        MalformedSignature(String message) {
            super(message);
        }
    }
}
