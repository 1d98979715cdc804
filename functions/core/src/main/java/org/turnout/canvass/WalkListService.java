package org.turnout.canvass;

import jakarta.inject.Singleton;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.roll.ElectoralRollService;
import org.turnout.roll.Voter;
import org.turnout.roll.VoterMatch;

/**
 * Builds a station's walk list: the voters of the electoral roll at that station, the contacts
 * whose polling station it is and the doors of the address file, as one list of doors grouped by street, the odd side then the even side of each,
 * in house-number order (12, 12 bis, 14), then cut into turfs (see {@link #turfs}).
 */
@Singleton
public record WalkListService(ContactRepository contacts, AddressRepository addresses, ElectoralRollService roll) {
    public static final int MAX_TURF_SIZE = 500;
    /**
     * A polling station has about a thousand voters; a "station" of many more is not one, and its
     * walk list would hand out a large part of the roll at once, which the law's limits forbid.
     */
    public static final int MAX_VOTERS = 3000;
    static final String ODD = "odd";
    static final String EVEN = "even";
    static final String UNNUMBERED = "none";

    public WalkList walkList(String orgId, String station, Integer turfSize) {
        FieldErrors errors = new FieldErrors();
        String code = errors.text("station", station, true, 40);
        if (code != null && code.contains("#")) {
            errors.add("station", "is not a polling station code");
        }
        if (turfSize == null) {
            errors.add("turfSize", "is required: the most doors one canvasser walks");
        } else if (turfSize < 1 || turfSize > MAX_TURF_SIZE) {
            errors.add("turfSize", "must be from 1 to " + MAX_TURF_SIZE);
        }
        errors.throwIfAny();

        Map<String, DoorBuilder> doors = new LinkedHashMap<>();
        // one spelling per street, the first met (the address file's): "rue de la paix" is printed "Rue de la Paix"
        Map<String, String> streetNames = new LinkedHashMap<>();
        for (AddressEntry entry : addresses.atStation(orgId, code)) {
            DoorAddress door = entry.door();
            doors.putIfAbsent(door.doorKey(), new DoorBuilder(spelled(door, streetNames)));
        }
        List<Contact> atStation = contacts.atStation(orgId, code);
        Set<String> shown = addVoters(orgId, code, atStation, doors, streetNames);
        for (Contact contact : atStation) {
            if (shown.contains(contact.contactId())) {
                continue; // on the roll: listed once, as the voter
            }
            Optional<DoorAddress> door = DoorAddress.parse(contact.street(), contact.postcode());
            if (door.isEmpty()) {
                continue; // no street address: nobody can knock on that door
            }
            DoorBuilder builder = doors.computeIfAbsent(sameDoorKey(doors, door.get()), key -> new DoorBuilder(spelled(door.get(), streetNames)));
            builder.residents.add(new WalkList.Resident(contact.contactId(), name(contact), phoneIfConsented(contact)));
        }
        List<DoorBuilder> ordered = new ArrayList<>(doors.values());
        ordered.sort(walkingOrder());
        List<WalkList.Door> walked = ordered.stream().map(DoorBuilder::build).toList();
        return new WalkList(code, turfSize, walked.size(), turfs(walked, turfSize));
    }

    /**
     * Adds every voter of the station at its door, as the contact it is matched to when there is one
     * (linked at import, or by {@link VoterMatch} for contacts added since); returns those contacts' ids.
     */
    private Set<String> addVoters(String orgId, String station, List<Contact> atStation, Map<String, DoorBuilder> doors,
                                  Map<String, String> streetNames) {
        List<Voter> voters = roll.votersAt(orgId, station);
        if (voters.size() > MAX_VOTERS) {
            throw InvalidInputException.of("station", "holds more than " + MAX_VOTERS + " voters of the roll: not one polling station");
        }
        if (voters.isEmpty()) {
            return Set.of();
        }
        VoterMatch match = new VoterMatch();
        atStation.forEach(match::add);
        Map<String, Contact> known = atStation.stream().collect(Collectors.toMap(Contact::contactId, c -> c, (a, b) -> a));
        // a matched contact with another station (or none) still lends its phone to its voter
        known.putAll(contacts.findAll(orgId, voters.stream().map(Voter::contactId)
                .filter(id -> id != null && !known.containsKey(id)).collect(Collectors.toSet())));
        Map<Voter, String> matched = match.matchAll(voters.stream().filter(voter -> voter.contactId() == null).toList());
        Set<String> shown = new java.util.HashSet<>();
        for (Voter voter : voters) {
            DoorAddress door = voter.door();
            String contactId = voter.contactId() != null ? voter.contactId() : matched.get(voter);
            Contact contact = contactId == null ? null : known.get(contactId);
            String name = voter.complement() == null ? voter.displayName() : voter.displayName() + " (" + voter.complement() + ")";
            doors.computeIfAbsent(sameDoorKey(doors, door), key -> new DoorBuilder(spelled(door, streetNames)))
                    .residents.add(new WalkList.Resident(contact == null ? null : contactId, name, contact == null ? null : phoneIfConsented(contact)));
            if (contact != null) {
                shown.add(contactId);
            }
        }
        return shown;
    }

    /**
     * Cuts the doors, already in walking order, into turfs of at most {@code size}: a street side
     * goes whole into the current turf if it fits, else into a new one; a side longer than a turf
     * runs over as few turfs as it can: it starts in the current turf only if that costs it no extra
     * turf, and its last turf is left open for the sides that follow.
     */
    static List<WalkList.Turf> turfs(List<WalkList.Door> doors, int size) {
        List<WalkList.Turf> turfs = new ArrayList<>();
        List<WalkList.Door> current = new ArrayList<>();
        for (WalkList.StreetSide street : WalkList.streetSides(doors)) {
            List<WalkList.Door> side = street.doors();
            int free = size - current.size();
            boolean startAnew = side.size() <= size || 1 + ceilDiv(side.size() - free, size) > ceilDiv(side.size(), size);
            if (side.size() > free && !current.isEmpty() && startAnew) {
                turfs.add(new WalkList.Turf(turfs.size() + 1, current));
                current = new ArrayList<>();
            }
            for (WalkList.Door door : side) {
                if (current.size() == size) {
                    turfs.add(new WalkList.Turf(turfs.size() + 1, current));
                    current = new ArrayList<>();
                }
                current.add(door);
            }
        }
        if (!current.isEmpty()) {
            turfs.add(new WalkList.Turf(turfs.size() + 1, current));
        }
        return turfs;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static DoorAddress spelled(DoorAddress door, Map<String, String> streetNames) {
        return new DoorAddress(door.number(), streetNames.computeIfAbsent(door.streetKey(), key -> door.street()), door.postcode());
    }

    /** A contact at a door of the address file written another way ("Rue Émile Zola" / "rue emile zola") joins that door. */
    private static String sameDoorKey(Map<String, DoorBuilder> doors, DoorAddress door) {
        if (doors.containsKey(door.doorKey()) || door.postcode() != null) {
            return door.doorKey();
        }
        // a contact without postcode: the door of the same street and number, whatever its postcode
        String prefix = door.doorKey();
        return doors.keySet().stream().filter(key -> key.startsWith(prefix)).findFirst().orElse(door.doorKey());
    }

    private static Comparator<DoorBuilder> walkingOrder() {
        Collator collator = Collator.getInstance(Locale.FRENCH);
        collator.setStrength(Collator.PRIMARY);
        Comparator<DoorBuilder> byStreet = (a, b) -> collator.compare(a.door.street(), b.door.street());
        return byStreet
                .thenComparing(d -> d.door.streetKey())
                .thenComparingInt(d -> sideOrder(side(d.door)))
                .thenComparing(d -> d.door.number(), Comparator.nullsLast(Comparator.naturalOrder()));
    }

    static String side(DoorAddress door) {
        return door.number() == null ? UNNUMBERED : door.number().even() ? EVEN : ODD;
    }

    private static int sideOrder(String side) {
        return side.equals(ODD) ? 0 : side.equals(EVEN) ? 1 : 2;
    }

    private static String name(Contact contact) {
        String first = contact.firstName() == null ? "" : contact.firstName();
        String last = contact.lastName() == null ? "" : contact.lastName();
        String name = (first + " " + last).strip();
        return name.isEmpty() ? null : name;
    }

    /** The phone number only of people who gave consent to be contacted (subscribed). */
    private static String phoneIfConsented(Contact contact) {
        return ContactStatus.SUBSCRIBED.code().equals(contact.status()) ? contact.phone() : null;
    }

    private static final class DoorBuilder {
        final DoorAddress door;
        final List<WalkList.Resident> residents = new ArrayList<>();

        DoorBuilder(DoorAddress door) {
            this.door = door;
        }

        WalkList.Door build() {
            return new WalkList.Door(door.street(), side(door), door.number() == null ? "" : door.number().toString(),
                    door.postcode(), List.copyOf(residents));
        }
    }
}
