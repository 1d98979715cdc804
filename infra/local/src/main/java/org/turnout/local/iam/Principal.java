package org.turnout.local.iam;

import java.util.List;

/**
 * Who signed a request: a role's session (a function's execution role, the Scheduler's role) with its policies, or
 * the stack's administrator, whom no policy limits.
 *
 * @param name  what the runner's log calls it: the function's or role's logical id, or {@code administrator}
 * @param arn   the principal's ARN, as AWS names it in its refusals ({@code arn:aws:sts::...:assumed-role/...})
 */
public record Principal(String name, String arn, List<Statement> statements, boolean administrator) {

    public Principal {
        statements = List.copyOf(statements);
    }
}
