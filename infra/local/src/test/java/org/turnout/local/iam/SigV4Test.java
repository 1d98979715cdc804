package org.turnout.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * SigV4 as AWS's own test suite signs it ({@code get-vanilla} of the aws-sig-v4-test-suite), and what must not pass:
 * another secret, a request changed after signing, a presigned URL after its expiry.
 */
class SigV4Test {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private static final Clock AT_SIGNING = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    @Test
    void theTestSuitesVanillaGetVerifiesWithItsSecretOnly() throws Exception {
        SignedRequest request = vanilla("/", AUTHORIZATION);
        SigV4.Signed signed = SigV4.read(request).orElseThrow();

        assertThat(signed.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(SigV4.mismatch(request, signed, SECRET, AT_SIGNING)).isEmpty();
        assertThat(SigV4.mismatch(request, signed, "another-secret", AT_SIGNING)).isPresent();
        SignedRequest changed = vanilla("/other", AUTHORIZATION);
        assertThat(SigV4.mismatch(changed, SigV4.read(changed).orElseThrow(), SECRET, AT_SIGNING)).isPresent();
    }

    @Test
    void aPresignedUrlExpires() throws Exception {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "0".repeat(64);
        SignedRequest request = new SignedRequest("s3", "GET", "/bucket/key", query, Map.of("Host", List.of("example.amazonaws.com")), null);
        SigV4.Signed signed = SigV4.read(request).orElseThrow();

        assertThat(signed.presigned()).isTrue();
        assertThat(SigV4.mismatch(request, signed, SECRET, Clock.offset(AT_SIGNING, java.time.Duration.ofSeconds(61))))
                .contains("Request has expired");
    }

    @Test
    void aRequestWithoutSignatureHasNoCredential() throws Exception {
        assertThat(SigV4.read(new SignedRequest("s3", "GET", "/", null, Map.of(), null))).isEmpty();
    }

    private static SignedRequest vanilla(String path, String authorization) {
        return new SignedRequest("service", "GET", path, null, Map.of("Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"), "Authorization", List.of(authorization)), new byte[0]);
    }
}
