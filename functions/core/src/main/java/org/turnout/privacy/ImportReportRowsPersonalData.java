package org.turnout.privacy;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.turnout.aws.AwsClients;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.importing.ImportSettings;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The rows of import reports that hold the contact's address: the rejected rows kept in the
 * table ({@code ORG#o#IMPORT#i / REJ#<line>}, 30 days) and the report files built from them
 * ({@code reports/<org>/<import>.csv}, kept longer). A row is the contact's when one of its
 * values is an address whose contact id is theirs; a row whose address was not even valid names
 * nobody that can be found. Erasure deletes the rows and writes each report file again without them.
 */
@Singleton
public record ImportReportRowsPersonalData(TurnoutTable table, AwsClients aws, String bucket, ContactIds ids) implements PersonalDataHolder {
    @Inject
    public ImportReportRowsPersonalData(TurnoutTable table, AwsClients aws, ImportSettings settings, ContactIds ids) {
        this(table, aws, settings.bucket(), ids);
    }

    @Override
    public String section() {
        return "importReportRows";
    }

    @Override
    public Object export(String orgId, String contactId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Job job : jobs(orgId)) {
            for (Map<String, AttributeValue> row : rejectedRows(orgId, job.importId(), contactId)) {
                Map<String, Object> exported = new LinkedHashMap<>();
                exported.put("importId", job.importId());
                exported.put("line", Long.parseLong(row.get("line").n()));
                exported.put("reason", row.get("reason").s());
                exported.put("values", row.get("values").l().stream().map(AttributeValue::s).toList());
                rows.add(exported);
            }
            if (job.reportKey() != null && rejectedRowsTableExpired(orgId, job.importId())) {
                // the table's rows expire first: the report file is then the only copy
                for (List<String> record : reportRecords(job.reportKey(), contactId)) {
                    Map<String, Object> exported = new LinkedHashMap<>();
                    exported.put("importId", job.importId());
                    exported.put("reportRow", record);
                    rows.add(exported);
                }
            }
        }
        return rows;
    }

    /** Returns how many rows it removed, from the table and from report files. */
    @Override
    public int erase(String orgId, String contactId) {
        int removed = 0;
        for (Job job : jobs(orgId)) {
            List<Map<String, AttributeValue>> rows = rejectedRows(orgId, job.importId(), contactId);
            rows.forEach(row -> table.client().deleteItem(b -> b.tableName(table.name())
                    .key(TurnoutTable.key(row.get("PK").s(), row.get("SK").s()))));
            removed += rows.size();
            if (job.reportKey() != null) {
                removed += rewriteReportWithout(job.reportKey(), contactId);
            }
        }
        return removed;
    }

    private record Job(String importId, String reportKey) {
    }

    private List<Job> jobs(String orgId) {
        String prefix = Keys.importJobSk("");
        return table.client().queryPaginator(b -> b.tableName(table.name())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :import)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.organisation(orgId)),
                                ":import", AttributeValue.fromS(prefix)))
                        .projectionExpression("SK, reportKey"))
                .items().stream()
                .map(item -> new Job(item.get("SK").s().substring(prefix.length()),
                        item.containsKey("reportKey") ? item.get("reportKey").s() : null))
                .toList();
    }

    private List<Map<String, AttributeValue>> rejectedRows(String orgId, String importId, String contactId) {
        return table.client().queryPaginator(b -> b.tableName(table.name())
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.importRejections(orgId, importId))))
                        .consistentRead(true))
                .items().stream()
                .filter(row -> row.containsKey("values")
                        && holdsAddressOf(row.get("values").l().stream().map(AttributeValue::s).toList(), contactId))
                .toList();
    }

    private boolean rejectedRowsTableExpired(String orgId, String importId) {
        return table.client().query(b -> b.tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.importRejections(orgId, importId))))
                .limit(1)).items().isEmpty();
    }

    /** Hands each record of a report file to {@code matching} if it holds the contact's address, else to {@code others}; streamed. */
    private void scanReport(String key, String contactId, Consumer<List<String>> matching, Consumer<List<String>> others) {
        try (ResponseInputStream<GetObjectResponse> in = aws.s3().getObject(b -> b.bucket(bucket).key(key));
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            for (CSVRecord record : csv) {
                List<String> values = new ArrayList<>(record.toList());
                if (record.getRecordNumber() == 1 && !values.isEmpty()) {
                    values.set(0, values.get(0).replace("\uFEFF", ""));
                }
                (holdsAddressOf(values, contactId) ? matching : others).accept(values);
            }
        } catch (NoSuchKeyException expired) {
            // the bucket's lifecycle rule deleted it: nothing left to read
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import report " + key, e);
        }
    }

    private List<List<String>> reportRecords(String key, String contactId) {
        List<List<String>> records = new ArrayList<>();
        scanReport(key, contactId, records::add, record -> { });
        return records;
    }

    /** Writes the report again without the contact's rows, if it has any; answers how many it removed. */
    private int rewriteReportWithout(String key, String contactId) {
        int removed = reportRecords(key, contactId).size();
        if (removed == 0) {
            return 0;
        }
        Path file = null;
        try {
            file = Files.createTempFile("import-report-", ".csv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
                out.write('\uFEFF'); // as the report was written: spreadsheets read the accents as UTF-8
                scanReport(key, contactId, record -> { }, record -> {
                    try {
                        csv.printRecord(record);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromFile(file));
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the import report " + key, e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** A value is the contact's address when it parses to their id; a report cell may carry a leading quote (formula guard). */
    private boolean holdsAddressOf(List<String> values, String contactId) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String text = value.startsWith("'") ? value.substring(1) : value;
            if (EmailAddress.parse(text).map(ids::forEmail).filter(contactId::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
