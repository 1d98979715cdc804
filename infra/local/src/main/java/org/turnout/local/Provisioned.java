package org.turnout.local;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.turnout.local.CloudFormationTemplate.Parameter;
import org.turnout.local.CloudFormationTemplate.Resource;

/**
 * template.yaml as deployed to the local stack, named {@value #STACK_NAME}: what {@code Ref} and
 * {@code Fn::GetAtt} give for its resources and parameters, and the environment each function
 * would get. Names follow CloudFormation: a resource's explicit name property if it has one, else a
 * generated one, here {@code turnout-local-<logical id in lower case>} (a valid bucket name).
 */
public final class Provisioned {

    public static final String STACK_NAME = "turnout-local";

    /** The property that names a resource explicitly, per type. */
    private static final Map<String, String> NAME_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SES::ConfigurationSet", "Name"),
            Map.entry("AWS::Scheduler::ScheduleGroup", "Name"),
            Map.entry("AWS::Scheduler::Schedule", "Name"),
            Map.entry("AWS::Serverless::Function", "FunctionName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::SecretsManager::Secret", "Name"));

    /**
     * Resources that Cognito names itself (a pool's id, an app client's id): locally, those of the identity provider
     * that plays the user pool, so that the pool's ARN in a policy is the one the local Cognito API authorises.
     */
    private static final Map<String, String> LOCAL_IDS = Map.of(
            "AWS::Cognito::UserPool", LocalIdentityProvider.USER_POOL_ID,
            "AWS::Cognito::UserPoolClient", LocalIdentityProvider.AUDIENCE);

    /** ARN formats per type: 1 region, 2 account, 3 physical name. */
    private static final Map<String, String> ARN_FORMATS = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", "arn:aws:dynamodb:%1$s:%2$s:table/%3$s"),
            Map.entry("AWS::S3::Bucket", "arn:aws:s3:::%3$s"),
            Map.entry("AWS::SQS::Queue", "arn:aws:sqs:%1$s:%2$s:%3$s"),
            Map.entry("AWS::SNS::Topic", "arn:aws:sns:%1$s:%2$s:%3$s"),
            Map.entry("AWS::SES::ConfigurationSet", "arn:aws:ses:%1$s:%2$s:configuration-set/%3$s"),
            Map.entry("AWS::Scheduler::ScheduleGroup", "arn:aws:scheduler:%1$s:%2$s:schedule-group/%3$s"),
            Map.entry("AWS::Serverless::Function", "arn:aws:lambda:%1$s:%2$s:function:%3$s"),
            Map.entry("AWS::Lambda::Function", "arn:aws:lambda:%1$s:%2$s:function:%3$s"),
            Map.entry("AWS::Logs::LogGroup", "arn:aws:logs:%1$s:%2$s:log-group:%3$s:*"),
            Map.entry("AWS::IAM::Role", "arn:aws:iam::%2$s:role/%3$s"),
            Map.entry("AWS::Cognito::UserPool", "arn:aws:cognito-idp:%1$s:%2$s:userpool/%3$s"),
            // Secrets Manager ends a secret's ARN with a dash and six random characters; here they come from the name
            Map.entry("AWS::SecretsManager::Secret", "arn:aws:secretsmanager:%1$s:%2$s:secret:%3$s-%4$s"));

    private final CloudFormationTemplate template;
    private final Map<String, Resource> resources;
    private final Map<String, String> parameterValues;
    private final Map<String, String> queueUrls;
    private final List<String> warnings;
    private final Map<String, String> physicalNames = new HashMap<>();
    private final IntrinsicResolver resolver;

    Provisioned(CloudFormationTemplate template, Map<String, String> parameterOverrides,
                Map<String, String> queueUrls, List<String> warnings) {
        this.template = template;
        this.resources = template.resources();
        this.parameterValues = parameterValues(template, parameterOverrides);
        this.queueUrls = Map.copyOf(queueUrls);
        this.warnings = List.copyOf(warnings);
        this.resolver = new IntrinsicResolver(template, new StackReferences(parameterValues));
        // named up front, so that afterwards the names are only read, from any thread
        resources.keySet().forEach(this::physicalName);
    }

    private static Map<String, String> parameterValues(CloudFormationTemplate template, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        template.parameters().values().forEach(parameter ->
                parameter.defaultValue().ifPresent(value -> values.put(parameter.name(), value)));
        overrides.forEach((name, value) -> {
            if (!template.parameters().containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
            values.put(name, value);
        });
        return values;
    }

    /** The resource's name on the emulators (table, bucket, queue, configuration set...). */
    public String physicalName(String logicalId) {
        String name = physicalNames.get(logicalId);
        if (name == null) {
            Resource resource = resource(logicalId);
            Object explicit = resource.properties().get(NAME_PROPERTIES.get(resource.type()));
            if (LOCAL_IDS.containsKey(resource.type())) {
                name = LOCAL_IDS.get(resource.type());
            } else if (explicit != null) {
                name = IntrinsicResolver.text(resolver.resolve(explicit));
            } else {
                name = STACK_NAME + "-" + logicalId.toLowerCase(Locale.ROOT) + (isFifoQueue(resource) ? ".fifo" : "");
            }
            physicalNames.put(logicalId, name);
        }
        return name;
    }

    /** What {@code !Ref} gives: a resource's name (a queue's URL, a topic's ARN) or a parameter's value. */
    public String ref(String logicalIdOrParameter) {
        Object value = resolver.resolve(Map.of("Ref", logicalIdOrParameter));
        // a list parameter's Ref is a list; its text is the comma-separated value it was given as
        return value instanceof List<?> list
                ? String.join(",", list.stream().map(IntrinsicResolver::text).toList())
                : IntrinsicResolver.text(value);
    }

    /** What {@code !GetAtt logicalId.attribute} gives, e.g. a local ARN. */
    public String attribute(String logicalId, String attribute) {
        return IntrinsicResolver.text(resolver.resolve(Map.of("Fn::GetAtt", List.of(logicalId, attribute))));
    }

    /** What was not provisioned as the template says because an emulator lacks the feature. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The environment variables that the function gets: {@code Globals.Function.Environment} with
     * the function's own on top, intrinsics resolved. {@code parameterOverrides} come on top of
     * the provisioned parameter values; they don't rename resources that already exist.
     */
    public Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> parameterOverrides) {
        Resource function = function(functionLogicalId);
        Map<String, Object> variables = new LinkedHashMap<>(environmentVariables(template.globals("Function")));
        variables.putAll(environmentVariables(function.properties()));

        IntrinsicResolver withOverrides = resolverWith(parameterOverrides);
        Map<String, String> environment = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            Object resolved = withOverrides.resolve(value);
            if (resolved != IntrinsicResolver.NO_VALUE) {
                environment.put(name, IntrinsicResolver.text(resolved));
            }
        });
        return environment;
    }

    /**
     * A scalar property of a function (e.g. {@code Handler}, {@code MemorySize}) as SAM deploys it: the
     * function's own, else {@code Globals.Function}'s, intrinsics resolved with {@code parameterOverrides}.
     */
    public Optional<String> functionProperty(String functionLogicalId, String property, Map<String, String> parameterOverrides) {
        return resolvedFunctionProperty(functionLogicalId, property, parameterOverrides).map(IntrinsicResolver::text);
    }

    /** Any template value (a property, an event's properties...) with every intrinsic resolved, {@code parameterOverrides} applied. */
    public Object resolve(Object templateValue, Map<String, String> parameterOverrides) {
        return resolverWith(parameterOverrides).resolve(templateValue);
    }

    /**
     * A property of a function of any shape (e.g. {@code Events}, {@code EventInvokeConfig}): the function's own,
     * else {@code Globals.Function}'s, every intrinsic resolved with {@code parameterOverrides}.
     */
    public Optional<Object> resolvedFunctionProperty(String functionLogicalId, String property,
                                                     Map<String, String> parameterOverrides) {
        Object value = function(functionLogicalId).properties().get(property);
        if (value == null) {
            value = template.globals("Function").get(property);
        }
        if (value == null) {
            return Optional.empty();
        }
        Object resolved = resolverWith(parameterOverrides).resolve(value);
        return resolved == IntrinsicResolver.NO_VALUE ? Optional.empty() : Optional.of(resolved);
    }

    /** A resource's properties with every intrinsic function resolved, {@code parameterOverrides} applied. */
    public Map<String, Object> resolvedProperties(String logicalId, Map<String, String> parameterOverrides) {
        return CloudFormationTemplate.mapOf(resolverWith(parameterOverrides).resolve(resource(logicalId).properties()),
                logicalId + ".Properties");
    }

    /** {@code parameterOverrides} come on top of the provisioned parameter values; they don't rename resources. */
    private IntrinsicResolver resolverWith(Map<String, String> parameterOverrides) {
        Map<String, String> parameters = new HashMap<>(parameterValues);
        parameters.putAll(parameterValues(template, parameterOverrides));
        return new IntrinsicResolver(template, new StackReferences(parameters));
    }

    private Resource function(String logicalId) {
        Resource function = resource(logicalId);
        if (!function.type().equals("AWS::Serverless::Function") && !function.type().equals("AWS::Lambda::Function")) {
            throw new IllegalArgumentException(logicalId + " is a " + function.type() + ", not a function");
        }
        return function;
    }

    /** A resource's properties with every intrinsic function resolved. */
    Map<String, Object> resolvedProperties(String logicalId) {
        return CloudFormationTemplate.mapOf(resolver.resolve(resource(logicalId).properties()), logicalId + ".Properties");
    }

    String arn(String logicalId) {
        Resource resource = resource(logicalId);
        String format = ARN_FORMATS.getOrDefault(resource.type(), "arn:aws:" + service(resource.type())
                + ":%1$s:%2$s:" + logicalId.toLowerCase(Locale.ROOT) + "/%3$s");
        return format.formatted(LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, physicalName(logicalId),
                arnSuffix(physicalName(logicalId)));
    }

    /** Six letters and digits that stand for the name, so that a secret keeps its ARN from one run to the next. */
    private static String arnSuffix(String name) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        long hash = Integer.toUnsignedLong(name.hashCode());
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(alphabet.charAt((int) (hash % alphabet.length())));
            hash /= alphabet.length();
        }
        return suffix.toString();
    }

    private Resource resource(String logicalId) {
        Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    private static boolean isFifoQueue(Resource resource) {
        return resource.type().equals("AWS::SQS::Queue")
                && Boolean.parseBoolean(String.valueOf(resource.properties().get("FifoQueue")));
    }

    private static String service(String type) {
        return type.split("::")[1].toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> environmentVariables(Map<String, Object> functionProperties) {
        Object environment = functionProperties.get("Environment");
        if (environment == null) {
            return Map.of();
        }
        Object variables = CloudFormationTemplate.mapOf(environment, "Environment").get("Variables");
        return variables == null ? Map.of() : CloudFormationTemplate.mapOf(variables, "Environment.Variables");
    }

    /** {@code Ref} and {@code Fn::GetAtt} for this stack, with a given set of parameter values. */
    private final class StackReferences implements IntrinsicResolver.References {
        private final Map<String, String> parameters;

        StackReferences(Map<String, String> parameters) {
            this.parameters = parameters;
        }

        @Override
        public Object ref(String name) {
            Optional<Object> pseudo = pseudoParameter(name);
            if (pseudo.isPresent()) {
                return pseudo.get();
            }
            Parameter parameter = template.parameters().get(name);
            if (parameter != null) {
                String value = parameters.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("template.yaml parameter " + name
                            + " has no default: pass its value in the parameter overrides");
                }
                return parameter.type().startsWith("List<") || parameter.type().equals("CommaDelimitedList")
                        ? List.of(value.split(",", -1)) : value;
            }
            Resource resource = resource(name);
            return switch (resource.type()) {
                case "AWS::SQS::Queue" -> queueUrl(name);
                case "AWS::SNS::Topic", "AWS::SecretsManager::Secret" -> arn(name);
                default -> physicalName(name);
            };
        }

        @Override
        public Object getAtt(String logicalId, String attribute) {
            String type = resource(logicalId).type();
            if (attribute.equals("Arn")) {
                return arn(logicalId);
            }
            if (type.equals("AWS::SQS::Queue") && attribute.equals("QueueUrl")) {
                return queueUrl(logicalId);
            }
            if (type.equals("AWS::SQS::Queue") && attribute.equals("QueueName")) {
                return physicalName(logicalId);
            }
            throw new UnsupportedOperationException("Fn::GetAtt " + logicalId + "." + attribute
                    + " (" + type + ") is not emulated by the local stack");
        }

        private Optional<Object> pseudoParameter(String name) {
            return Optional.ofNullable(switch (name) {
                case "AWS::StackName" -> STACK_NAME;
                case "AWS::StackId" -> "arn:aws:cloudformation:%s:%s:stack/%s/local"
                        .formatted(LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, STACK_NAME);
                case "AWS::Region" -> LocalAwsStack.REGION;
                case "AWS::AccountId" -> LocalAwsStack.ACCOUNT_ID;
                case "AWS::Partition" -> "aws";
                case "AWS::URLSuffix" -> "amazonaws.com";
                case "AWS::NotificationARNs" -> List.of();
                default -> null;
            });
        }

        /** The emulator's URL once the queue exists; before that (or without SQS) the form AWS uses. */
        private String queueUrl(String logicalId) {
            return queueUrls.getOrDefault(logicalId, "https://sqs.%s.amazonaws.com/%s/%s"
                    .formatted(LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, physicalName(logicalId)));
        }
    }
}
