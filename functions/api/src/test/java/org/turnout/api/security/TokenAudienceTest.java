package org.turnout.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The audience rule on claims as Cognito writes them (the signature is smallrye-jwt's, tested end to end). */
class TokenAudienceTest {
    private static final String CLIENT = "5r2example0client";

    @Test
    void idTokensAreTakenByTheirAudience() {
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "id", "aud", CLIENT)), CLIENT)).isTrue();
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "id", "aud", List.of("other", CLIENT))), CLIENT)).isTrue();
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "id", "aud", "another-client")), CLIENT)).isFalse();
        // an aud that is not ours is not saved by a client_id that is
        assertThat(TokenAudience.accepts(token(Map.of("aud", "another-client", "client_id", CLIENT)), CLIENT)).isFalse();
    }

    @Test
    void accessTokensAreTakenByTheirClientId() {
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "access", "client_id", CLIENT)), CLIENT)).isTrue();
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "access", "client_id", "another-client")), CLIENT)).isFalse();
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "access")), CLIENT)).isFalse();
    }

    @Test
    void otherTokenUsesAreRefused() {
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "refresh", "aud", CLIENT)), CLIENT)).isFalse();
        assertThat(TokenAudience.accepts(token(Map.of("token_use", "ID", "aud", CLIENT)), CLIENT)).isFalse();
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setSubject("someone");
        claims.forEach(jwt::setClaim);
        return new DefaultJWTCallerPrincipal(jwt);
    }
}
