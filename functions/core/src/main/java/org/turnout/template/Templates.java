package org.turnout.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.turnout.organisation.Language;

/**
 * Renders the pages and system emails under {@code templates/} on the classpath: one template per
 * page ({@code walk-list.html}, {@code confirm-email.txt}...), its words in a Qute message bundle
 * per feature ({@code messages/<bundle>_fr.properties}, {@code _en}), chosen by the language's
 * locale. A {@code .html} template has every value HTML-escaped, the bundles' words included; a
 * {@code .txt} one is left as is. Every template also gets {@code lang}, the language's code.
 */
@ApplicationScoped
public class Templates {
    private final Engine engine;

    @Inject
    public Templates(Engine engine) {
        this.engine = engine;
    }

    /** For services built by hand, outside Quarkus: the same templates and bundle files. */
    public Templates() {
        this(StandaloneBundles.engine());
    }

    public String render(String name, Language language, String extension, Map<String, Object> data) {
        Template template = engine.getTemplate(name + "." + extension);
        if (template == null) {
            throw new IllegalStateException("no template " + name + "." + extension);
        }
        TemplateInstance page = template.instance().setLocale(language.locale()).data("lang", language.code());
        data.forEach(page::data);
        return page.render();
    }
}
