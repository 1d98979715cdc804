package org.turnout.roll;

import java.util.Optional;
import org.turnout.canvass.DoorAddress;
import org.turnout.canvass.StoredDoor;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A voter of the electoral roll: {@code ORG#o#P#<station>#ROLL / V#<doorKey>|<person>}. Not a
 * contact: it has no email, no index keys (so no segment, mailing, count or export of contacts
 * ever reads it) and a TTL at the end of the organisation's retention. Only what canvassing needs
 * is kept (docs/electoral-roll.md): the station and the door to knock at, the names to ask for,
 * the address complement to find the flat, and the matched contact.
 */
public final class Voter {
    public static final String TYPE = "voter";
    public static final String STATION = "station";
    public static final String PERSON = "person";
    public static final String COMPLEMENT = "complement";
    public static final String BIRTH_NAME = "birthName";
    public static final String USED_NAME = "usedName";
    public static final String FIRST_NAMES = "firstNames";
    public static final String CONTACT_ID = "contactId";
    public static final String IMPORT_ID = "importId";
    public static final String TTL = "ttl";

    public static final TableSchema<Voter> SCHEMA =
            ItemSchemas.keyed(Voter.class, Builder.class, Builder::new, Builder::build, Voter::pk, Voter::sk, TYPE)
                    .addAttribute(String.class, a -> a.name(Attributes.ORG_ID).getter(Voter::orgId).setter(Builder::orgId))
                    .addAttribute(String.class, a -> a.name(STATION).getter(Voter::station).setter(Builder::station))
                    .flatten(StoredDoor.SCHEMA, Voter::storedDoor, Builder::door)
                    .addAttribute(String.class, a -> a.name(PERSON).getter(Voter::person).setter(Builder::person))
                    .addAttribute(String.class, a -> a.name(COMPLEMENT).getter(Voter::complement).setter(Builder::complement))
                    .addAttribute(String.class, a -> a.name(BIRTH_NAME).getter(Voter::birthName).setter(Builder::birthName))
                    .addAttribute(String.class, a -> a.name(USED_NAME).getter(Voter::usedName).setter(Builder::usedName))
                    .addAttribute(String.class, a -> a.name(FIRST_NAMES).getter(Voter::firstNames).setter(Builder::firstNames))
                    .addAttribute(String.class, a -> a.name(CONTACT_ID).getter(Voter::contactId).setter(Builder::contactId))
                    .addAttribute(String.class, a -> a.name(IMPORT_ID).getter(Voter::importId).setter(Builder::importId))
                    .addAttribute(Long.class, a -> a.name(TTL).getter(Voter::ttl).setter(Builder::ttl))
                    .build();

    private final String orgId;
    private final String station;
    private final StoredDoor door;
    private final String person;
    private final String complement;
    private final String birthName;
    private final String usedName;
    private final String firstNames;
    private final String contactId;
    private final String importId;
    private final Long ttl;

    private Voter(Builder builder) {
        this.orgId = builder.orgId;
        this.station = builder.station;
        this.door = builder.door;
        this.person = builder.person;
        this.complement = builder.complement;
        this.birthName = builder.birthName;
        this.usedName = builder.usedName;
        this.firstNames = builder.firstNames;
        this.contactId = builder.contactId;
        this.importId = builder.importId;
        this.ttl = builder.ttl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).station(station).door(door).person(person).complement(complement)
                .birthName(birthName).usedName(usedName).firstNames(firstNames).contactId(contactId).importId(importId).ttl(ttl);
    }

    /** The same voter with the end of another retention. */
    public Voter withTtl(Long ttl) {
        return toBuilder().ttl(ttl).build();
    }

    /** The same voter matched to another contact (or to none). */
    public Voter withContactId(String contactId) {
        return toBuilder().contactId(contactId).build();
    }

    public String pk() {
        return Keys.stationVoters(orgId, station);
    }

    public String sk() {
        return Keys.voterSk(doorKey(), person);
    }

    public DoorAddress door() {
        return door.door();
    }

    public StoredDoor storedDoor() {
        return door;
    }

    /** As a canvasser asks for them: the given names and the used name, else the birth name. */
    public String displayName() {
        String last = Optional.ofNullable(usedName).orElse(birthName);
        return ((firstNames == null ? "" : firstNames) + " " + (last == null ? "" : last)).strip();
    }

    /** Whether DynamoDB's TTL has passed: its deletion comes late, so readers skip such items themselves. */
    public boolean expiredAt(long epochSecond) {
        return ttl != null && ttl <= epochSecond;
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

    public String person() {
        return person;
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

    public String complement() {
        return complement;
    }

    public String birthName() {
        return birthName;
    }

    public String usedName() {
        return usedName;
    }

    public String firstNames() {
        return firstNames;
    }

    public String contactId() {
        return contactId;
    }

    public String importId() {
        return importId;
    }

    public Long ttl() {
        return ttl;
    }

    public static final class Builder {
        private String orgId;
        private String station;
        private StoredDoor door;
        private String person;
        private String complement;
        private String birthName;
        private String usedName;
        private String firstNames;
        private String contactId;
        private String importId;
        private Long ttl;

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

        public Builder person(String person) {
            this.person = person;
            return this;
        }

        public Builder complement(String complement) {
            this.complement = complement;
            return this;
        }

        public Builder birthName(String birthName) {
            this.birthName = birthName;
            return this;
        }

        public Builder usedName(String usedName) {
            this.usedName = usedName;
            return this;
        }

        public Builder firstNames(String firstNames) {
            this.firstNames = firstNames;
            return this;
        }

        public Builder contactId(String contactId) {
            this.contactId = contactId;
            return this;
        }

        public Builder importId(String importId) {
            this.importId = importId;
            return this;
        }

        public Builder ttl(Long ttl) {
            this.ttl = ttl;
            return this;
        }

        public Voter build() {
            return new Voter(this);
        }
    }
}
