package org.turnout.canvass;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A door of the organisation's address file: {@code ORG#o#P#<station>#ADDR / A#<doorKey>}, so a
 * station's doors are one query and the same door imported twice is one item.
 */
@RecordBuilder
public record AddressEntry(String orgId, String station, StoredDoor storedDoor, String importId)
        implements AtDoor, AddressEntryBuilder.With {
    public static final String TYPE = "address";
    public static final String STATION = "station";
    public static final String IMPORT_ID = "importId";

    public static final TableSchema<AddressEntry> SCHEMA =
            ItemSchemas.keyed(AddressEntry.class, AddressEntryBuilder.class, AddressEntryBuilder::builder, AddressEntryBuilder::build,
                            e -> Keys.stationAddresses(e.orgId, e.station), e -> Keys.addressSk(e.doorKey()), TYPE)
                    .addAttribute(String.class, attribute(Attributes.ORG_ID, AddressEntry::orgId, AddressEntryBuilder::orgId))
                    .addAttribute(String.class, attribute(STATION, AddressEntry::station, AddressEntryBuilder::station))
                    .flatten(StoredDoor.SCHEMA, AddressEntry::storedDoor, AddressEntryBuilder::storedDoor)
                    .addAttribute(String.class, attribute(IMPORT_ID, AddressEntry::importId, AddressEntryBuilder::importId))
                    .build();
}
