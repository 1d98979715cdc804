package org.turnout.api.security;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/** Documents what {@link AdminGuard} answers on every route that lists roles: 401 and 403, naming the roles. */
public class GuardResponses implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        List<String> roles = operation.getSecurity() == null ? List.of() : operation.getSecurity().stream()
                .filter(requirement -> requirement.hasScheme(AdminRoles.SCHEME))
                .flatMap(requirement -> requirement.getScheme(AdminRoles.SCHEME).stream()).toList();
        if (roles.isEmpty()) {
            return operation;
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No valid token of this API's issuer and audience"));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("The token's groups give none of the roles this route takes: " + String.join(", ", roles)));
        }
        return operation.responses(responses);
    }
}
