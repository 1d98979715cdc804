package org.turnout.canvass;

import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A door of the organisation's address file: {@code ORG#o#P#<station>#ADDR / A#<doorKey>}, so a
 * station's doors are one query and the same door imported twice is one item.
 */
public final class AddressEntry {
    public static final String TYPE = "address";
    public static final String STATION = "station";
    public static final String IMPORT_ID = "importId";

    public static final TableSchema<AddressEntry> SCHEMA =
            ItemSchemas.keyed(AddressEntry.class, Builder.class, Builder::new, Builder::build,
                            e -> Keys.stationAddresses(e.orgId, e.station), e -> Keys.addressSk(e.doorKey()), TYPE)
                    .addAttribute(String.class, a -> a.name(Attributes.ORG_ID).getter(AddressEntry::orgId).setter(Builder::orgId))
                    .addAttribute(String.class, a -> a.name(STATION).getter(AddressEntry::station).setter(Builder::station))
                    .flatten(StoredDoor.SCHEMA, AddressEntry::storedDoor, Builder::door)
                    .addAttribute(String.class, a -> a.name(IMPORT_ID).getter(AddressEntry::importId).setter(Builder::importId))
                    .build();

    private final String orgId;
    private final String station;
    private final StoredDoor door;
    private final String importId;

    private AddressEntry(Builder builder) {
        this.orgId = builder.orgId;
        this.station = builder.station;
        this.door = builder.door;
        this.importId = builder.importId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).station(station).door(door).importId(importId);
    }

    public DoorAddress door() {
        return door.door();
    }

    public StoredDoor storedDoor() {
        return door;
    }

    public String orgId() {
        return orgId;
    }

    public String station() {
        return station;
    }

    public String doorKey() {
        return door.doorKey();
    }

    public String number() {
        return door.number();
    }

    public String street() {
        return door.street();
    }

    public String postcode() {
        return door.postcode();
    }

    public String importId() {
        return importId;
    }

    public static final class Builder {
        private String orgId;
        private String station;
        private StoredDoor door;
        private String importId;

        private Builder() {
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder station(String station) {
            this.station = station;
            return this;
        }

        public Builder door(StoredDoor door) {
            this.door = door;
            return this;
        }

        public Builder importId(String importId) {
            this.importId = importId;
            return this;
        }

        public AddressEntry build() {
            return new AddressEntry(this);
        }
    }
}
