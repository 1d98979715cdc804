package org.turnout.api.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a console resource whose pages belong to the organisation of its path, and the roles
 * ({@code AdminRoles}) that open them; {@link ConsoleGuard} enforces it. A method's roles replace its class's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ConsolePage {
    String[] roles();
}
