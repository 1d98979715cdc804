package org.turnout.workers.importing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.turnout.importing.ImportSource;

/**
 * What invokes ImportFunction: an S3 notification ({@code Records}, as S3 sends it), or the
 * function itself handing a long file over to its next invocation ({@code continueImport}); and
 * PrecinctImportFunction's daily schedule ({@code purgeExpiredRolls}: no file, a purge of the
 * electoral rolls past their retention).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportEvent(@JsonProperty("Records") List<S3Record> records, ImportSource continueImport, Boolean purgeExpiredRolls) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record S3Record(String eventName, Instant eventTime, S3Entity s3) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record S3Entity(Bucket bucket, S3Object object) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bucket(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record S3Object(String key, Long size, String eTag) {
    }

    /** The files to import; S3 sends keys URL-encoded (a space as '+'). */
    public Stream<ImportSource> sources() {
        if (continueImport != null) {
            return Stream.of(continueImport);
        }
        return (records == null ? List.<S3Record>of() : records).stream()
                .filter(r -> r.eventName() != null && r.eventName().startsWith("ObjectCreated"))
                .map(r -> new ImportSource(r.s3().bucket().name(),
                        URLDecoder.decode(r.s3().object().key(), StandardCharsets.UTF_8),
                        r.s3().object().eTag(),
                        r.s3().object().size() == null ? 0 : r.s3().object().size(),
                        r.eventTime()));
    }
}
