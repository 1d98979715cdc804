package org.turnout.canvass;

import java.util.List;

/**
 * What comes back from the doors: one door (the fields of {@link Entry} at the top level) or a
 * batch ({@code results}); {@code session}, {@code canvasser} and {@code at} given at the top
 * apply to every result that does not give its own.
 */
public record CanvassSubmission(String session, String canvasser, String at, List<Entry> results,
                                String contactId, String email, Address address, String firstName, String lastName, String phone,
                                String outcome, Integer support, Boolean volunteer, String notes) {

    /** One door's result; the door is a known contact ({@code contactId} or {@code email}) or an {@code address}. */
    public record Entry(String session, String canvasser, String at, String contactId, String email, Address address,
                        String firstName, String lastName, String phone, String outcome, Integer support, Boolean volunteer,
                        String notes) {
    }

    public record Address(String number, String street, String postcode, String station) {
    }

    List<Entry> entries() {
        if (results != null) {
            return results;
        }
        return List.of(new Entry(null, null, null, contactId, email, address, firstName, lastName, phone, outcome, support,
                volunteer, notes));
    }
}
