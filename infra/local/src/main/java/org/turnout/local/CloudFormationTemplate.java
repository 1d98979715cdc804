package org.turnout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A CloudFormation / SAM template as plain maps and lists, short-form tags turned into their
 * long form ({@code {"Ref": x}}, {@code {"Fn::Sub": ...}}, {@code {"Fn::GetAtt": [a, b]}}).
 */
public final class CloudFormationTemplate {

    public record Resource(String logicalId, String type, Map<String, Object> properties) {
    }

    public record Parameter(String name, String type, Optional<String> defaultValue) {
    }

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static CloudFormationTemplate parse(String yaml) {
        Object root = new Yaml(new CloudFormationYamlConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A template is a YAML mapping");
        }
        return new CloudFormationTemplate(mapOf(root, "the template"));
    }

    /** Every resource, in template order. */
    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        section("Resources").forEach((logicalId, definition) -> {
            Map<String, Object> resource = mapOf(definition, "resource " + logicalId);
            Object properties = resource.get("Properties");
            resources.put(logicalId, new Resource(logicalId, (String) resource.get("Type"),
                    properties == null ? Map.of() : mapOf(properties, logicalId + ".Properties")));
        });
        return resources;
    }

    public Optional<Resource> resource(String logicalId) {
        return Optional.ofNullable(resources().get(logicalId));
    }

    /** The resources of one type, e.g. {@code AWS::DynamoDB::Table}, in template order. */
    public List<Resource> resourcesOfType(String type) {
        return resources().values().stream().filter(resource -> type.equals(resource.type())).toList();
    }

    /** One entry of a function's {@code Events}, as the template declares it; its properties may hold intrinsics. */
    public record FunctionEvent(String functionId, String name, Object properties) {
        /** Where it is declared, for messages: {@code Function.Events.Name}. */
        public String where() {
            return functionId + ".Events." + name;
        }
    }

    /** Every event of {@code type} ({@code S3}, {@code SQS}, {@code HttpApi}...) of the template's functions, in template order. */
    public List<FunctionEvent> functionEvents(String type) {
        List<FunctionEvent> found = new ArrayList<>();
        for (Resource function : resourcesOfType("AWS::Serverless::Function")) {
            Object events = function.properties().get("Events");
            if (events == null) {
                continue;
            }
            mapOf(events, function.logicalId() + ".Events").forEach((name, definition) -> {
                Map<String, Object> event = mapOf(definition, function.logicalId() + ".Events." + name);
                if (type.equals(event.get("Type"))) {
                    found.add(new FunctionEvent(function.logicalId(), name, event.get("Properties")));
                }
            });
        }
        return List.copyOf(found);
    }

    /** The parameters, their defaults as the strings that {@code Ref} gives. */
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        section("Parameters").forEach((name, definition) -> {
            Map<String, Object> parameter = mapOf(definition, "parameter " + name);
            parameters.put(name, new Parameter(name, String.valueOf(parameter.get("Type")),
                    Optional.ofNullable(parameter.get("Default")).map(String::valueOf)));
        });
        return parameters;
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    public Map<String, Object> mappings() {
        return section("Mappings");
    }

    /** One section of SAM's {@code Globals}, e.g. {@code "Function"}; empty if absent. */
    public Map<String, Object> globals(String section) {
        Object globals = section("Globals").get(section);
        return globals == null ? Map.of() : mapOf(globals, "Globals." + section);
    }

    private Map<String, Object> section(String name) {
        Object section = root.get(name);
        return section == null ? Map.of() : mapOf(section, name);
    }

    /** A template value as a mapping; {@code what} names it in the error if it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " should be a mapping, not " + value);
    }
}
