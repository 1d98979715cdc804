package org.turnout.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read (mode 600), for secrets and tokens. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** A new file, created readable by its owner alone before anything is written to it. */
    public static Writer newWriter(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Writes {@code content} to {@code file} whole or not at all: whoever waits for the file sees it complete. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer writer = newWriter(partial)) {
            writer.write(content);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
