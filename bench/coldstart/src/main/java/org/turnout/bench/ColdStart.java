package org.turnout.bench;

import java.time.Duration;

/**
 * One cold start, both durations counted from the JVM's launch.
 *
 * @param init          until the runtime first polls the Runtime API for an event: Lambda's Init phase
 * @param firstResponse until the answer to the first event is received: the cold start a user sees
 */
record ColdStart(Duration init, Duration firstResponse) {
}
