package org.turnout.canvass;

import java.util.List;

/**
 * The doors of one polling station, in walking order, split into turfs of at most
 * {@code turfSize} doors. Only what a canvasser needs: names, address, phone where consented.
 */
public record WalkList(String station, int turfSize, int doorCount, List<Turf> turfs) {

    public record Turf(int number, List<Door> doors) {
    }

    /** One door; {@code residents} are the contacts living there (none for a door of the address file only). */
    public record Door(String street, String side, String number, String postcode, List<Resident> residents) {
    }

    /** {@code contactId} lets a result typed in from the sheet name the contact. */
    public record Resident(String contactId, String name, String phone) {
    }
}
