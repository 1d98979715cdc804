package org.turnout.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.problem.FieldErrors;

class MergeTemplateTest {

    private static Contact contact(String firstName) {
        Contact contact = ContactBuilder.builder()
                .email("marie@example.org")
                .firstName(firstName)
                .station("0042")
                .attributes(new java.util.LinkedHashMap<>(Map.of("quartier", "Les Halles")))
                .build();
        return contact;
    }

    @Test
    void mergesFieldsWithFallbacksAndEscapesHtmlOnlyInHtml() {
        MergeTemplate html = MergeTemplate.of("<p>Bonjour {first_name ?: 'ami'}, bureau {polling_station}, {attributes.quartier}{attributes.absent ?: '!'}</p>",
                MergeTemplate.Kind.HTML, "html");
        MergeTemplate text = MergeTemplate.of("Bonjour {first_name ?: 'ami'}", MergeTemplate.Kind.TEXT, "text");

        assertThat(html.render(MergeTemplate.fieldsOf(contact("<b>Marie</b> & co"), "Org", "https://u")))
                .isEqualTo("<p>Bonjour &lt;b&gt;Marie&lt;/b&gt; &amp; co, bureau 0042, Les Halles!</p>");
        assertThat(html.render(MergeTemplate.fieldsOf(contact(null), "Org", "https://u")))
                .isEqualTo("<p>Bonjour ami, bureau 0042, Les Halles!</p>");
        assertThat(text.render(MergeTemplate.fieldsOf(contact("<b>Marie</b> & co"), "Org", "https://u")))
                .isEqualTo("Bonjour <b>Marie</b> & co");
    }

    @Test
    void refusesUnknownFieldsWithLineAndColumn() {
        FieldErrors errors = new FieldErrors();
        assertThat(MergeTemplate.parse("Bonjour,\n  merci {frist_name} !", MergeTemplate.Kind.TEXT, "text", errors)).isNull();
        assertThat(errors.list()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.message()).startsWith("line 2, column 9: unknown field 'frist_name'");
        });
    }

    @Test
    void refusesSyntaxErrorsWithLine() {
        FieldErrors errors = new FieldErrors();
        assertThat(MergeTemplate.parse("<p>\n{#if first_name}Bonjour</p>", MergeTemplate.Kind.HTML, "html", errors)).isNull();
        assertThat(errors.list()).singleElement().satisfies(error -> assertThat(error.message()).startsWith("line "));
    }

    @Test
    void leavesCssAndJsonBracesAlone() {
        FieldErrors errors = new FieldErrors();
        MergeTemplate template = MergeTemplate.parse("<style>p { color: red }</style>{#if first_name}Hi {first_name}{#else}Hi{/if}",
                MergeTemplate.Kind.HTML, "html", errors);
        assertThat(errors.isEmpty()).isTrue();
        assertThat(template.render(MergeTemplate.fieldsOf(contact("Ana"), "Org", "u"))).isEqualTo("<style>p { color: red }</style>Hi Ana");
    }

    @Test
    void aTemplateThatParsesButCannotRenderIsRefusedWithLineAndColumnAndValidOnesPass() {
        FieldErrors errors = new FieldErrors();
        assertThat(MergeTemplate.parse("Bonjour,\n<p>{organisation.foo}</p>", MergeTemplate.Kind.HTML, "html", errors)).isNull();
        assertThat(errors.list()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("html");
            assertThat(error.message()).startsWith("line 2, column 4: ").contains("{organisation.foo}");
        });

        for (String valid : java.util.List.of(
                "{first_name ?: 'ami'} {last_name} {email} {polling_station} {street} {postcode} {city} {phone} {organisation}",
                "{attributes.quartier ?: 'centre'} {attributes.quartier}",
                "{#if phone}{phone}{/if} {tags}",
                "<a href=\"{unsubscribe_url}\">x</a>")) {
            FieldErrors none = new FieldErrors();
            assertThat(MergeTemplate.parse(valid, MergeTemplate.Kind.HTML, "html", none)).as(valid + ": " + none.list()).isNotNull();
        }
    }
}
