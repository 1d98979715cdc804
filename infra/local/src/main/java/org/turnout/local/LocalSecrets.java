package org.turnout.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The NoEcho parameters of template.yaml that a deployment is given by its operator, made up once for
 * the local stack and kept in its run directory, so that links sent before a restart still work.
 */
record LocalSecrets(String linkSigningKeys, String ipHashPepper, String contactIdKey) {

    private static final String FILE = "secrets.properties";

    static LocalSecrets inDirectory(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            Properties properties = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                // a run directory made before the contact-id key existed gets one added
                if (properties.getProperty("ContactIdKey") != null) {
                    return fromProperties(properties);
                }
            }
            properties.putIfAbsent("LinkSigningKeys", "local-1:" + randomHex(32));
            properties.putIfAbsent("IpHashPepper", randomHex(32));
            properties.setProperty("ContactIdKey", randomHex(32));
            LocalSecrets secrets = fromProperties(properties);
            try (Writer writer = PrivateFiles.newWriter(file)) {
                properties.store(writer, "Made up by infra/local/run for the local stack; delete to renew");
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local secrets in " + file, e);
        }
    }

    private static LocalSecrets fromProperties(Properties properties) {
        return new LocalSecrets(properties.getProperty("LinkSigningKeys"), properties.getProperty("IpHashPepper"),
                properties.getProperty("ContactIdKey"));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
