package org.turnout.contact.browse;

import java.util.List;
import org.turnout.contact.Contact;

/**
 * One page of a search: the contacts found, where to read on ({@code next}, null when the search has read
 * everything), and the number of matches in all when it is known without reading more (an address look-up, or
 * the last page of a walk through the shards), else null.
 */
public record ContactMatches(List<Contact> contacts, SearchCursor next, Long total) {
    public ContactMatches {
        contacts = List.copyOf(contacts);
    }
}
