package org.turnout.canvass;

import java.util.List;

/** What happened at a door. */
public final class CanvassOutcome {
    public static final List<String> ALL = List.of("talked", "not_home", "refused", "moved", "inaccessible");

    private CanvassOutcome() {
    }
}
