package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

    @Test
    void isFoundAboveTheModulesDirectory() {
        RepositoryRoot root = RepositoryRoot.locate();

        assertThat(root.template()).isRegularFile();
        assertThat(root.infraLocal().resolve("package.json")).isRegularFile();
    }

    @Test
    void isFoundFromAnyDirectoryBelowIt(@TempDir Path repository) throws IOException {
        Files.writeString(repository.resolve("template.yaml"), "Resources: {}\n");
        Files.writeString(repository.resolve("pom.xml"), "<project/>\n");
        Path deep = Files.createDirectories(repository.resolve("functions/core/src"));

        assertThat(RepositoryRoot.locateFrom(deep).path()).isEqualTo(repository.toAbsolutePath().normalize());
    }

    @Test
    void aDirectoryWithoutTheTemplateIsNotTheRoot(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("pom.xml"), "<project/>\n");

        assertThatThrownBy(() -> RepositoryRoot.locateFrom(elsewhere)).hasMessageContaining("template.yaml");
    }

    @Test
    void theSystemPropertyNamesItExplicitly(@TempDir Path repository) throws IOException {
        Files.writeString(repository.resolve("template.yaml"), "Resources: {}\n");
        Files.writeString(repository.resolve("pom.xml"), "<project/>\n");
        System.setProperty(RepositoryRoot.ROOT_PROPERTY, repository.toString());
        try {
            assertThat(RepositoryRoot.locate().path()).isEqualTo(repository.toAbsolutePath().normalize());
        } finally {
            System.clearProperty(RepositoryRoot.ROOT_PROPERTY);
        }
    }
}
