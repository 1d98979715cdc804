package org.turnout.importing;

import static org.turnout.store.ItemSchemas.attribute;

import java.time.Instant;
import java.util.function.BiConsumer;
import org.turnout.store.OrganisationItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * An item that follows the import of one uploaded file (a contact list, an election's results, an address file,
 * an electoral roll): the object it reads, where it stands, why it failed and when it finished. The statuses, the
 * names of these attributes and their part of the item's schema are here, once.
 */
public interface FileImportItem extends OrganisationItem {
    String RUNNING = "running";
    String DONE = "done";
    String FAILED = "failed";

    String OBJECT_KEY = "objectKey";
    String STATUS = "status";
    String FAILURE = "failure";
    String FINISHED_AT = "finishedAt";

    /** The uploaded object's key in the bucket. */
    String objectKey();

    String status();

    /** Why the import failed, in words fit for staff (no row content). */
    String failure();

    Instant finishedAt();

    /** The setters of an item's generated builder for the attributes every file import keeps. */
    record Setters<B>(BiConsumer<B, String> objectKey, BiConsumer<B, String> status, BiConsumer<B, String> failure,
                      BiConsumer<B, Instant> finishedAt) {
    }

    /** Adds the attributes every file import keeps to the schema of one kind of them. */
    static <T extends FileImportItem, B> StaticImmutableTableSchema.Builder<T, B> attributes(
            StaticImmutableTableSchema.Builder<T, B> schema, Setters<B> set) {
        return schema
                .addAttribute(String.class, attribute(OBJECT_KEY, FileImportItem::objectKey, set.objectKey()))
                .addAttribute(String.class, attribute(STATUS, FileImportItem::status, set.status()))
                .addAttribute(String.class, attribute(FAILURE, FileImportItem::failure, set.failure()))
                .addAttribute(Instant.class, attribute(FINISHED_AT, FileImportItem::finishedAt, set.finishedAt()));
    }
}
