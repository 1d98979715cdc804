package org.turnout.organisation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The addresses of an organisation's campaign sites: the origins allowed to call the sign-up door,
 * and the thank-you page its plain forms lead to. Only https: a browser sends a site's origin in
 * the {@code Origin} header exactly as {@link #origin} writes it (lower-case host, no default port).
 */
public final class SiteAddress {
    static final int MAX_URL_LENGTH = 2000;
    private static final int HTTPS_DEFAULT_PORT = 443;

    private SiteAddress() {
    }

    /** {@code https://host[:port]}, with at most a trailing "/", as the browser writes it; empty if it is not such an origin. */
    public static Optional<String> origin(String value) {
        Optional<URI> uri = https(value);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        URI origin = uri.get();
        String path = origin.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || origin.getRawQuery() != null
                || origin.getRawFragment() != null) {
            return Optional.empty();
        }
        int port = origin.getPort();
        String host = origin.getHost().toLowerCase(Locale.ROOT);
        return Optional.of("https://" + host + (port == -1 || port == HTTPS_DEFAULT_PORT ? "" : ":" + port));
    }

    /** An absolute https URL, in ASCII (it goes into a {@code Location} header); empty if it is not one. */
    public static Optional<String> httpsUrl(String value) {
        return https(value).map(URI::toASCIIString).filter(url -> url.length() <= MAX_URL_LENGTH);
    }

    private static Optional<URI> https(String value) {
        if (value == null || value.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.strip());
            boolean plain = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
            return plain ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
