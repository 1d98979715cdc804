package org.turnout.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For a program that starts {@code infra/local/run --detach} beside a stack the developer may keep running (the
 * end-to-end tests, the send benchmark): the environment that gives the run free ports and a run directory of its
 * own, and the endpoints the run writes there once it is ready.
 */
public final class DetachedRun {
    private DetachedRun() {
    }

    /** {@code TURNOUT_LOCAL_<NAME>_PORT} for every port the runner needs, each free now, and {@code TURNOUT_LOCAL_RUN_DIR}. */
    public static Map<String, String> environment(Path runDir) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        List<Integer> free = freePorts(RunSettings.DEFAULTS.size());
        for (int i = 0; i < free.size(); i++) {
            environment.put(RunSettings.DEFAULTS.get(i).variable(), Integer.toString(free.get(i)));
        }
        environment.put(RunSettings.RUN_DIR_VARIABLE, runDir.toString());
        return environment;
    }

    /** The settings of the run's {@code endpoints.env} (e.g. {@code TURNOUT_API_URL}), in the file's order. */
    public static Map<String, String> endpoints(Path runDir) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(endpointsFile(runDir), StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return settings;
    }

    public static Path endpointsFile(Path runDir) {
        return runDir.resolve(LocalRunner.ENDPOINTS_FILE);
    }

    /** Distinct ports nothing listens on now: all are held open together, so that none is given twice. */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(EmulatorLaunch.HOST)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
