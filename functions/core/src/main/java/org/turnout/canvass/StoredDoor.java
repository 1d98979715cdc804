package org.turnout.canvass;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A door as the doors of an address file and the voters of the roll store it, in attributes of their own item: its
 * key (what makes "12 bis Rue de la Paix" one door however it is written), its number as written, street and postcode.
 */
@RecordBuilder
public record StoredDoor(String doorKey, String number, String street, String postcode) {
    public static final String DOOR_KEY = "doorKey";
    public static final String NUMBER = "number";
    public static final String STREET = "street";
    public static final String POSTCODE = "postcode";

    /** Its attributes, flattened into the schema of the item that holds it. */
    public static final TableSchema<StoredDoor> SCHEMA =
            StaticImmutableTableSchema.builder(StoredDoor.class, StoredDoorBuilder.class)
                    .newItemBuilder(StoredDoorBuilder::builder, StoredDoorBuilder::build)
                    .addAttribute(String.class, attribute(DOOR_KEY, StoredDoor::doorKey, StoredDoorBuilder::doorKey))
                    .addAttribute(String.class, attribute(NUMBER, StoredDoor::number, StoredDoorBuilder::number))
                    .addAttribute(String.class, attribute(STREET, StoredDoor::street, StoredDoorBuilder::street))
                    .addAttribute(String.class, attribute(POSTCODE, StoredDoor::postcode, StoredDoorBuilder::postcode))
                    .build();

    public static StoredDoor of(DoorAddress door) {
        return new StoredDoor(door.doorKey(), door.number() == null ? null : door.number().toString(), door.street(), door.postcode());
    }

    public DoorAddress door() {
        return new DoorAddress(HouseNumber.parse(number).orElse(null), street, postcode);
    }
}
