package org.turnout.importing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.turnout.aws.AwsClients;
import org.turnout.csv.SpreadsheetSafe;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The report of an import: every rejected row with its line, reason and values, then every value
 * left out of an imported row (its line, column, value and why), as a CSV under
 * {@code reports/{org}/{importId}.csv}. Built from the rejected rows kept in the table, so rows
 * rejected before a crash or in an earlier invocation are in it too; streamed page by page
 * through a temporary file, never held in memory.
 */
@Singleton
public record ImportReport(TurnoutTable table, AwsClients aws, String bucket) {
    /**
     * Rejected rows read per query. Without a limit a page is up to 1 MB (some 3,000 rows), which
     * weighs several times that once parsed, twice over while the paginator fetches the next one:
     * with 10,000 rejected rows, more than the rest of the import ever holds.
     */
    static final int PAGE_ROWS = 200;

    @Inject
    public ImportReport(TurnoutTable table, AwsClients aws, ImportSettings settings) {
        this(table, aws, settings.bucket());
    }

    static final String REJECTED = "rejected";
    static final String WARNED = "imported with a warning";

    private static List<String> record(Map<String, AttributeValue> item, String reason, String outcome, String column, String value) {
        List<String> record = new ArrayList<>();
        record.add(item.get("line").n());
        record.add(SpreadsheetSafe.cell(reason));
        record.add(outcome);
        record.add(SpreadsheetSafe.cell(column));
        record.add(SpreadsheetSafe.cell(value));
        item.get("values").l().forEach(v -> record.add(SpreadsheetSafe.cell(v.s())));
        return record;
    }

    public static String key(String orgId, String importId) {
        return "reports/" + orgId + "/" + importId + ".csv";
    }

    /** Writes the report and answers its key. */
    public String write(String orgId, String importId, List<String> header) {
        Path file = null;
        try {
            file = Files.createTempFile("import-report-", ".csv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
                out.write('\uFEFF'); // so that spreadsheets read the accents as UTF-8
                List<String> columns = new ArrayList<>(List.of("line", "reason", "outcome", "column", "value"));
                header.forEach(h -> columns.add(SpreadsheetSafe.cell(h)));
                csv.printRecord(columns);
                for (var page : table.client().queryPaginator(QueryRequest.builder()
                        .tableName(table.name())
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.importRejections(orgId, importId))))
                        .consistentRead(true)
                        .limit(PAGE_ROWS)
                        .build())) {
                    for (var item : page.items()) {
                        if (item.containsKey("warnings")) {
                            for (AttributeValue warning : item.get("warnings").l()) {
                                Map<String, AttributeValue> w = warning.m();
                                csv.printRecord(record(item, w.get("reason").s(), WARNED, w.get("column").s(), w.get("value").s()));
                            }
                        } else {
                            csv.printRecord(record(item, item.get("reason").s(), REJECTED, "", ""));
                        }
                    }
                }
            }
            String key = key(orgId, importId);
            aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromFile(file));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the import report", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
