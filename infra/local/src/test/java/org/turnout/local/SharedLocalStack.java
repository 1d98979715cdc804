package org.turnout.local;

import java.util.EnumSet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one local stack with all four emulators, started on first use and closed when the
 * test run ends (the root store closes what it holds), so test classes share its start-up time.
 */
public final class SharedLocalStack implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAwsStack.class;
    }

    @Override
    public LocalAwsStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedLocalStack.class))
                .computeIfAbsent(LocalAwsStack.class, type -> LocalAwsStack.start(EnumSet.allOf(Emulator.class)),
                        LocalAwsStack.class);
    }
}
