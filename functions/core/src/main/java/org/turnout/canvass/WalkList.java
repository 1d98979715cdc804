package org.turnout.canvass;

import java.util.ArrayList;
import java.util.List;

/**
 * The doors of one polling station, in walking order, split into turfs of at most
 * {@code turfSize} doors. Only what a canvasser needs: names, address, phone where consented.
 */
public record WalkList(String station, int turfSize, int doorCount, List<Turf> turfs) {

    public record Turf(int number, List<Door> doors) {
        /** The turf's doors by street side, in walking order: a printed sheet shows each as one block. */
        public List<StreetSide> streetSides() {
            return WalkList.streetSides(doors);
        }
    }

    /** The doors of one side of a street ({@code odd}, {@code even}, or {@code none} for doors without a number), in order. */
    public record StreetSide(String street, String side, List<Door> doors) {
    }

    /** Doors in walking order, cut where the street or its side changes. */
    public static List<StreetSide> streetSides(List<Door> doors) {
        List<StreetSide> sides = new ArrayList<>();
        List<Door> current = new ArrayList<>();
        for (Door door : doors) {
            if (!current.isEmpty() && !(current.get(0).street().equals(door.street()) && current.get(0).side().equals(door.side()))) {
                sides.add(new StreetSide(current.get(0).street(), current.get(0).side(), List.copyOf(current)));
                current = new ArrayList<>();
            }
            current.add(door);
        }
        if (!current.isEmpty()) {
            sides.add(new StreetSide(current.get(0).street(), current.get(0).side(), List.copyOf(current)));
        }
        return sides;
    }

    /** One door; {@code residents} are the contacts living there (none for a door of the address file only). */
    public record Door(String street, String side, String number, String postcode, List<Resident> residents) {
    }

    /** {@code contactId} lets a result typed in from the sheet name the contact. */
    public record Resident(String contactId, String name, String phone) {
    }
}
