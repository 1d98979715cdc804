package org.turnout.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.canvass.WalkList;
import org.turnout.organisation.Language;

/**
 * One template per page, its words from the bundle of the language asked for, as services built by
 * hand render them (inside Quarkus, the page tests of the API check the same templates).
 */
class TemplatesTest {
    private final Templates templates = new Templates();

    @Test
    void aPageHasTheWordsOfItsLanguageAndEscapesWhatItIsGiven() {
        WalkList list = new WalkList("0001", 50, 1, List.of(new WalkList.Turf(1,
                List.of(new WalkList.Door("Rue <b>des Lilas</b>", "odd", "3", "33999", List.of())))));
        Map<String, Object> data = Map.of("organisation", "Campagne <script>", "list", list);

        assertThat(templates.render("walk-list", Language.FR, "html", data)).contains("<html lang=\"fr\">",
                "<title>Porte-à-porte – bureau 0001 – Campagne &lt;script&gt;</title>", "<h1>Bureau 0001 – secteur 1 / 1</h1>",
                "Campagne &lt;script&gt; · 1 portes", "<th>Téléphone</th>", "Rue &lt;b&gt;des Lilas&lt;/b&gt; (impairs)");
        assertThat(templates.render("walk-list", Language.EN, "html", data)).contains("<html lang=\"en\">",
                "<title>Door to door – station 0001 – Campagne &lt;script&gt;</title>", "<h1>Station 0001 – turf 1 / 1</h1>",
                "Campagne &lt;script&gt; · 1 doors", "<th>Phone</th>", "Rue &lt;b&gt;des Lilas&lt;/b&gt; (odd)");
    }

    @Test
    void messagesTakeTheirParametersAndOnlyHtmlIsEscaped() {
        Map<String, Object> data = Map.of("firstName", "Léa", "organisation", "Ensemble & co", "link",
                "https://api.example.org/v1/confirm/t0k3n", "validDays", 7L);

        assertThat(templates.render("confirm-subject", Language.EN, "txt", data).strip())
                .isEqualTo("Please confirm your sign-up: Ensemble & co");
        assertThat(templates.render("confirm-email", Language.FR, "txt", data)).contains("Bonjour Léa,",
                "Pour confirmer votre inscription aux messages de Ensemble & co, ouvrez ce lien :",
                "https://api.example.org/v1/confirm/t0k3n", "Le lien est valable 7 jours.", "\nvous ne recevrez rien d'autre.");
        assertThat(templates.render("confirm-email", Language.EN, "html", data)).contains("<html lang=\"en\">",
                "<p>Hello Léa,</p>", "hear from Ensemble &amp; co, click here:", ">Yes, sign me up</a>",
                "valid for 7 days. If you did not ask for this, ignore this message: you will not hear from us again.");
    }
}
