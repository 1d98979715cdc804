package org.turnout.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of the Turnout repository: the directory that holds {@code template.yaml} and the
 * parent {@code pom.xml}. Tests run with {@code user.dir} set to their module, so the root is
 * found by walking up; the system property {@code turnout.root} names it explicitly.
 */
public record RepositoryRoot(Path path) {

    public static final String ROOT_PROPERTY = "turnout.root";

    public static RepositoryRoot locate() {
        String explicit = System.getProperty(ROOT_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit).toAbsolutePath().normalize();
            if (!isRoot(path)) {
                throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + explicit
                        + " does not name a directory holding template.yaml and pom.xml");
            }
            return new RepositoryRoot(path);
        }
        return locateFrom(Path.of(System.getProperty("user.dir")));
    }

    public static RepositoryRoot locateFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return new RepositoryRoot(dir);
            }
        }
        throw new IllegalStateException("No directory holding template.yaml and pom.xml above " + start
                + "; run from inside the repository or set -D" + ROOT_PROPERTY + "=<repository root>");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"));
    }

    public Path template() {
        return path.resolve("template.yaml");
    }

    /** The directory of this module: the npm emulators and the Java emulators' launch files live under it. */
    public Path infraLocal() {
        return path.resolve("infra").resolve("local");
    }
}
