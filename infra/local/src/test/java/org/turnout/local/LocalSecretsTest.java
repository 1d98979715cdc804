package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @Test
    void madeUpOnceAndKeptAcrossRuns(@TempDir Path runDir) {
        LocalSecrets first = LocalSecrets.inDirectory(runDir);
        assertThat(first.contactIdKey()).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(first.ipHashPepper());
        assertThat(LocalSecrets.inDirectory(runDir)).isEqualTo(first);
    }

    @Test
    void aRunDirectoryFromBeforeTheContactIdKeyGetsOneAndKeepsItsOtherSecrets(@TempDir Path runDir) throws IOException {
        Files.writeString(runDir.resolve("secrets.properties"), "LinkSigningKeys=local-1:abc\nIpHashPepper=0123456789abcdef\n");

        LocalSecrets secrets = LocalSecrets.inDirectory(runDir);

        assertThat(secrets.linkSigningKeys()).isEqualTo("local-1:abc");
        assertThat(secrets.ipHashPepper()).isEqualTo("0123456789abcdef");
        assertThat(secrets.contactIdKey()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(LocalSecrets.inDirectory(runDir)).isEqualTo(secrets);
    }
}
