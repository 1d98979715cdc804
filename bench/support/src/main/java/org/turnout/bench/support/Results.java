package org.turnout.bench.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a benchmark's Markdown report goes, so that a trial run never overwrites the committed results. */
public final class Results {
    private Results() {
    }

    /**
     * Writes {@code markdown} to {@code bench/results/<name>} below {@code repositoryRoot} when the run had the sizes the
     * committed results are for, else to {@code <name>} in {@code workDir}; returns where.
     */
    public static Path write(Path repositoryRoot, Path workDir, String name, String markdown, boolean committedSizes) throws IOException {
        Path results = committedSizes ? repositoryRoot.resolve("bench/results").resolve(name) : workDir.resolve(name);
        Files.createDirectories(results.getParent());
        Files.writeString(results, markdown, StandardCharsets.UTF_8);
        return results;
    }
}
