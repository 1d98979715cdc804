package org.turnout.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * The visitor's IP address as API Gateway saw it ({@code requestContext.http.sourceIp}); never a
 * header the visitor could set. Outside Lambda, the connection's peer address.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(APIGatewayV2HTTPEvent event, HttpServerRequest request) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getSourceIp() != null) {
            return event.getRequestContext().getHttp().getSourceIp();
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
