package org.turnout.local.lambda;

import java.util.Set;

/**
 * A function as the local Lambda service runs it: its definition, the pool that runs its invocations, the
 * queue of its asynchronous ones, and the aliases that name it besides {@code $LATEST} (SAM's
 * {@code AutoPublishAlias}; locally every alias runs the latest code).
 */
public record LocalFunction(FunctionDefinition definition, FunctionInvoker invoker, AsyncInvoker async,
                            Set<String> aliases) {

    public LocalFunction {
        aliases = Set.copyOf(aliases);
    }

    public boolean hasQualifier(String qualifier) {
        return qualifier == null || qualifier.equals("$LATEST") || aliases.contains(qualifier);
    }
}
