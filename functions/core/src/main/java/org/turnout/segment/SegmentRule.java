package org.turnout.segment;

import java.time.Instant;
import java.util.List;
import org.turnout.contact.Contact;

/**
 * A boolean rule over contacts: groups ({@code all}, {@code any}, {@code not}) over conditions
 * on one field each. It says who matches; consent is applied apart, always ({@link Mailable}).
 */
public sealed interface SegmentRule {

    /** @param now the moment relative dates ("in the last 30 days") count from */
    boolean matches(Contact contact, Instant now);

    record All(List<SegmentRule> rules) implements SegmentRule {
        @Override
        public boolean matches(Contact contact, Instant now) {
            return rules.stream().allMatch(rule -> rule.matches(contact, now));
        }
    }

    record Any(List<SegmentRule> rules) implements SegmentRule {
        @Override
        public boolean matches(Contact contact, Instant now) {
            return rules.stream().anyMatch(rule -> rule.matches(contact, now));
        }
    }

    record Not(SegmentRule rule) implements SegmentRule {
        @Override
        public boolean matches(Contact contact, Instant now) {
            return !rule.matches(contact, now);
        }
    }

    /** One condition, as {@link RuleParser} built it from {@code {"field", "op", ...}}. */
    record Condition(String field, String op, ContactTest test) implements SegmentRule {
        @Override
        public boolean matches(Contact contact, Instant now) {
            return test.test(contact, now);
        }
    }

    @FunctionalInterface
    interface ContactTest {
        boolean test(Contact contact, Instant now);
    }
}
