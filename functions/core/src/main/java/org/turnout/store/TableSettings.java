package org.turnout.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The table every function reads and writes, and how many calls to it one instance keeps in flight. */
@ConfigMapping(prefix = "turnout")
public interface TableSettings {

    /** The DynamoDB table ({@code TURNOUT_TABLE}, from the template's Globals). */
    String table();

    /** Batch writes and reads in flight per function instance, and 4 times as many single conditional writes. */
    @WithDefault("8")
    int batchConcurrency();
}
