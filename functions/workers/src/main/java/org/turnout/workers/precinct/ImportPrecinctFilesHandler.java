package org.turnout.workers.precinct;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import org.turnout.canvass.AddressImportService;
import org.turnout.importing.ImportSource;
import org.turnout.precinct.ElectionImportService;
import org.turnout.workers.importing.ImportEvent;

/**
 * PrecinctImportFunction: imports the election results files dropped under {@code elections/}
 * and the address files under {@code addresses/}, each by its service. A failure is thrown, so
 * that Lambda retries the event.
 */
@Named("precincts")
public class ImportPrecinctFilesHandler implements RequestHandler<ImportEvent, String> {
    private final ElectionImportService elections;
    private final AddressImportService addresses;

    public ImportPrecinctFilesHandler(ElectionImportService elections, AddressImportService addresses) {
        this.elections = elections;
        this.addresses = addresses;
    }

    @Override
    public String handleRequest(ImportEvent event, Context context) {
        StringBuilder outcome = new StringBuilder();
        event.sources().forEach(source -> outcome.append(source.importId()).append(':').append(run(source)).append(' '));
        return outcome.toString().strip();
    }

    private ElectionImportService.Run run(ImportSource source) {
        if (source.key().startsWith("elections/")) {
            return elections.run(source);
        }
        if (source.key().startsWith("addresses/")) {
            return addresses.run(source);
        }
        return ElectionImportService.Run.SKIPPED;
    }
}
