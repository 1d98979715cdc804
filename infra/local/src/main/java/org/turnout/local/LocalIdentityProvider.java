package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import org.turnout.local.cognito.AppClient;
import org.turnout.local.cognito.CognitoApi;
import org.turnout.local.cognito.InvitationMessage;
import org.turnout.local.cognito.Invitations;
import org.turnout.local.cognito.LocalUserPool;
import org.turnout.local.cognito.ManagedLogin;
import org.turnout.local.cognito.PasswordPolicy;
import org.turnout.local.cognito.TokenMinter;
import org.turnout.local.iam.RequestAuthoriser;

/**
 * Plays Amazon Cognito, the identity provider whose JWTs the API and the gateway's JWT authorizer verify: an RSA
 * key pair, RS256 ID and access tokens shaped as a Cognito user pool issues them (the organisation and role in
 * {@code cognito:groups} as {@code org:<organisation>:<role>}, the deployment's operators in group
 * {@code operator}), and, once {@link #serve(Path, int) served}, the OIDC discovery document and the JWKS over
 * HTTP at the issuer's URL, as Cognito publishes them. The key can live in a directory so that the local runner
 * keeps it, and tokens stay valid, across restarts. Once a user pool is {@link #attach attached}, the same server
 * plays the pool's Cognito API (the SDK's endpoint) and its managed login ({@code /oauth2/authorize},
 * {@code /oauth2/token}, {@code /logout}), whose tokens it signs with the users' own groups.
 */
public final class LocalIdentityProvider implements AutoCloseable, TokenMinter {

    /** An issuer for tokens that are verified with the key itself, not through discovery. */
    public static final String DEFAULT_ISSUER = "https://turnout.local/";
    /** The app client id: the audience the API expects, template.yaml's AdminTokenAudience default. */
    public static final String AUDIENCE = "turnout";
    /** Where the issuer lives on the server, as Cognito's {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}. */
    public static final String USER_POOL_ID = "local_turnout";
    public static final String GROUPS_CLAIM = "cognito:groups";
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final String KEY_FILE = "jwt-signing-key.pem";
    /** Where a provider serving from a directory keeps the user pool it plays: invited users outlive a restart. */
    public static final String USER_POOL_FILE = "user-pool.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Role {
        /** Runs the deployment: creates organisations; group {@code operator}, no organisation. */
        OPERATOR,
        /** Runs one organisation, owner-only routes included. */
        OWNER,
        /** Works for one organisation. */
        STAFF,
        /** Walk lists and canvass results of one organisation. */
        VOLUNTEER;

        public String role() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The Cognito group that gives this role in {@code org}. */
        public String group(String org) {
            return this == OPERATOR ? role() : "org:" + org + ":" + role();
        }
    }

    /** Cognito's two kinds of JWT, told apart by {@code token_use}: an ID token has {@code aud}, an access token {@code client_id}. */
    public enum TokenUse {
        ID, ACCESS;

        String claim() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String issuer;
    private final RsaJsonWebKey key;
    private final LocalHttpServer server;
    private final Optional<Path> poolFile;
    private volatile CognitoApi cognito;
    private volatile ManagedLogin login;

    public LocalIdentityProvider(String issuer, KeyPair keyPair) {
        this(issuer, keyPair, null, Optional.empty());
    }

    private LocalIdentityProvider(String issuer, KeyPair keyPair, LocalHttpServer server, Optional<Path> poolFile) {
        this.issuer = Objects.requireNonNull(issuer);
        this.key = new RsaJsonWebKey((RSAPublicKey) keyPair.getPublic());
        key.setPrivateKey(keyPair.getPrivate());
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        this.server = server;
        this.poolFile = poolFile;
    }

    /** A provider with a fresh key, for tests. */
    public static LocalIdentityProvider withNewKey(String issuer) {
        return new LocalIdentityProvider(issuer, newKeyPair());
    }

    /** A provider whose key is kept in {@code directory}, created there on first use. */
    public static LocalIdentityProvider withKeyIn(Path directory, String issuer) {
        return new LocalIdentityProvider(issuer, keyPairIn(directory));
    }

    /**
     * A provider that serves its discovery document and JWKS on 127.0.0.1:{@code port} (0: any free port), its
     * issuer being that server's URL; its key, and the user pool it plays, are kept in {@code directory}, or fresh and
     * in memory if that is null.
     */
    public static LocalIdentityProvider serve(Path directory, int port) {
        KeyPair keyPair = directory == null ? newKeyPair() : keyPairIn(directory);
        LocalHttpServer server = LocalHttpServer.bind("identity provider", port, 16);
        String issuer = "http://127.0.0.1:" + server.port() + "/" + USER_POOL_ID;
        LocalIdentityProvider provider = new LocalIdentityProvider(issuer, keyPair, server,
                Optional.ofNullable(directory).map(kept -> kept.resolve(USER_POOL_FILE)));
        server.serve("/", provider::handle, 4);
        return provider;
    }

    /**
     * From now on, plays template.yaml's user pool too: its API, authorised by {@code iam}, its invitations sent through
     * {@code invitations}, and its managed login for the template's app clients, their URLs resolved with
     * {@code parameters}. The pool, empty or as an earlier run left it, is for the caller to fill (demo users) and inspect.
     */
    public LocalUserPool playUserPool(CloudFormationTemplate template, Provisioned provisioned, Map<String, String> parameters,
                                      RequestAuthoriser iam, Invitations invitations, Consumer<String> log) {
        LocalUserPool pool = new LocalUserPool(USER_POOL_ID, PasswordPolicy.fromTemplate(template), Clock.systemUTC(), poolFile);
        this.cognito = new CognitoApi(pool, iam, InvitationMessage.fromTemplate(template), invitations, log);
        this.login = new ManagedLogin(pool, AppClient.fromTemplate(template, provisioned, parameters), this, Clock.systemUTC(), log);
        return pool;
    }

    /**
     * Where the SDK reaches the user pool's API ({@code AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER}) and a browser its
     * managed login (Cognito's {@code https://<domain>.auth.<region>.amazoncognito.com}): the server's root.
     */
    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("This identity provider serves nothing");
        }
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private static KeyPair keyPairIn(Path directory) {
        Path file = directory.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return readKeyPair(file);
            }
            KeyPair keyPair = newKeyPair();
            Files.createDirectories(directory);
            writePrivateKey(file, keyPair);
            return keyPair;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local signing key in " + file, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Where the issuer publishes its OIDC discovery document, as Cognito does. */
    public URI discoveryUri() {
        return URI.create(issuer + DISCOVERY_PATH);
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", key.getPublicKey().getEncoded());
    }

    /** The JSON Web Key Set that the issuer publishes at {@code .well-known/jwks.json}. */
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

    /** The OIDC discovery document, with the fields Cognito's has that a resource server reads. */
    public String discoveryDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + JWKS_PATH);
        if (server != null) {
            document.put("authorization_endpoint", endpoint() + "/oauth2/authorize");
            document.put("token_endpoint", endpoint() + "/oauth2/token");
            document.put("end_session_endpoint", endpoint() + "/logout");
        }
        document.put("response_types_supported", List.of("code", "token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(AlgorithmIdentifiers.RSA_USING_SHA256));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("scopes_supported", List.of("openid", "email", "phone", "profile"));
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ID token: {@code token_use} id, the app client id as {@code aud}. */
    public String issue(String subject, Role role, String org, Duration ttl) {
        return issue(TokenUse.ID, subject, role, org, ttl);
    }

    /**
     * An RS256 token for {@code subject} shaped as Cognito's: {@code cognito:groups} holds the role, in
     * {@code org} unless the role is {@link Role#OPERATOR}.
     */
    public String issue(TokenUse use, String subject, Role role, String org, Duration ttl) {
        boolean hasOrg = org != null && !org.isBlank();
        if (role != Role.OPERATOR && !hasOrg) {
            throw new IllegalArgumentException("A " + role.role() + " token names its organisation");
        }
        if (role == Role.OPERATOR && org != null) {
            throw new IllegalArgumentException("An operator token names no organisation");
        }
        return sign(claims(use, subject, subject, AUDIENCE, List.of(role.group(org)), ttl));
    }

    @Override
    public String idToken(LocalUserPool.User user, String clientId, Duration ttl) {
        JwtClaims claims = claims(TokenUse.ID, user.username(), user.username(), clientId, user.groups(), ttl);
        claims.setClaim("email", user.email());
        claims.setClaim("email_verified", true);
        return sign(claims);
    }

    @Override
    public String accessToken(LocalUserPool.User user, String clientId, Duration ttl) {
        return sign(claims(TokenUse.ACCESS, user.username(), user.username(), clientId, user.groups(), ttl));
    }

    private JwtClaims claims(TokenUse use, String subject, String username, String clientId, List<String> groups, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("token_use", use.claim());
        if (use == TokenUse.ID) {
            claims.setAudience(clientId);
            claims.setClaim("cognito:username", username);
        } else {
            claims.setClaim("client_id", clientId);
            claims.setClaim("username", username);
            claims.setClaim("scope", "openid email");
            claims.setClaim("version", 2);
        }
        NumericDate now = NumericDate.now();
        NumericDate expiry = NumericDate.fromSeconds(now.getValue());
        expiry.addSeconds(ttl.toSeconds());
        claims.setIssuedAt(now);
        claims.setClaim("auth_time", now.getValue());
        claims.setExpirationTime(expiry);
        claims.setGeneratedJwtId();
        claims.setStringListClaim(GROUPS_CLAIM, groups);
        return claims;
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            CognitoApi api = cognito;
            ManagedLogin managedLogin = login;
            if (api != null && path.equals("/") && CognitoApi.isApiCall(exchange)) {
                api.handle(exchange);
                return;
            }
            if (managedLogin != null && ManagedLogin.serves(path)) {
                managedLogin.handle(exchange);
                return;
            }
            String prefix = "/" + USER_POOL_ID;
            String body = null;
            if (path.equals(prefix + DISCOVERY_PATH)) {
                body = discoveryDocument();
            } else if (path.equals(prefix + JWKS_PATH)) {
                body = jwks();
            }
            if (!"GET".equals(exchange.getRequestMethod()) || body == null) {
                exchange.sendResponseHeaders(body == null ? 404 : 405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Stops serving, if it served. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
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
