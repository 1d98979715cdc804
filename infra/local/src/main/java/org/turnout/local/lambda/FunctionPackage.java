package org.turnout.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package unpacked to the task root ({@code LAMBDA_TASK_ROOT}), as Lambda unpacks it to
 * {@code /var/task}. It is unpacked again only when the zip is newer than the unpacked copy.
 */
final class FunctionPackage {

    private FunctionPackage() {
    }

    static synchronized void extractIfNewer(Path zip, Path taskRoot) {
        if (!Files.isRegularFile(zip)) {
            throw new LambdaInvocationException(zip + " does not exist: build the function first (infra/local/run "
                    + "does, or `mvn -DskipTests install` from the repository root)");
        }
        // beside the task root, not in it: the function sees exactly the zip's content
        Path marker = taskRoot.resolveSibling(taskRoot.getFileName() + ".extracted");
        try {
            FileTime built = Files.getLastModifiedTime(zip);
            if (Files.isRegularFile(marker) && Files.getLastModifiedTime(marker).compareTo(built) >= 0
                    && Files.isDirectory(taskRoot)) {
                return;
            }
            deleteRecursively(taskRoot);
            unzip(zip, taskRoot);
            Files.writeString(marker, zip.toString());
            Files.setLastModifiedTime(marker, built);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " to " + taskRoot, e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("Entry " + entry.getName() + " of " + zip + " points outside its directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(entries, destination);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
