package org.turnout.workers;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What staff do before a function that S3 notifies runs: an organisation of their own, then a file put
 * into the bucket as the stack's administrator; and the notification S3 sends for that file, from its
 * sample in {@code events/}.
 */
public final class StaffSetup {
    private StaffSetup() {
    }

    /** Creates an organisation named {@code name} with a new id starting with {@code prefix}, and returns the id. */
    public static String newOrganisation(OrganisationRepository organisations, String prefix, String name) {
        String org = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        organisations.create(OrganisationBuilder.builder().id(org).name(name).build());
        return org;
    }

    /**
     * Puts {@code file} at {@code key} with {@code metadata}, and returns the S3 notification of the sample
     * {@code events/<sample>} for it (the sample names the key; its bucket, organisation, size and ETag are this upload's).
     */
    public static String upload(String sample, String org, String key, byte[] file, Map<String, String> metadata) throws IOException {
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        String etag = LocalStackResource.stack.clients().s3()
                .putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(file)).eTag();
        return Files.readString(RepositoryRoot.locate().path().resolve("events/" + sample))
                .replace("${BUCKET}", bucket).replace("${ORG}", org).replace("${SIZE}", Integer.toString(file.length))
                .replace("${ETAG}", etag.replace("\"", ""));
    }
}
