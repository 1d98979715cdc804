package org.turnout.roll;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;
import org.turnout.canvass.AtDoor;
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
@RecordBuilder
public record Voter(
        String orgId, String station, StoredDoor storedDoor, String person, String complement, String birthName,
        String usedName, String firstNames, String contactId, String importId, Long ttl)
        implements AtDoor, VoterBuilder.With {
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
            ItemSchemas.keyed(Voter.class, VoterBuilder.class, VoterBuilder::builder, VoterBuilder::build, Voter::pk, Voter::sk, TYPE)
                    .addAttribute(String.class, attribute(Attributes.ORG_ID, Voter::orgId, VoterBuilder::orgId))
                    .addAttribute(String.class, attribute(STATION, Voter::station, VoterBuilder::station))
                    .flatten(StoredDoor.SCHEMA, Voter::storedDoor, VoterBuilder::storedDoor)
                    .addAttribute(String.class, attribute(PERSON, Voter::person, VoterBuilder::person))
                    .addAttribute(String.class, attribute(COMPLEMENT, Voter::complement, VoterBuilder::complement))
                    .addAttribute(String.class, attribute(BIRTH_NAME, Voter::birthName, VoterBuilder::birthName))
                    .addAttribute(String.class, attribute(USED_NAME, Voter::usedName, VoterBuilder::usedName))
                    .addAttribute(String.class, attribute(FIRST_NAMES, Voter::firstNames, VoterBuilder::firstNames))
                    .addAttribute(String.class, attribute(CONTACT_ID, Voter::contactId, VoterBuilder::contactId))
                    .addAttribute(String.class, attribute(IMPORT_ID, Voter::importId, VoterBuilder::importId))
                    .addAttribute(Long.class, attribute(TTL, Voter::ttl, VoterBuilder::ttl))
                    .build();

    public String pk() {
        return Keys.stationVoters(orgId, station);
    }

    public String sk() {
        return Keys.voterSk(doorKey(), person);
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
}
