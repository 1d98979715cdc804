package org.turnout.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A function for the runtime interface client (a stream handler needs no Lambda library): it leaves a file in its
 * temporary directory and answers where its temporary directory and the client's native library are.
 */
public final class TmpReportingHandler {

    public void handle(InputStream event, OutputStream response) throws IOException {
        String tmp = System.getProperty("java.io.tmpdir");
        Files.writeString(Path.of(tmp, "scratch"), "left by the function", StandardCharsets.UTF_8);
        // the environment as the runner gave it to the process: what this handler exists to report
        String report = "{\"tmpdir\":\"%s\",\"TMPDIR\":\"%s\",\"nativeLibrary\":\"%s\"}".formatted(tmp,
                System.getenv("TMPDIR"), System.getProperty(EphemeralStorage.NATIVE_LIBRARY_PROPERTY));
        response.write(report.getBytes(StandardCharsets.UTF_8));
    }
}
