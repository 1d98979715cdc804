package org.turnout.canvass;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A door as the doors of an address file and the voters of the roll store it, in attributes of their own item: its
 * key (what makes "12 bis Rue de la Paix" one door however it is written), its number as written, street and postcode.
 */
public record StoredDoor(String doorKey, String number, String street, String postcode) {
    public static final String DOOR_KEY = "doorKey";
    public static final String NUMBER = "number";
    public static final String STREET = "street";
    public static final String POSTCODE = "postcode";

    /** Its attributes, flattened into the schema of the item that holds it. */
    public static final TableSchema<StoredDoor> SCHEMA =
            StaticImmutableTableSchema.builder(StoredDoor.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(DOOR_KEY).getter(StoredDoor::doorKey).setter((b, v) -> b.doorKey = v))
                    .addAttribute(String.class, a -> a.name(NUMBER).getter(StoredDoor::number).setter((b, v) -> b.number = v))
                    .addAttribute(String.class, a -> a.name(STREET).getter(StoredDoor::street).setter((b, v) -> b.street = v))
                    .addAttribute(String.class, a -> a.name(POSTCODE).getter(StoredDoor::postcode).setter((b, v) -> b.postcode = v))
                    .build();

    public static StoredDoor of(DoorAddress door) {
        return new StoredDoor(door.doorKey(), door.number() == null ? null : door.number().toString(), door.street(), door.postcode());
    }

    public DoorAddress door() {
        return new DoorAddress(HouseNumber.parse(number).orElse(null), street, postcode);
    }

    /** What the schema fills while it reads an item. */
    private static final class Builder {
        private String doorKey;
        private String number;
        private String street;
        private String postcode;

        StoredDoor build() {
            return new StoredDoor(doorKey, number, street, postcode);
        }
    }
}
