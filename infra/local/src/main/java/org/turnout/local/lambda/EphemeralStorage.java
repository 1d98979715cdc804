package org.turnout.local.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code /tmp} of one execution environment: a directory of its own, as Lambda gives each environment, made
 * when the environment starts and deleted when it stops. It also holds the runtime interface client's native
 * library: the client (2.x, {@code JniHelper}) would otherwise copy it to the fixed path
 * {@code /tmp/.libaws-lambda-jni.so}, shared by every process of the machine here, and a process that rewrites
 * that file while another one maps it kills the other with SIGBUS. Given the system property
 * {@value #NATIVE_LIBRARY_PROPERTY}, the client loads the library from there and writes nothing to {@code /tmp}.
 */
final class EphemeralStorage {

    static final String NATIVE_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** The name the client gives it in {@code /tmp}. */
    static final String NATIVE_LIBRARY_FILE = ".libaws-lambda-jni.so";

    private final Path directory;
    private boolean deleted;

    private EphemeralStorage(Path directory) {
        this.directory = directory;
    }

    /**
     * A new, empty directory under {@code parent} with the client's native library for this machine in it.
     *
     * @param runtimeClasspath the runtime interface client's classpath, whose jar holds the library
     */
    static EphemeralStorage create(Path parent, String runtimeClasspath) {
        EphemeralStorage storage;
        try {
            Files.createDirectories(parent);
            storage = new EphemeralStorage(Files.createTempDirectory(parent, "env-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an execution environment's /tmp under " + parent, e);
        }
        try {
            storage.unpackNativeLibrary(runtimeClasspath);
            return storage;
        } catch (RuntimeException e) {
            storage.delete();
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    Path nativeLibrary() {
        return directory.resolve(NATIVE_LIBRARY_FILE);
    }

    /** Deletes the directory and all the function left in it; only the first call does anything. */
    /**
     * Deletes the directory; idempotent. Synchronised, so that a caller who stops the environment returns only once
     * the deletion the process's exit may have started is over, and it is marked deleted only when it succeeded, so
     * that a second call (after the process is surely dead) finishes what a first one could not.
     */
    synchronized void delete() {
        if (deleted) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException gone) {
            // removed already
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
        deleted = true;
    }

    private void unpackNativeLibrary(String runtimeClasspath) {
        String entryName = "jni/" + nativeLibraryName();
        List<Path> jars = Stream.of(runtimeClasspath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).map(Path::of).filter(Files::isRegularFile).toList();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(entryName);
                if (entry != null) {
                    try (InputStream library = zip.getInputStream(entry)) {
                        Files.copy(library, nativeLibrary());
                    }
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack " + entryName + " from " + jar, e);
            }
        }
        throw new IllegalStateException("No jar of the runtime interface client's classpath holds " + entryName);
    }

    /** As the client names them in its jar: glibc or musl, x86_64 or aarch64. */
    private static String nativeLibraryName() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("The runtime interface client has no native library for "
                    + System.getProperty("os.arch"));
        };
        return "libaws-lambda-jni." + (isMusl() ? "linux_musl" : "linux") + "-" + arch + ".so";
    }

    /** musl's dynamic loader is /lib/ld-musl-<arch>.so.1 (Alpine); glibc has none of that name. */
    private static boolean isMusl() {
        try (DirectoryStream<Path> loaders = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return loaders.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
