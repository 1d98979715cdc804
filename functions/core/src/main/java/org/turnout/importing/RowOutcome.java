package org.turnout.importing;

/** What writing one good row did. */
public enum RowOutcome {
    /** A new contact. */
    CREATED,
    /** A contact that existed before this import, merged. */
    UPDATED,
    /** A second row of this file for the same person, merged into the first. */
    DUPLICATE
}
