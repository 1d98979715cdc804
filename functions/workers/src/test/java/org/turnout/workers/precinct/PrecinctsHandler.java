package org.turnout.workers.precinct;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The tests of PrecinctImportFunction (election results and rolls alike) run its handler, as that function's Lambda does. */
public class PrecinctsHandler implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "precincts");
    }
}
