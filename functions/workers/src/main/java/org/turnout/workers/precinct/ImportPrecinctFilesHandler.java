package org.turnout.workers.precinct;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.turnout.canvass.AddressImportService;
import org.turnout.importing.ImportSource;
import org.turnout.precinct.ElectionImportService;
import org.turnout.roll.ElectoralRollService;
import org.turnout.roll.RollImportService;
import org.turnout.workers.SelfInvocation;
import org.turnout.workers.importing.ImportEvent;

/**
 * PrecinctImportFunction: imports the election results files dropped under {@code elections/},
 * the address files under {@code addresses/} and the electoral rolls under {@code rolls/}, each by
 * its service; its daily schedule purges the rolls past their retention. A file that needs more
 * time than this invocation has is handed over to a new invocation from its checkpoint. A
 * failure is thrown, so that Lambda retries the event.
 */
@Named("precincts")
public record ImportPrecinctFilesHandler(ElectionImportService elections, AddressImportService addresses, RollImportService rolls,
                                         ElectoralRollService roll, SelfInvocation continuation, Clock clock) implements RequestHandler<ImportEvent, String> {
    @Override
    public String handleRequest(ImportEvent event, Context context) {
        if (Boolean.TRUE.equals(event.purgeExpiredRolls())) {
            return "purged:" + roll.purgeExpired().stream().mapToInt(ElectoralRollService.Purge::voters).sum();
        }
        Instant deadline = clock.instant().plus(Duration.ofMillis(context.getRemainingTimeInMillis()));
        StringBuilder outcome = new StringBuilder();
        event.sources().forEach(source -> {
            ElectionImportService.Run run = run(source, deadline);
            if (run == ElectionImportService.Run.CONTINUE) {
                continuation.continueWith(Map.of("continueImport", source));
            }
            outcome.append(source.importId()).append(':').append(run).append(' ');
        });
        return outcome.toString().strip();
    }

    private ElectionImportService.Run run(ImportSource source, Instant deadline) {
        if (source.key().startsWith("elections/")) {
            return elections.run(source, deadline);
        }
        if (source.key().startsWith("addresses/")) {
            return addresses.run(source, deadline);
        }
        if (source.key().startsWith("rolls/")) {
            return rolls.run(source, deadline);
        }
        return ElectionImportService.Run.SKIPPED;
    }
}
