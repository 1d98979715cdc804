package org.turnout.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import io.quarkus.qute.i18n.MessageBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.turnout.canvass.WalkListMessages;
import org.turnout.organisation.Language;
import org.turnout.precinct.TargetingMessages;
import org.turnout.signup.ConfirmationMessages;

/**
 * The template engine of services built by hand (unit tests, tools), where Quarkus does not
 * generate the message bundles: the same templates, and the bundles' words read from the same
 * {@code messages/} files, with the bundle interfaces' parameter names. Quarkus checks the files
 * against the interfaces when it builds a function; this only reads them.
 */
final class StandaloneBundles {
    /** The bundles of the templates in this module (the API's pages are only rendered inside Quarkus). */
    private static final List<Class<?>> BUNDLES = List.of(ConfirmationMessages.class, WalkListMessages.class,
            TargetingMessages.class);
    /** Like Quarkus, a message is rendered as plain text, and escaped by the page that shows it. */
    private static final Engine MESSAGES = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver()).build();

    private StandaloneBundles() {
    }

    static Engine engine() {
        EngineBuilder builder = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(StandaloneBundles::locate);
        BUNDLES.forEach(bundle -> builder.addNamespaceResolver(resolver(bundle)));
        return builder.build();
    }

    private static NamespaceResolver resolver(Class<?> bundle) {
        MessageBundle annotation = bundle.getAnnotation(MessageBundle.class);
        Map<String, Properties> texts = new HashMap<>();
        for (Language language : Language.values()) {
            texts.put(language.code(), read("messages/" + annotation.value() + "_" + language.code() + ".properties"));
        }
        Properties defaults = texts.get(annotation.locale());
        return NamespaceResolver.builder(annotation.value()).resolveAsync(context -> {
            Object locale = context.getAttribute(TemplateInstance.LOCALE);
            Properties words = locale instanceof Locale l ? texts.getOrDefault(l.getLanguage(), defaults) : defaults;
            String text = words.getProperty(context.getName());
            Method method = Arrays.stream(bundle.getMethods())
                    .filter(m -> m.getName().equals(context.getName()) && m.getParameterCount() == context.getParams().size())
                    .findFirst().orElse(null);
            if (text == null || method == null) {
                throw new IllegalStateException("no message " + annotation.value() + ":" + context.getName());
            }
            List<CompletableFuture<Object>> values = context.getParams().stream()
                    .map(param -> context.evaluate(param).toCompletableFuture()).toList();
            return CompletableFuture.allOf(values.toArray(CompletableFuture[]::new)).thenApply(done -> {
                TemplateInstance message = MESSAGES.parse(text).instance();
                Parameter[] parameters = method.getParameters();
                for (int i = 0; i < parameters.length; i++) {
                    message.data(parameters[i].getName(), values.get(i).join());
                }
                return message.render();
            });
        }).build();
    }

    private static Properties read(String resource) {
        Properties properties = new Properties();
        try (InputStream in = StandaloneBundles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return properties;
    }

    private static Optional<TemplateLocation> locate(String id) {
        ClassLoader loader = StandaloneBundles.class.getClassLoader();
        if (loader.getResource("templates/" + id) == null) {
            return Optional.empty();
        }
        String contentType = id.endsWith(".html") ? Variant.TEXT_HTML : "text/plain";
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                return new InputStreamReader(loader.getResourceAsStream("templates/" + id), StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(Locale.ROOT, StandardCharsets.UTF_8, contentType));
            }
        });
    }
}
