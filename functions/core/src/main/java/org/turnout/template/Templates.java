package org.turnout.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.turnout.organisation.Language;

/**
 * Renders the templates under {@code templates/} on the classpath with Qute. A template whose
 * name ends in {@code .html} has every value HTML-escaped; a {@code .txt} one is left as is.
 * System templates come per language: {@code name.fr.html}, {@code name.en.txt}, ...
 */
@ApplicationScoped
public class Templates {
    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addLocator(Templates::locate)
            .build();

    public String render(String name, Language language, String extension, Map<String, Object> data) {
        Template template = engine.getTemplate(name + "." + language.code() + "." + extension);
        if (template == null) {
            throw new IllegalStateException("no template " + name + " for " + language.code());
        }
        return template.data(data).render();
    }

    private static Optional<io.quarkus.qute.TemplateLocator.TemplateLocation> locate(String id) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader.getResource("templates/" + id) == null) {
            return Optional.empty();
        }
        String contentType = id.endsWith(".html") ? Variant.TEXT_HTML : "text/plain";
        return Optional.of(new io.quarkus.qute.TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = loader.getResourceAsStream("templates/" + id);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(java.util.Locale.ROOT, StandardCharsets.UTF_8, contentType));
            }
        });
    }
}
