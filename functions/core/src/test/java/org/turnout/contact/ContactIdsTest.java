package org.turnout.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ContactIdsTest {
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");

    @Test
    void theSamePersonHasTheSameIdWhateverTheCase() {
        String id = IDS.forEmail(address("Jean.Dupont@exemple.fr"));
        assertThat(IDS.forEmail(address("JEAN.DUPONT@EXEMPLE.FR"))).isEqualTo(id);
        assertThat(IDS.forEmail(address("jean.dupond@exemple.fr"))).isNotEqualTo(id);
        assertThat(id).matches("[0-9a-f]{32}");
    }

    @Test
    void anIdIsNotThePlainHashOfTheAddressAnyoneCouldRecompute() throws Exception {
        EmailAddress address = address("jean.dupont@exemple.fr");
        byte[] plain = MessageDigest.getInstance("SHA-256").digest(address.key().getBytes(StandardCharsets.UTF_8));
        String plainId = HexFormat.of().formatHex(plain, 0, 16);

        assertThat(IDS.forEmail(address)).isNotEqualTo(plainId);
        assertThat(IDS.forDoor("ruedelapaix#00012#75002|dupont|jean")).isNotEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("door:ruedelapaix#00012#75002|dupont|jean".getBytes(StandardCharsets.UTF_8)), 0, 16));
    }

    @Test
    void anotherKeyGivesOtherIds() {
        ContactIds otherKey = new ContactIds("another-contact-id-key-9876543210");
        EmailAddress address = address("jean.dupont@exemple.fr");

        assertThat(otherKey.forEmail(address)).isNotEqualTo(IDS.forEmail(address)).matches("[0-9a-f]{32}");
        assertThat(otherKey.forDoor("door")).isNotEqualTo(IDS.forDoor("door"));
    }

    @Test
    void doorsEmailsAndPseudonymsNeverShareAnId() {
        assertThat(IDS.forDoor("a@b.fr")).isNotEqualTo(IDS.forEmail(address("a@b.fr")));
        assertThat(IDS.pseudonym("moved-contact", "a@b.fr")).isNotEqualTo(IDS.forEmail(address("a@b.fr")));
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new ContactIds("too-short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("turnout.contact-id-key-secret").hasMessageNotContaining("too-short");
    }

    private static EmailAddress address(String raw) {
        return EmailAddress.parse(raw).orElseThrow();
    }
}
