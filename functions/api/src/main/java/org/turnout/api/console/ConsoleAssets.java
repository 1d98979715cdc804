package org.turnout.api.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The URLs of the console's script and style sheet, each with a digest of its content: the files are served
 * with a year's cache (application.properties), and a new build's file has a new URL. The script is htmx, which
 * Maven copies from {@code node_modules} (npm ci) into the function's static resources.
 */
@ApplicationScoped
public class ConsoleAssets {
    public static final String HTMX = "htmx.min.js";
    public static final String STYLE = "console.css";
    static final String BASE = ConsoleSessions.PATH + "/assets/";
    private static final String ON_CLASSPATH = "META-INF/resources" + BASE;

    private final Map<String, String> urls = new ConcurrentHashMap<>();

    /** Read on first use, not at init: a build without htmx fails the console's pages only, naming the cause. */
    public String url(String file) {
        return urls.computeIfAbsent(file, name -> BASE + name + "?v=" + digest(name));
    }

    private static String digest(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ON_CLASSPATH + name)) {
            if (in == null) {
                throw new IllegalStateException(ON_CLASSPATH + name + " is not in the build: run npm ci in functions/api, then build again");
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
