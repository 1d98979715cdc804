package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.turnout.local.CloudFormationTemplate.Parameter;
import org.turnout.local.CloudFormationTemplate.Resource;

class CloudFormationTemplateTest {

    @Test
    void readsShortFormTagsAsTheirLongForm() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("""
                Resources:
                  Thing:
                    Type: AWS::Test::Thing
                    Properties:
                      Ref: !Ref Other
                      Sub: !Sub "${AWS::StackName}-x"
                      SubList: !Sub ["${A}-y", { A: !Ref Other }]
                      GetAtt: !GetAtt Other.Arn
                      GetAttDotted: !GetAtt Other.Endpoint.Address
                      GetAttList: !GetAtt [Other, Arn]
                      If: !If [Cond, !Ref A, !Ref AWS::NoValue]
                      Not: !Not [!Equals [!Ref A, ""]]
                      Logic: !And [!Or [!Condition C1, !Condition C2], !Condition C3]
                      Join: !Join [",", [a, b]]
                      Select: !Select [0, !Split [",", "a,b"]]
                      FindInMap: !FindInMap [Map, Key, Value]
                      Base64: !Base64 text
                      ImportValue: !ImportValue Exported
                      GetAZs: !GetAZs ""
                """);

        Map<String, Object> properties = template.resources().get("Thing").properties();

        assertThat(properties).containsEntry("Ref", Map.of("Ref", "Other"))
                .containsEntry("Sub", Map.of("Fn::Sub", "${AWS::StackName}-x"))
                .containsEntry("SubList", Map.of("Fn::Sub", List.of("${A}-y", Map.of("A", Map.of("Ref", "Other")))))
                .containsEntry("GetAtt", Map.of("Fn::GetAtt", List.of("Other", "Arn")))
                .containsEntry("GetAttDotted", Map.of("Fn::GetAtt", List.of("Other", "Endpoint.Address")))
                .containsEntry("GetAttList", Map.of("Fn::GetAtt", List.of("Other", "Arn")))
                .containsEntry("If", Map.of("Fn::If", List.of("Cond", Map.of("Ref", "A"), Map.of("Ref", "AWS::NoValue"))))
                .containsEntry("Not", Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "A"), "")))))
                .containsEntry("Logic", Map.of("Fn::And", List.of(
                        Map.of("Fn::Or", List.of(Map.of("Condition", "C1"), Map.of("Condition", "C2"))),
                        Map.of("Condition", "C3"))))
                .containsEntry("Join", Map.of("Fn::Join", List.of(",", List.of("a", "b"))))
                .containsEntry("Select", Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))))
                .containsEntry("FindInMap", Map.of("Fn::FindInMap", List.of("Map", "Key", "Value")))
                .containsEntry("Base64", Map.of("Fn::Base64", "text"))
                .containsEntry("ImportValue", Map.of("Fn::ImportValue", "Exported"))
                .containsEntry("GetAZs", Map.of("Fn::GetAZs", ""));
    }

    @Test
    void readsTheRepositorysTemplate() {
        CloudFormationTemplate template = CloudFormationTemplate.load(RepositoryRoot.locate().template());

        assertThat(template.resourcesOfType("AWS::DynamoDB::Table")).extracting(Resource::logicalId).contains("Table");
        assertThat(template.resourcesOfType("AWS::S3::Bucket")).extracting(Resource::logicalId).contains("Bucket");
        assertThat(template.resource("ApiFunction")).map(Resource::type).contains("AWS::Serverless::Function");
        assertThat(template.parameters().get("Stage")).isEqualTo(new Parameter("Stage", "String", Optional.of("dev")));
        assertThat(template.parameters().get("SignupsPerMinutePerIp").defaultValue()).contains("5");
        assertThat(template.parameters().get("LinkKeyRotationDays").defaultValue()).contains("30");
        assertThat(template.globals("Function")).containsKey("Environment");
        assertThat(template.conditions()).containsKey("HasPublicUrl");
    }

    @Test
    void absentSectionsAreEmpty() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("Resources: {}\n");

        assertThat(template.parameters()).isEmpty();
        assertThat(template.globals("Function")).isEmpty();
        assertThat(template.resourcesOfType("AWS::SQS::Queue")).isEmpty();
    }
}
