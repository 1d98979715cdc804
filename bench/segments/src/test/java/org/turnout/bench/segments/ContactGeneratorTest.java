package org.turnout.bench.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactStatus;
import org.turnout.segment.Mailable;
import org.turnout.store.Keys;

class ContactGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private static final int COUNT = 10_000;

    private final ContactGenerator generator = new ContactGenerator(ContactGenerator.DEFAULT_SEED, NOW);
    private final List<Contact> contacts = IntStream.range(0, COUNT).mapToObj(i -> generator.contact("org", i)).toList();

    @Test
    void sameSeedAndIndexSameContactAndEveryAddressDistinct() {
        Contact again = new ContactGenerator(ContactGenerator.DEFAULT_SEED, NOW).contact("org", 1234);
        assertThat(again).usingRecursiveComparison().isEqualTo(contacts.get(1234));
        assertThat(new ContactGenerator(7, NOW).contact("org", 1234)).usingRecursiveComparison().isNotEqualTo(again);
        assertThat(contacts.stream().map(Contact::contactId).distinct()).hasSize(COUNT);
        assertThat(contacts.stream().map(Contact::email).distinct()).hasSize(COUNT);
    }

    @Test
    void statusesMostlySubscribedWithEveryOtherKind() {
        Map<ContactStatus, Long> statuses = count(Contact::statusValue);
        // every status a contact with an email can have (no_email is for people met at the door only)
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(ContactStatus.NO_EMAIL)));
        assertThat(share(statuses.get(ContactStatus.SUBSCRIBED))).isBetween(0.77, 0.83);
        assertThat(share(statuses.get(ContactStatus.IMPORTED))).isBetween(0.05, 0.09);
        assertThat(share(statuses.get(ContactStatus.UNSUBSCRIBED))).isBetween(0.04, 0.08);
        // imported contacts came without a declared consent; the others have their record
        assertThat(contacts).allSatisfy(c -> assertThat(c.consent() == null).isEqualTo(c.statusValue() == ContactStatus.IMPORTED));
    }

    @Test
    void spreadOverTheShardsStationsTagsAndTwoYears() {
        assertThat(count(c -> Keys.contactShard("org", c.contactId())).keySet()).hasSize(Keys.CONTACT_SHARDS);
        assertThat(count(Contact::station).keySet()).hasSize(ContactGenerator.STATIONS).contains("0001", "0040");
        assertThat(count(Contact::postcode).keySet()).isSubsetOf(new HashSet<>(ContactGenerator.POSTCODES));
        Set<String> tags = contacts.stream().flatMap(c -> c.tags().stream()).collect(Collectors.toSet());
        assertThat(tags).containsExactlyInAnyOrderElementsOf(ContactGenerator.TAGS);
        assertThat(contacts).allSatisfy(c -> {
            assertThat(c.createdAt()).isBetween(NOW.minus(Duration.ofDays(730)), NOW);
            assertThat(c.tags()).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(3);
        });
        assertThat(contacts.stream().map(Contact::createdAt).filter(d -> d.isBefore(NOW.minus(Duration.ofDays(600))))).isNotEmpty();
        assertThat(contacts.stream().map(Contact::createdAt).filter(d -> d.isAfter(NOW.minus(Duration.ofDays(30))))).isNotEmpty();
    }

    @Test
    void attributesCanvassAndMailingsOnSome() {
        assertThat(share(contacts.stream().filter(c -> c.attributes().containsKey("age")).count())).isBetween(0.65, 0.75);
        assertThat(contacts.stream().map(c -> c.attributes().get("adhesion")))
                .anyMatch(d -> d != null && d.matches("\\d{2}/\\d{2}/\\d{4}"))
                .anyMatch(d -> d != null && d.matches("\\d{4}-\\d{2}-\\d{2}"));
        assertThat(share(contacts.stream().filter(c -> c.canvassSupport() != null).count())).isBetween(0.2, 0.3);
        assertThat(contacts).allSatisfy(c -> {
            if (c.mailingsReceived() != null) {
                assertThat(c.mailingsReceived()).containsAll(c.mailingsOpened());
                assertThat(ContactGenerator.MAILINGS).endsWith(c.mailingsReceived().toArray(String[]::new));
            }
        });
        assertThat(contacts).anyMatch(c -> c.mailingsReceived() != null && c.mailingsOpened().isEmpty())
                .anyMatch(c -> c.mailingsReceived() != null && !c.mailingsOpened().isEmpty());
    }

    @Test
    void everyMeasuredRuleSelectsSomeButNotAllMailableContacts() {
        List<Contact> mailable = contacts.stream().filter(c -> Mailable.test(c, false)).toList();
        for (Rules.Measured rule : Rules.measured()) {
            long members = mailable.stream().filter(c -> rule.rule().matches(c, NOW)).count();
            assertThat(members).as(rule.name()).isBetween(mailable.size() / 20L, mailable.size() * 9L / 10);
        }
        assertThat(mailable).allMatch(c -> Rules.parse(Rules.EVERY_MAILABLE).matches(c, NOW));
    }

    private <K> Map<K, Long> count(Function<Contact, K> key) {
        return contacts.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static double share(long count) {
        return (double) count / COUNT;
    }
}
