package org.turnout.local.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.Provisioned;

/** The template's {@code AWS::Scheduler::Schedule} resources, created in the local Scheduler as CloudFormation creates them. */
public final class TemplateSchedules {

    public static final String TYPE = "AWS::Scheduler::Schedule";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateSchedules() {
    }

    /**
     * Provisions every schedule of the template in {@code scheduler}, under its physical name.
     *
     * @param fireAtRate whether the rate schedules fire at their rate (the runner), or only when fired now (tests)
     * @return the schedules provisioned
     */
    public static List<Schedule> provision(LocalScheduler scheduler, CloudFormationTemplate template, Provisioned provisioned,
                                           Map<String, String> parameters, boolean fireAtRate) {
        List<Schedule> created = new ArrayList<>();
        for (CloudFormationTemplate.Resource resource : template.resourcesOfType(TYPE)) {
            ObjectNode definition = JSON.valueToTree(provisioned.resolvedProperties(resource.logicalId(), parameters));
            definition.remove("Name");
            String name = provisioned.physicalName(resource.logicalId());
            try {
                scheduler.provision(name, definition, fireAtRate);
            } catch (InvalidRequestException e) {
                throw new IllegalArgumentException(resource.logicalId() + " in template.yaml: " + e.getMessage(), e);
            }
            created.add(scheduler.schedule(definition.path("GroupName").asText(LocalScheduler.DEFAULT_GROUP), name).orElseThrow());
        }
        return created;
    }
}
