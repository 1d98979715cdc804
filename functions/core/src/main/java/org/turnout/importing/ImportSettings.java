package org.turnout.importing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where staff's files arrive (imports, election results, rolls, addresses) with their reports, and how big a file may be. */
@ConfigMapping(prefix = "turnout")
public interface ImportSettings {

    /** The bucket ({@code TURNOUT_BUCKET}, from the template's Globals). */
    String bucket();

    /** The most rows one contacts file may have ({@code TURNOUT_IMPORT_MAX_ROWS}). */
    @WithName("import.max-rows")
    @WithDefault("10000000")
    long importMaxRows();
}
