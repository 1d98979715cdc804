package org.turnout.importing;

import java.util.List;
import java.util.Map;
import org.turnout.contact.EmailAddress;

/**
 * One good row of a contact file, its values checked and trimmed; null where the file says nothing.
 * {@code optedOut}: the file says the person unsubscribed (or was cleaned, blocklisted) in the tool it comes from.
 */
public record ImportRow(long line, EmailAddress email, String firstName, String lastName, String street,
                        String postcode, String city, String station, List<String> tags, String phone,
                        Map<String, String> attributes, boolean optedOut) {
}
