package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * template.yaml's user pool, the console's app client and managed login, created unless another issuer is given, and
 * what the gateway, ApiFunction and its members grant then point at, resolved as CloudFormation would.
 */
class IdentityResourcesTest {
    private static final String COGNITO_ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_AbCdEf123";
    private static final String POOL_ARN = "arn:aws:cognito-idp:eu-west-3:000000000000:userpool/";

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final Provisioned provisioned = TemplateFixture.unprovisioned(template);

    @Test
    void theIdentityResourcesExistOnlyWithoutAnIssuerOfOurOwn() throws IOException {
        assertThat(template.parameters().get("AdminTokenIssuer").defaultValue()).contains("");
        assertThat(template.conditions().get("CreateUserPool"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "AdminTokenIssuer"), "")));
        for (String logicalId : List.of("UserPool", "ConsoleClient", "UserPoolDomain", "ConsoleLoginBranding")) {
            assertThat(TemplateFixture.resourceDefinition(logicalId)).as(logicalId).containsEntry("Condition", "CreateUserPool");
        }
    }

    @Test
    void thePoolSignsInByEmailWithOptionalTotpAPasswordPolicyInvitationsAndDeletionProtection() {
        Map<String, Object> pool = provisioned.resolvedProperties("UserPool", Map.of());
        assertThat(pool).containsEntry("UsernameAttributes", List.of("email"))
                .containsEntry("MfaConfiguration", "OPTIONAL")
                .containsEntry("EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"))
                .containsEntry("DeletionProtection", "ACTIVE");
        assertThat(provisioned.resolvedProperties("UserPool", Map.of("UserPoolDeletionProtection", "INACTIVE")))
                .containsEntry("DeletionProtection", "INACTIVE");
        assertThat(CloudFormationTemplate.mapOf(CloudFormationTemplate.mapOf(pool.get("Policies"), "Policies").get("PasswordPolicy"),
                "PasswordPolicy")).containsEntry("MinimumLength", 12);
        Map<String, Object> invitation = CloudFormationTemplate.mapOf(CloudFormationTemplate.mapOf(pool.get("AdminCreateUserConfig"),
                "AdminCreateUserConfig").get("InviteMessageTemplate"), "InviteMessageTemplate");
        assertThat(String.valueOf(invitation.get("EmailMessage"))).contains("{username}").contains("{####}");
    }

    @Test
    void theConsoleIsAPublicClientOfTheCodeFlowSentBackToTheConsole() {
        Map<String, Object> client = provisioned.resolvedProperties("ConsoleClient", Map.of("PublicUrl", "https://vote.example.org"));
        assertThat(client).containsEntry("GenerateSecret", false)
                .containsEntry("AllowedOAuthFlows", List.of("code"))
                .containsEntry("AllowedOAuthScopes", List.of("openid", "email"))
                .containsEntry("CallbackURLs", List.of("https://vote.example.org/console/callback"))
                .containsEntry("LogoutURLs", List.of("https://vote.example.org/console/signed-out"));
        assertThat(provisioned.resolvedProperties("ConsoleClient", Map.of("PublicUrl", "https://vote.example.org",
                "ConsoleUrl", "https://console.example.org"))).containsEntry("CallbackURLs", List.of("https://console.example.org/console/callback"));
        assertThat(provisioned.resolvedProperties("UserPoolDomain", Map.of())).containsEntry("ManagedLoginVersion", 2);
        assertThat(provisioned.resolvedProperties("ConsoleLoginBranding", Map.of())).containsEntry("UseCognitoProvidedValues", true);
    }

    @Test
    void theTokensAndTheMembersGrantAreThePoolsOrThoseOfTheGivenIssuer() {
        Map<String, String> ours = provisioned.functionEnvironment("ApiFunction", Map.of());
        String pool = provisioned.ref("UserPool");
        assertThat(ours).containsEntry("TURNOUT_AUTH_ISSUER", "https://cognito-idp.eu-west-3.amazonaws.com/" + pool)
                .containsEntry("TURNOUT_AUTH_AUDIENCE", provisioned.ref("ConsoleClient"))
                .containsEntry("TURNOUT_USER_POOL_ID", pool);
        assertThat(membersGrant(Map.of())).isEqualTo(POOL_ARN + pool);

        Map<String, String> external = Map.of("AdminTokenIssuer", COGNITO_ISSUER, "AdminTokenAudience", "client123");
        assertThat(provisioned.functionEnvironment("ApiFunction", external)).containsEntry("TURNOUT_AUTH_ISSUER", COGNITO_ISSUER)
                .containsEntry("TURNOUT_AUTH_AUDIENCE", "client123")
                .containsEntry("TURNOUT_USER_POOL_ID", "eu-west-3_AbCdEf123");
        assertThat(membersGrant(external)).isEqualTo(POOL_ARN + "eu-west-3_AbCdEf123");
        // another provider than Cognito: no pool to manage, and a grant on none
        assertThat(provisioned.functionEnvironment("ApiFunction", Map.of("AdminTokenIssuer", "https://login.example.org")))
                .containsEntry("TURNOUT_USER_POOL_ID", "");

        Map<String, Object> authorizer = CloudFormationTemplate.mapOf(CloudFormationTemplate.mapOf(CloudFormationTemplate.mapOf(
                CloudFormationTemplate.mapOf(provisioned.resolvedProperties("HttpApi", external).get("Auth"), "Auth")
                        .get("Authorizers"), "Authorizers").get("AdminJwt"), "AdminJwt").get("JwtConfiguration"), "JwtConfiguration");
        assertThat(authorizer).containsEntry("issuer", COGNITO_ISSUER).containsEntry("audience", List.of("client123"));
    }

    private String membersGrant(Map<String, String> parameters) {
        List<?> policies = (List<?>) provisioned.resolvedFunctionProperty("ApiFunction", "Policies", parameters).orElseThrow();
        return policies.stream()
                .flatMap(policy -> ((List<?>) CloudFormationTemplate.mapOf(policy, "policy").get("Statement")).stream())
                .map(statement -> CloudFormationTemplate.mapOf(statement, "statement"))
                .filter(statement -> "ManageMembers".equals(statement.get("Sid")))
                .map(statement -> String.valueOf(statement.get("Resource"))).findFirst().orElseThrow();
    }
}
