package org.turnout.canvass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** House numbers as a street is walked, and turfs cut along street sides. */
class WalkOrderTest {

    @Test
    void houseNumbersSortWithTheirRepetitionSuffixes() {
        List<HouseNumber> numbers = new ArrayList<>();
        for (String text : List.of("14", "12 ter", "12B", "12", "12 bis", "2", "12 A")) {
            numbers.add(HouseNumber.parse(text).orElseThrow());
        }
        numbers.sort(null);
        assertThat(numbers).extracting(HouseNumber::toString).containsExactly("2", "12", "12 bis", "12 ter", "12A", "12B", "14");
        assertThat(HouseNumber.parse("douze")).isEmpty();
    }

    @Test
    void aStreetLineGivesItsDoor() {
        DoorAddress door = DoorAddress.parse("12 bis, Rue Émile-Zola", "33999").orElseThrow();
        assertThat(door.number()).isEqualTo(new HouseNumber(12, "bis"));
        assertThat(door.street()).isEqualTo("Rue Émile-Zola");
        assertThat(door.streetKey()).isEqualTo(DoorAddress.parse("12 rue emile zola", null).orElseThrow().streetKey());
        assertThat(DoorAddress.parse("Lieu-dit Les Vignes", null).orElseThrow().number()).isNull();
    }

    @Test
    void turfsKeepAStreetSideTogetherUnlessItIsLongerThanATurf() {
        List<WalkList.Door> doors = new ArrayList<>();
        doors.addAll(side("A", "odd", 2));
        doors.addAll(side("A", "even", 3));
        doors.addAll(side("B", "odd", 7));
        doors.addAll(side("C", "even", 1));
        List<WalkList.Turf> turfs = WalkListService.turfs(doors, 4);
        assertThat(turfs).extracting(t -> t.doors().stream().map(d -> d.street() + d.side().charAt(0)).toList()).containsExactly(
                List.of("Ao", "Ao"),                 // A even (3) does not fit beside: a new turf
                List.of("Ae", "Ae", "Ae"),
                List.of("Bo", "Bo", "Bo", "Bo"),     // B odd (7) needs two turfs; begun beside A even it would take three
                List.of("Bo", "Bo", "Bo", "Ce"));
        // a long side that spans no more turfs for it starts in the current one: 1 + 4 doors in turfs of 3
        List<WalkList.Door> packed = new ArrayList<>(side("D", "odd", 1));
        packed.addAll(side("D", "even", 4));
        assertThat(WalkListService.turfs(packed, 3)).extracting(t -> t.doors().size()).containsExactly(3, 2);
    }

    private static List<WalkList.Door> side(String street, String side, int count) {
        List<WalkList.Door> doors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            doors.add(new WalkList.Door(street, side, Integer.toString(i * 2 + (side.equals("odd") ? 1 : 2)), null, List.of()));
        }
        return doors;
    }
}
