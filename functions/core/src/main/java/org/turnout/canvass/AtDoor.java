package org.turnout.canvass;

/**
 * An item kept for one door (a door of the address file, a voter of the roll): the door's parts, read from the
 * {@link StoredDoor} whose attributes the item carries.
 */
public interface AtDoor {

    StoredDoor storedDoor();

    default DoorAddress door() {
        return storedDoor().door();
    }

    default String doorKey() {
        return storedDoor().doorKey();
    }

    default String number() {
        return storedDoor().number();
    }

    default String street() {
        return storedDoor().street();
    }

    default String postcode() {
        return storedDoor().postcode();
    }
}
