package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping leaves no emulator process behind, whether the start succeeds or not. */
class LocalAwsStackLifecycleTest {

    @Test
    void closeStopsEveryEmulatorProcess() {
        Set<Long> before = childPids();
        List<ProcessHandle> started;
        try (LocalAwsStack stack = LocalAwsStack.start(EnumSet.allOf(Emulator.class))) {
            started = ProcessHandle.current().children().filter(child -> !before.contains(child.pid())).toList();
            assertThat(started).hasSize(4).allMatch(ProcessHandle::isAlive);
            assertThat(stack.endpoint(Emulator.SQS).getHost()).isEqualTo("127.0.0.1");
        }

        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(childPids()).isSubsetOf(before);
    }

    @Test
    void anEmulatorThatFailsToStartIsNamedAndTheOthersAreStopped(@TempDir Path brokenRoot) throws IOException {
        RepositoryRoot root = RepositoryRoot.locate();
        Files.copy(root.template(), brokenRoot.resolve("template.yaml"));
        Files.copy(root.path().resolve("pom.xml"), brokenRoot.resolve("pom.xml"));
        Path launchFiles = Files.createDirectories(brokenRoot.resolve("infra/local/emulators/target"));
        Files.copy(root.infraLocal().resolve("emulators/target/elasticmq.classpath"), launchFiles.resolve("elasticmq.classpath"));
        Files.writeString(launchFiles.resolve("s3proxy.jar"), "not a jar");
        Set<Long> before = childPids();

        System.setProperty(RepositoryRoot.ROOT_PROPERTY, brokenRoot.toString());
        try {
            // ElasticMQ is launched too, and must be stopped when S3Proxy fails
            assertThatThrownBy(() -> LocalAwsStack.start(EnumSet.of(Emulator.S3, Emulator.SQS)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("S3 (S3Proxy) emulator exited with code 1 before answering; command: ")
                    .hasMessageContaining("s3proxy.jar --properties")
                    .hasMessageContaining("last output: ")
                    .hasMessageContaining("jarfile")
                    .hasMessageNotContaining("\n");
        } finally {
            System.clearProperty(RepositoryRoot.ROOT_PROPERTY);
        }
        assertThat(childPids()).isSubsetOf(before);
    }

    @Test
    void missingJavaEmulatorFilesAskForTheirBuild(@TempDir Path bareRoot) throws IOException {
        Files.writeString(bareRoot.resolve("template.yaml"), "Resources: {}\n");
        Files.writeString(bareRoot.resolve("pom.xml"), "<project/>\n");
        System.setProperty(RepositoryRoot.ROOT_PROPERTY, bareRoot.toString());
        try {
            assertThatThrownBy(() -> LocalAwsStack.start(EnumSet.of(Emulator.SQS)))
                    .hasMessageContaining("elasticmq.classpath")
                    .hasMessageContaining("mvn -pl infra/local/emulators package");
        } finally {
            System.clearProperty(RepositoryRoot.ROOT_PROPERTY);
        }
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
