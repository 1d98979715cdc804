package org.turnout.aws;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** How the AWS clients are built. */
@ConfigMapping(prefix = "turnout")
public interface AwsSettings {

    /** Where {@link CallCounter} writes this process's calls ({@code TURNOUT_CALL_COUNT_DIR}); unset: nothing is counted. */
    Optional<Path> callCountDir();
}
