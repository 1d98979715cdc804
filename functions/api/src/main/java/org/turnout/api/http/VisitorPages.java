package org.turnout.api.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer of a page shown to a visitor (confirmation, unsubscribe, sign-up form): HTML in UTF-8, never cached, and
 * no referrer, since its URL may carry a signed token.
 */
public final class VisitorPages {

    private VisitorPages() {
    }

    public static Response response(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .entity(html).build();
    }
}
