package org.turnout.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** template.yaml's names and intrinsics without any emulator, for tests of other packages. */
public final class TemplateFixture {

    private TemplateFixture() {
    }

    public static CloudFormationTemplate template() {
        return CloudFormationTemplate.load(RepositoryRoot.locate().template());
    }

    /** As {@link TemplateProvisioner} would give it, with no queue provisioned. */
    public static Provisioned unprovisioned(CloudFormationTemplate template) {
        return new Provisioned(template, Map.of(), Map.of(), List.of());
    }

    /** A resource of template.yaml as written, with its attributes beside Properties (Condition...). */
    public static Map<String, Object> resourceDefinition(String logicalId) throws IOException {
        Map<String, Object> root = CloudFormationTemplate.mapOf(new Yaml(new CloudFormationYamlConstructor(new LoaderOptions()))
                .load(Files.readString(RepositoryRoot.locate().template(), StandardCharsets.UTF_8)), "template");
        return CloudFormationTemplate.mapOf(CloudFormationTemplate.mapOf(root.get("Resources"), "Resources").get(logicalId),
                logicalId);
    }
}
