package org.turnout.local.cognito;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;

/** An app client of the user pool, as template.yaml declares it: its id and the URLs it may be sent back to. */
public record AppClient(String id, List<String> callbackUrls, List<String> logoutUrls) {

    public AppClient {
        callbackUrls = List.copyOf(callbackUrls);
        logoutUrls = List.copyOf(logoutUrls);
    }

    /** The template's {@code AWS::Cognito::UserPoolClient}s, their URLs resolved with {@code parameters} (PublicUrl). */
    public static List<AppClient> fromTemplate(CloudFormationTemplate template, Provisioned provisioned, Map<String, String> parameters) {
        List<AppClient> clients = new ArrayList<>();
        for (CloudFormationTemplate.Resource client : template.resourcesOfType("AWS::Cognito::UserPoolClient")) {
            Map<String, Object> properties = provisioned.resolvedProperties(client.logicalId(), parameters);
            clients.add(new AppClient(provisioned.ref(client.logicalId()), strings(properties.get("CallbackURLs")),
                    strings(properties.get("LogoutURLs"))));
        }
        return clients;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
