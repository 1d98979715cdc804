/**
 * Event handlers: each parses its AWS event, calls one service of turnout-core, and maps the
 * result (partial batch failures for SQS, the on-failure destination for S3). No SDK calls and
 * no business rules live here.
 */
package org.turnout.workers;
