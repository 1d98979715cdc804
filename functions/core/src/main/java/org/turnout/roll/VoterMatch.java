package org.turnout.roll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.turnout.canvass.DoorAddress;
import org.turnout.contact.Contact;
import org.turnout.importing.ContactField;

/**
 * The rule that says a voter of the roll is a known contact: the same door (door key, or street
 * and number when the contact has no postcode) and the same name: the contact's last name is the
 * voter's birth or used name, its first name the voter's first given names; case, accents, spaces
 * and hyphens aside ("Marie-Claire" is "MARIE CLAIRE Anne"). Two contacts that fit one voter, or
 * two voters that fit one contact: no match, no guess.
 * Safe for contacts added from several threads.
 */
public final class VoterMatch {
    private final Map<String, List<Candidate>> byStreetAndNumber = new ConcurrentHashMap<>();

    private record Candidate(String contactId, String postcode, String lastName, List<String> firstNames) {
    }

    /** Remembers a contact, if it has a door and a name. */
    public void add(Contact contact) {
        if (contact.lastName() == null || contact.firstName() == null) {
            return;
        }
        DoorAddress.parse(contact.street(), contact.postcode()).ifPresent(door -> {
            List<String> firstNames = tokens(contact.firstName());
            String lastName = ContactField.normalise(contact.lastName());
            if (!firstNames.isEmpty() && !lastName.isEmpty()) {
                byStreetAndNumber.computeIfAbsent(streetAndNumber(door), key -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new Candidate(contact.contactId(), postcode(door), lastName, firstNames));
            }
        });
    }

    /** The id of the one contact that fits this voter, if exactly one does; see {@link #matchAll} for the other way round. */
    Optional<String> contactOf(Voter voter) {
        DoorAddress door = voter.door();
        List<Candidate> atDoor = byStreetAndNumber.getOrDefault(streetAndNumber(door), List.of());
        String birthName = ContactField.normalise(voter.birthName());
        String usedName = ContactField.normalise(voter.usedName());
        List<String> givenNames = tokens(voter.firstNames());
        List<String> found;
        synchronized (atDoor) {
            found = atDoor.stream()
                    .filter(c -> c.postcode() == null || postcode(door) == null || c.postcode().equals(postcode(door)))
                    .filter(c -> c.lastName().equals(birthName) || c.lastName().equals(usedName))
                    .filter(c -> c.firstNames().size() <= givenNames.size() && givenNames.subList(0, c.firstNames().size()).equals(c.firstNames()))
                    .map(Candidate::contactId).distinct().toList();
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Matches these voters (one item each); a contact that fits several of them, such as a father
     * and his son of the same names at one door, is matched to none of them.
     */
    public Map<Voter, String> matchAll(Collection<Voter> voters) {
        Map<Voter, String> found = new IdentityHashMap<>();
        Map<String, Integer> fits = new HashMap<>();
        for (Voter voter : voters) {
            contactOf(voter).ifPresent(contactId -> {
                found.put(voter, contactId);
                fits.merge(contactId, 1, Integer::sum);
            });
        }
        found.values().removeIf(contactId -> fits.get(contactId) > 1);
        return found;
    }

    /** The door key without its postcode: a contact without postcode still finds its door. */
    private static String streetAndNumber(DoorAddress door) {
        String key = door.doorKey();
        return key.substring(0, key.lastIndexOf('#'));
    }

    private static String postcode(DoorAddress door) {
        return door.postcode() == null ? null : ContactField.normalise(door.postcode());
    }

    private static List<String> tokens(String names) {
        if (names == null) {
            return List.of();
        }
        return Arrays.stream(names.split("[\\s\\-,'’]+")).map(ContactField::normalise).filter(t -> !t.isEmpty()).toList();
    }
}
