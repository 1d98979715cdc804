package org.turnout.local;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation's short-form tags ({@code !Ref x}, {@code !Sub ...}, {@code !GetAtt a.b})
 * as the long form that the template could have used ({@code {Ref: x}}, {@code {Fn::Sub: ...}},
 * {@code {Fn::GetAtt: [a, b]}}), so that the rest of the code sees one form only.
 */
final class CloudFormationYamlConstructor extends SafeConstructor {

    private static final List<String> FUNCTIONS = List.of(
            "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "If", "ImportValue", "Join", "Length",
            "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform");

    CloudFormationYamlConstructor(LoaderOptions options) {
        super(options);
        FUNCTIONS.forEach(function -> yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function)));
        yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
        yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
        yamlConstructors.put(new Tag("!GetAtt"), new GetAttLongForm());
    }

    private Object content(Node node) {
        if (node instanceof ScalarNode scalar) {
            return constructScalar(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            return constructSequence(sequence);
        }
        return constructMapping((MappingNode) node);
    }

    private final class LongForm extends AbstractConstruct {
        private final String key;

        LongForm(String key) {
            this.key = key;
        }

        @Override
        public Object construct(Node node) {
            return Map.of(key, content(node));
        }
    }

    /** {@code !GetAtt Logical.Attribute} splits at the first dot; attribute names may hold more dots. */
    private final class GetAttLongForm extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            Object content = content(node);
            if (content instanceof String scalar) {
                int dot = scalar.indexOf('.');
                if (dot < 0) {
                    throw new IllegalArgumentException("!GetAtt " + scalar + " needs the form Logical.Attribute");
                }
                content = List.of(scalar.substring(0, dot), scalar.substring(dot + 1));
            }
            return Map.of("Fn::GetAtt", content);
        }
    }
}
