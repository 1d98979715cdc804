package org.turnout.workers.importing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.turnout.importing.ImportService;
import org.turnout.workers.SelfInvocation;

/**
 * ImportFunction: imports each file its event names. A file that needs more time than this
 * invocation has is handed over to a new invocation from its checkpoint. A failure is thrown, so
 * that Lambda retries the event and, in the end, sends it to the on-failure destination.
 */
@Named("import")
public record ImportContactsHandler(ImportService imports, SelfInvocation continuation, Clock clock) implements RequestHandler<ImportEvent, String> {
    @Override
    public String handleRequest(ImportEvent event, Context context) {
        Instant deadline = clock.instant().plus(Duration.ofMillis(context.getRemainingTimeInMillis()));
        StringBuilder outcome = new StringBuilder();
        event.sources().forEach(source -> {
            ImportService.Run run = imports.run(source, deadline);
            if (run == ImportService.Run.CONTINUE) {
                continuation.continueWith(Map.of("continueImport", source));
            }
            outcome.append(source.importId()).append(':').append(run).append(' ');
        });
        return outcome.toString().strip();
    }
}
