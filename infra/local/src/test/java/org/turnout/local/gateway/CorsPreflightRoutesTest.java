package org.turnout.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.TemplateFixture;

/**
 * Browsers send a preflight (OPTIONS, no token) before a campaign site's script signs a visitor up: in AWS and
 * here, it must reach ApiFunction, which answers CORS per organisation.
 */
class CorsPreflightRoutesTest {

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);

    @Test
    void thePreflightOfTheSignUpDoorReachesTheFunctionWithoutAnAuthorizer() {
        HttpApiRoutes.Match signUp = routes.find("OPTIONS", "/v1/orgs/demo/signups").orElseThrow();
        assertThat(signUp.route().functionLogicalId()).isEqualTo("ApiFunction");
        assertThat(signUp.route().authorizer()).isEmpty();
        // the POST that follows takes the same route
        assertThat(routes.find("POST", "/v1/orgs/demo/signups").orElseThrow().route()).isEqualTo(signUp.route());
    }

    @Test
    void adminRoutesKeepTheirAuthorizerForEveryMethod() {
        assertThat(routes.find("OPTIONS", "/v1/admin/orgs/demo").orElseThrow().route().authorizer()).isEqualTo(Optional.of("AdminJwt"));
    }

    @Test
    void theHttpApiHasNoCorsConfigurationAndTheGatewayRefusesOne() {
        assertThat(template.resourcesOfType("AWS::Serverless::HttpApi"))
                .allSatisfy(api -> assertThat(api.properties()).doesNotContainKey("CorsConfiguration"));

        CloudFormationTemplate withCors = CloudFormationTemplate.parse("""
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      CorsConfiguration:
                        AllowOrigins: ["https://campagne.example.org"]
                """);
        assertThatThrownBy(() -> HttpApiRoutes.fromTemplate(withCors))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Api has a CorsConfiguration");
    }
}
