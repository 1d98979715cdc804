package org.turnout.canvass;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.turnout.csv.SpreadsheetSafe;
import org.turnout.organisation.Language;
import org.turnout.template.Templates;

/** A walk list as a CSV (one row per resident, or per door without one; formula-safe) and as printable HTML sheets, one per turf. */
@Singleton
public record WalkListFormats(Templates templates) {
    static final List<String> CSV_COLUMNS = List.of("turf", "street", "side", "number", "postcode", "name", "phone", "contact",
            "not_home", "talked", "support_1_5", "volunteer", "notes");

    public String csv(WalkList list) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            out.write('\uFEFF'); // so that spreadsheets read the accents as UTF-8
            csv.printRecord(CSV_COLUMNS);
            for (WalkList.Turf turf : list.turfs()) {
                for (WalkList.Door door : turf.doors()) {
                    List<WalkList.Resident> residents = door.residents().isEmpty()
                            ? List.of(new WalkList.Resident(null, null, null)) : door.residents();
                    for (WalkList.Resident resident : residents) {
                        List<String> row = new ArrayList<>();
                        row.add(Integer.toString(turf.number()));
                        row.add(SpreadsheetSafe.cell(door.street()));
                        row.add(door.side());
                        row.add(door.number());
                        row.add(SpreadsheetSafe.cell(door.postcode()));
                        row.add(SpreadsheetSafe.cell(resident.name()));
                        row.add(SpreadsheetSafe.cell(resident.phone()));
                        row.add(resident.contactId());
                        row.addAll(List.of("", "", "", "", ""));
                        csv.printRecord(row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the walk list", e);
        }
        return out.toString();
    }

    public String html(WalkList list, Language language, String organisation) {
        return templates.render("walk-list", language, "html", Map.of("organisation", organisation, "list", list));
    }
}
