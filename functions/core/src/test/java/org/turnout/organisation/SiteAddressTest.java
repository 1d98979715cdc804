package org.turnout.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteAddressTest {

    @Test
    void anOriginIsWrittenAsTheBrowserSendsIt() {
        assertThat(SiteAddress.origin("https://campagne.example.org")).contains("https://campagne.example.org");
        assertThat(SiteAddress.origin(" HTTPS://Campagne.Example.ORG/ ")).contains("https://campagne.example.org");
        assertThat(SiteAddress.origin("https://campagne.example.org:443")).contains("https://campagne.example.org");
        assertThat(SiteAddress.origin("https://localhost:8443")).contains("https://localhost:8443");
    }

    @Test
    void anythingButAnHttpsOriginIsRefused() {
        for (String bad : List.of("http://campagne.example.org", "campagne.example.org", "https://", "*",
                "https://campagne.example.org/inscription", "https://campagne.example.org?x=1", "https://campagne.example.org#top",
                "https://user@campagne.example.org", "https://campagne.example.org\r\nSet-Cookie: x=1", "null", "")) {
            assertThat(SiteAddress.origin(bad)).as(bad).isEmpty();
        }
        assertThat(SiteAddress.origin(null)).isEmpty();
    }

    @Test
    void aThankYouPageIsAnHttpsUrlInAscii() {
        assertThat(SiteAddress.httpsUrl("https://campagne.example.org/merci?source=form"))
                .contains("https://campagne.example.org/merci?source=form");
        assertThat(SiteAddress.httpsUrl("https://campagne.example.org/merci-été")).contains("https://campagne.example.org/merci-%C3%A9t%C3%A9");
        for (String bad : List.of("http://campagne.example.org/merci", "/merci", "javascript:alert(1)",
                "https://campagne.example.org/a\r\nb", "https://" + "a".repeat(2000) + ".org")) {
            assertThat(SiteAddress.httpsUrl(bad)).as(bad).isEmpty();
        }
    }
}
