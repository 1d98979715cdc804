package org.turnout.local;

import java.util.List;
import java.util.Map;

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
}
