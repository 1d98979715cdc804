package org.turnout.mailing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What the schedule hands DispatchFunction: this mailing, due at {@code sendAt}. A schedule of a
 * time since changed (rescheduled) no longer matches the mailing and dispatches nothing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatchRequest(@JsonProperty("org") String orgId, @JsonProperty("mailing") String mailingId, Instant sendAt) {
}
