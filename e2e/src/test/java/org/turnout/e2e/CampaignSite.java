package org.turnout.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A campaign's web site on its own origin, {@code https://localhost:<port>}: serves the pages it is given.
 * It is https, as organisations' sign-up origins must be, with a certificate made for it by the JDK's keytool
 * (the browser is told to accept it).
 */
final class CampaignSite implements AutoCloseable {
    private static final String STORE_PASSWORD = "campaign-site";

    private final HttpsServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private CampaignSite(HttpsServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 on a free port, with a self-signed certificate for {@code localhost} kept in {@code directory}. */
    static CampaignSite start(Path directory) throws IOException, GeneralSecurityException, InterruptedException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers(directory), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        CampaignSite site = new CampaignSite(server);
        server.createContext("/", site::serve);
        server.start();
        return site;
    }

    /** The site's origin, as the browser sends it in {@code Origin}. */
    String origin() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** Serves {@code html} at {@code path}; returns the page's URL. */
    String page(String path, String html) {
        pages.put(path, html);
        return origin() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String html = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (html == null ? "not found" : html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(html == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Path directory)
            throws IOException, GeneralSecurityException, InterruptedException {
        Path store = directory.resolve("site-" + System.nanoTime() + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "site", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make the site's certificate: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, STORE_PASSWORD.toCharArray());
        return factory.getKeyManagers();
    }
}
