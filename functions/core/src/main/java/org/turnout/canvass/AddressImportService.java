package org.turnout.canvass;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;
import org.turnout.aws.AwsClients;
import org.turnout.importing.ContactField;
import org.turnout.importing.CsvDialect;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportSource;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.precinct.ElectionProblem;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Imports an address file from {@code addresses/{org}/}: one door a row (street number, street,
 * postcode, polling station), for the walk lists. A door already known is written again (the same
 * item), so a file delivered twice or imported again changes nothing.
 */
@ApplicationScoped
public class AddressImportService {
    static final int WRITE_WINDOW = 500;
    private static final Pattern KEY = Pattern.compile("addresses/([a-z0-9][a-z0-9-]{1,39})/([^/]+)");
    private static final Map<String, Set<String>> COLUMNS = Map.of(
            "number", Set.of("numero", "n", "no", "num", "numerodevoie", "numerovoie", "number", "streetnumber", "housenumber"),
            "suffix", Set.of("rep", "indicederepetition", "suffixe", "suffix", "indice"),
            "street", Set.of("voie", "rue", "nomdevoie", "nomvoie", "street", "adresse", "address", "libelledevoie"),
            "postcode", Set.of("codepostal", "cp", "postcode", "zip", "zipcode", "postalcode"),
            "station", Set.of("bureaudevote", "bureau", "bv", "codebv", "codebureau", "station", "pollingstation", "precinct"));
    private static final Logger LOG = Logger.getLogger(AddressImportService.class);

    private final OrganisationRepository organisations;
    private final AddressRepository addresses;
    private final AwsClients aws;
    private final Clock clock;

    public AddressImportService(OrganisationRepository organisations, AddressRepository addresses, AwsClients aws, Clock clock) {
        this.organisations = organisations;
        this.addresses = addresses;
        this.aws = aws;
        this.clock = clock;
    }

    public ElectionImportService.Run run(ImportSource source) {
        Matcher key = KEY.matcher(source.key());
        if (!key.matches() || organisations.find(key.group(1)).isEmpty()) {
            LOG.warnf("ignored %s: not under addresses/{organisation}/ of a known organisation", LogSafe.quote(source.key()));
            return ElectionImportService.Run.SKIPPED;
        }
        AddressImport report = new AddressImport();
        report.setOrgId(key.group(1));
        report.setImportId(source.importId());
        report.setObjectKey(source.key());
        List<ElectionProblem> problems = new ArrayList<>();
        try (ResponseInputStream<GetObjectResponse> object = aws.s3().getObject(b -> b.bucket(source.bucket()).key(source.key()))) {
            BufferedInputStream in = new BufferedInputStream(object, 64 * 1024);
            in.mark(64 * 1024);
            byte[] head = in.readNBytes(64 * 1024);
            in.reset();
            if (head.length == 0) {
                throw new ImportFailedException("the file is empty");
            }
            CsvDialect dialect = CsvDialect.sniff(head);
            in.skipNBytes(dialect.bomLength());
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter()).setIgnoreEmptyLines(true)
                    .setLenientEof(true).setTrailingData(true).get();
            try (CSVParser parser = CSVParser.builder().setFormat(format).setReader(new InputStreamReader(in, dialect.charset())).get()) {
                read(report, parser, problems);
            }
            report.setStatus("done");
        } catch (ImportFailedException e) {
            report.setStatus("failed");
            report.setFailure(e.getMessage());
        } catch (NoSuchKeyException e) {
            report.setStatus("failed");
            report.setFailure("the file was deleted before it was read");
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (!(cause instanceof CSVException)) {
                throw new UncheckedIOException("the address file could not be read", cause instanceof IOException io ? io : new IOException(cause));
            }
            report.setStatus("failed");
            report.setFailure("the file cannot be read as CSV: " + cause.getMessage());
        }
        report.setProblems(problems);
        report.setFinishedAt(clock.instant());
        addresses.save(report);
        LOG.infof("address file %s of %s %s: %d doors, %d rows rejected", report.getImportId(), report.getOrgId(), report.getStatus(),
                report.getDoors(), report.getRejected());
        return "done".equals(report.getStatus()) ? ElectionImportService.Run.DONE : ElectionImportService.Run.FAILED;
    }

    private void read(AddressImport report, CSVParser parser, List<ElectionProblem> problems) {
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext()) {
            throw new ImportFailedException("the file is empty");
        }
        List<String> header = records.next().toList();
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String normal = ContactField.normalise(header.get(i));
            int index = i;
            COLUMNS.forEach((column, aliases) -> {
                if (aliases.contains(normal)) {
                    columns.putIfAbsent(column, index);
                }
            });
        }
        if (!columns.containsKey("street") || !columns.containsKey("station")) {
            throw new ImportFailedException("an address file needs a street column (voie, rue, street, adresse) and a polling station column "
                    + "(bureau de vote, bureau, station)");
        }
        // keyed by door: one batch must not hold the same item twice
        Map<String, AddressEntry> window = new java.util.LinkedHashMap<>();
        while (records.hasNext()) {
            CSVRecord record = records.next();
            long line = parser.getCurrentLineNumber();
            report.setRows(report.getRows() + 1);
            List<String> values = record.toList();
            String station = cell(values, columns.get("station"));
            String street = cell(values, columns.get("street"));
            String number = cell(values, columns.get("number"));
            String suffix = cell(values, columns.get("suffix"));
            String reason = station == null ? "no polling station" : street == null ? "no street"
                    : station.length() > 40 || station.contains("#") ? "the polling station is not a code" : null;
            Optional<DoorAddress> door = reason == null
                    ? DoorAddress.parse((number == null ? "" : number + (suffix == null ? "" : " " + suffix) + " ") + street,
                            cell(values, columns.get("postcode")))
                    : Optional.empty();
            if (reason == null && number != null && door.map(d -> d.number() == null).orElse(true)) {
                reason = "the street number is not a number: '" + number + "'";
            }
            if (reason != null) {
                report.setRejected(report.getRejected() + 1);
                if (problems.size() < ElectionImportService.MAX_PROBLEMS_KEPT) {
                    problems.add(ElectionProblem.of(line, station, ElectionProblem.REJECTED, reason));
                }
                continue;
            }
            AddressEntry entry = new AddressEntry();
            entry.setOrgId(report.getOrgId());
            entry.setStation(station);
            entry.setDoorKey(door.get().doorKey());
            entry.setNumber(door.get().number() == null ? null : door.get().number().toString());
            entry.setStreet(door.get().street());
            entry.setPostcode(door.get().postcode());
            entry.setImportId(report.getImportId());
            window.put(entry.getStation() + "#" + entry.getDoorKey(), entry);
            report.setDoors(report.getDoors() + 1);
            if (window.size() >= WRITE_WINDOW) {
                addresses.writeAll(List.copyOf(window.values()));
                window.clear();
            }
        }
        addresses.writeAll(List.copyOf(window.values()));
    }

    private static String cell(List<String> values, Integer index) {
        if (index == null || index >= values.size() || values.get(index) == null || values.get(index).isBlank()) {
            return null;
        }
        return values.get(index).strip();
    }
}
