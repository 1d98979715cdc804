package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Plays the identity provider whose JWTs the API verifies (smallrye-jwt): an RSA key pair, its
 * public key as PEM and JWKS, and RS256 tokens for operators and organisation staff. The key can
 * live in a directory so that the local runner keeps it, and tokens stay valid, across restarts.
 */
public final class LocalIdentityProvider {

    public static final String DEFAULT_ISSUER = "https://turnout.local/";
    /** The audience the API expects, template.yaml's AdminTokenAudience default. */
    public static final String AUDIENCE = "turnout";

    private static final String KEY_FILE = "jwt-signing-key.pem";

    public enum Role {
        /** Runs the deployment: every organisation, no {@code org} claim. */
        OPERATOR,
        /** Works for one organisation, named by the {@code org} claim. */
        STAFF;

        public String group() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String issuer;
    private final RsaJsonWebKey key;

    public LocalIdentityProvider(String issuer, KeyPair keyPair) {
        this.issuer = Objects.requireNonNull(issuer);
        this.key = new RsaJsonWebKey((RSAPublicKey) keyPair.getPublic());
        key.setPrivateKey(keyPair.getPrivate());
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
    }

    /** A provider with a fresh key, for tests. */
    public static LocalIdentityProvider withNewKey(String issuer) {
        return new LocalIdentityProvider(issuer, newKeyPair());
    }

    /** A provider whose key is kept in {@code directory}, created there on first use. */
    public static LocalIdentityProvider withKeyIn(Path directory, String issuer) {
        Path file = directory.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return new LocalIdentityProvider(issuer, readKeyPair(file));
            }
            KeyPair keyPair = newKeyPair();
            Files.createDirectories(directory);
            writePrivateKey(file, keyPair);
            return new LocalIdentityProvider(issuer, keyPair);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local signing key in " + file, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", key.getPublicKey().getEncoded());
    }

    /** The JSON Web Key Set that the issuer would publish at {@code .well-known/jwks.json}. */
    public String jwks() {
        try {
            RsaJsonWebKey publicOnly = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(key.getRsaPublicKey());
            publicOnly.setKeyId(key.getKeyId());
            publicOnly.setAlgorithm(key.getAlgorithm());
            publicOnly.setUse(key.getUse());
            return new JsonWebKeySet(publicOnly).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot write the JWKS", e);
        }
    }

    /**
     * An RS256 token for {@code subject}: staff carry their organisation in {@code org}, operators
     * none. {@code groups} holds the role, which is what the API's {@code @RolesAllowed} checks.
     */
    public String issue(String subject, Role role, String org, Duration ttl) {
        if (role == Role.STAFF && (org == null || org.isBlank())) {
            throw new IllegalArgumentException("A staff token names its organisation");
        }
        if (role == Role.OPERATOR && org != null) {
            throw new IllegalArgumentException("An operator token names no organisation");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(AUDIENCE);
        NumericDate now = NumericDate.now();
        NumericDate expiry = NumericDate.fromSeconds(now.getValue());
        expiry.addSeconds(ttl.toSeconds());
        claims.setIssuedAt(now);
        claims.setExpirationTime(expiry);
        claims.setGeneratedJwtId();
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.of(role.group()));
        if (org != null) {
            claims.setClaim("org", org);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** PKCS#8 carries the modulus and public exponent, so one file is the whole pair. */
    private static KeyPair readKeyPair(Path file) throws IOException {
        String base64 = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(file + " does not hold an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static void writePrivateKey(Path file, KeyPair keyPair) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
