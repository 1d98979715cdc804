package org.turnout.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.turnout.local.CloudFormationTemplate.Resource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Creates template.yaml's data resources on the running emulators, idempotently: DynamoDB tables,
 * S3 buckets, SQS queues and SES configuration sets. Other resource types (functions, APIs,
 * log groups) have no emulator; the local runner stands in for them. What neither does (bucket
 * lifecycle rules and policies, alarms, the topics they notify and their subscriptions) is said in the warnings.
 */
public final class TemplateProvisioner {

    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    /** CloudFormation's queue properties that are SQS attributes of the same name. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of(
            "ContentBasedDeduplication", "DeduplicationScope", "DelaySeconds", "FifoQueue", "FifoThroughputLimit",
            "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "RedriveAllowPolicy",
            "RedrivePolicy", "VisibilityTimeout");

    private final CloudFormationTemplate template;
    private final EmulatorClients clients;
    private final ObjectMapper json = new ObjectMapper();

    public TemplateProvisioner(CloudFormationTemplate template, EmulatorClients clients) {
        this.template = template;
        this.clients = clients;
    }

    /** Creates what does not exist yet on the emulators that {@code clients} reach; the others are skipped. */
    public Provisioned provision(Map<String, String> parameterOverrides) {
        Provisioned names = new Provisioned(template, parameterOverrides, Map.of(), List.of());
        List<String> warnings = new ArrayList<>();
        Map<String, String> queueUrls = new LinkedHashMap<>();
        if (clients.has(Emulator.DYNAMODB)) {
            template.resourcesOfType("AWS::DynamoDB::Table").forEach(table -> createTable(table, names, warnings));
        }
        if (clients.has(Emulator.S3)) {
            template.resourcesOfType("AWS::S3::Bucket").forEach(bucket -> createBucket(names.physicalName(bucket.logicalId())));
        }
        if (clients.has(Emulator.SQS)) {
            // a dead-letter queue must exist before the queue whose RedrivePolicy names it
            template.resourcesOfType("AWS::SQS::Queue").stream()
                    .sorted(Comparator.comparing(queue -> queue.properties().containsKey("RedrivePolicy")))
                    .forEach(queue -> queueUrls.put(queue.logicalId(), createQueue(queue, names)));
        }
        if (clients.has(Emulator.SES)) {
            template.resourcesOfType("AWS::SES::ConfigurationSet")
                    .forEach(set -> createConfigurationSet(names.physicalName(set.logicalId()), warnings));
        }
        noteWhatIsNotEmulated(warnings);
        return new Provisioned(template, parameterOverrides, queueUrls, warnings);
    }

    private void createTable(Resource table, Provisioned names, List<String> warnings) {
        String name = names.physicalName(table.logicalId());
        Map<String, Object> properties = names.resolvedProperties(table.logicalId());
        DynamoDbClient dynamoDb = clients.dynamoDb();
        if (!tableExists(dynamoDb, name)) {
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(maps(properties.get("AttributeDefinitions")).stream()
                            .map(definition -> AttributeDefinition.builder()
                                    .attributeName(text(definition, "AttributeName"))
                                    .attributeType(text(definition, "AttributeType")).build())
                            .toList())
                    .keySchema(keySchema(properties.get("KeySchema")));
            List<GlobalSecondaryIndex> globalIndexes = maps(properties.get("GlobalSecondaryIndexes")).stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(text(index, "IndexName"))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection"))).build())
                    .toList();
            if (!globalIndexes.isEmpty()) {
                request.globalSecondaryIndexes(globalIndexes);
            }
            List<LocalSecondaryIndex> localIndexes = maps(properties.get("LocalSecondaryIndexes")).stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(text(index, "IndexName"))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection"))).build())
                    .toList();
            if (!localIndexes.isEmpty()) {
                request.localSecondaryIndexes(localIndexes);
            }
            if (properties.get("StreamSpecification") instanceof Map<?, ?> stream) {
                request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
            }
            dynamoDb.createTable(request.build());
        }
        awaitActive(dynamoDb, name);
        if (properties.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl
                && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            enableTimeToLive(dynamoDb, table.logicalId(), name, String.valueOf(ttl.get("AttributeName")), warnings);
        }
    }

    private static boolean tableExists(DynamoDbClient dynamoDb, String name) {
        try {
            dynamoDb.describeTable(request -> request.tableName(name));
            return true;
        } catch (ResourceNotFoundException absent) {
            return false;
        }
    }

    /** Polls rather than using the SDK waiter, whose 20 s delay would dwarf the emulator's creation time. */
    private static void awaitActive(DynamoDbClient dynamoDb, String name) {
        Instant deadline = Instant.now().plus(TABLE_ACTIVE_TIMEOUT);
        while (true) {
            TableDescription table = dynamoDb.describeTable(request -> request.tableName(name)).table();
            if (table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream().allMatch(index -> index.indexStatus() == IndexStatus.ACTIVE)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Table " + name + " is still " + table.tableStatus()
                        + " after " + TABLE_ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + name, e);
            }
        }
    }

    private static void enableTimeToLive(DynamoDbClient dynamoDb, String logicalId, String table, String attribute,
                                         List<String> warnings) {
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(request -> request.tableName(table))
                .timeToLiveDescription().timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return;
        }
        try {
            dynamoDb.updateTimeToLive(request -> request.tableName(table)
                    .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)));
        } catch (DynamoDbException e) {
            if (!"UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            // dynalite has no UpdateTimeToLive: expired items stay visible, so code must filter them anyway
            warnings.add(logicalId + ": the DynamoDB emulator does not implement UpdateTimeToLive; TTL on '"
                    + attribute + "' is not enabled locally");
        }
    }

    private void createBucket(String name) {
        try {
            clients.s3().headBucket(request -> request.bucket(name));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            clients.s3().createBucket(request -> request.bucket(name));
        }
    }

    /** CreateQueue with the same attributes is idempotent in SQS: it returns the existing queue's URL. */
    private String createQueue(Resource queue, Provisioned names) {
        Map<String, Object> properties = names.resolvedProperties(queue.logicalId());
        Map<String, String> attributes = new LinkedHashMap<>();
        QUEUE_ATTRIBUTES.stream().filter(properties::containsKey)
                .forEach(attribute -> attributes.put(attribute, attributeValue(properties.get(attribute))));
        return clients.sqs().createQueue(request -> request
                .queueName(names.physicalName(queue.logicalId()))
                .attributesWithStrings(attributes)).queueUrl();
    }

    /** Policies are JSON documents in SQS, maps in the template. */
    private String attributeValue(Object value) {
        if (value instanceof Map<?, ?> policy) {
            try {
                return json.writeValueAsString(policy);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot write " + policy + " as JSON", e);
            }
        }
        return IntrinsicResolver.text(value);
    }

    private void createConfigurationSet(String name, List<String> warnings) {
        try {
            clients.sesV2().createConfigurationSet(request -> request.configurationSetName(name));
        } catch (AlreadyExistsException exists) {
            // provisioned before
        } catch (SesV2Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            // aws-ses-v2-local has no configuration-set API; SendEmail accepts the name all the same
            warnings.add("Configuration set " + name + ": the SES emulator has no CreateConfigurationSet; "
                    + "sending with it works, its event destinations are not emulated");
        }
    }

    /** Kept out on purpose, so that nobody expects them to act locally. */
    private void noteWhatIsNotEmulated(List<String> warnings) {
        for (Resource bucket : template.resourcesOfType("AWS::S3::Bucket")) {
            if (bucket.properties().get("LifecycleConfiguration") instanceof Map<?, ?> lifecycle) {
                List<String> rules = maps(lifecycle.get("Rules")).stream().map(rule -> text(rule, "Id")).toList();
                warnings.add(bucket.logicalId() + ": its lifecycle rules " + rules + " are not applied locally: "
                        + "the S3 emulator keeps objects until the stack stops");
            }
        }
        template.resourcesOfType("AWS::S3::BucketPolicy").forEach(policy -> warnings.add(policy.logicalId()
                + " is not applied locally: the S3 emulator has no bucket policies, and the local endpoints speak plain "
                + "HTTP, which a deny on aws:SecureTransport would refuse"));
        List<Resource> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        if (!alarms.isEmpty()) {
            List<String> topics = alarms.stream()
                    .flatMap(alarm -> Stream.of("AlarmActions", "OKActions", "InsufficientDataActions")
                            .flatMap(actions -> listOf(alarm.properties().get(actions)).stream()))
                    .map(TemplateProvisioner::referencedLogicalId).flatMap(Optional::stream).distinct().toList();
            warnings.add(alarms.size() + " CloudWatch alarms" + (topics.isEmpty() ? "" : " and the topics they notify " + topics)
                    + " are not emulated: nothing evaluates alarms locally");
        }
        template.resourcesOfType("AWS::SNS::Subscription").forEach(subscription -> warnings.add(subscription.logicalId()
                + " is not created locally: nothing publishes to its topic's " + text(subscription.properties(), "Protocol")
                + " endpoint"));
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** The resource that a {@code !Ref} names. */
    private static Optional<String> referencedLogicalId(Object value) {
        return value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String logicalId
                ? Optional.of(logicalId) : Optional.empty();
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return maps(schema).stream()
                .map(key -> KeySchemaElement.builder()
                        .attributeName(text(key, "AttributeName"))
                        .keyType(text(key, "KeyType")).build())
                .toList();
    }

    private static Projection projection(Object projection) {
        Map<String, Object> definition = CloudFormationTemplate.mapOf(projection, "Projection");
        Projection.Builder builder = Projection.builder().projectionType(text(definition, "ProjectionType"));
        if (definition.get("NonKeyAttributes") instanceof List<?> attributes) {
            builder.nonKeyAttributes(attributes.stream().map(IntrinsicResolver::text).toList());
        }
        return builder.build();
    }

    private static List<Map<String, Object>> maps(Object list) {
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("Expected a list, not " + list);
        }
        return items.stream().map(item -> CloudFormationTemplate.mapOf(item, "A list item")).toList();
    }

    private static String text(Map<String, Object> map, String key) {
        return IntrinsicResolver.text(map.get(key));
    }
}
