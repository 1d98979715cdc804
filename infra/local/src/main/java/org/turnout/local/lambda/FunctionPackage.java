package org.turnout.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
            throw new UncheckedIOException("Cannot unpack " + zip + " to " + taskRoot + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        // ZipFile, not ZipInputStream: it refuses a file that is no zip instead of finding no entries in it
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(entries.entries())) {
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("Entry " + entry.getName() + " of " + zip + " points outside its directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream content = entries.getInputStream(entry)) {
                        Files.copy(content, destination);
                    }
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
