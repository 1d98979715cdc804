package org.turnout.bench.render;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.turnout.aws.AwsClients;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.mail.SesMailer;
import org.turnout.mailing.MailingRepository;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.Sender;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.secrets.SecretStore;
import org.turnout.security.LinkSigner;
import org.turnout.sending.MailingCache;
import org.turnout.sending.MailingSender;
import org.turnout.sending.RecipientCheck;
import org.turnout.sending.RecipientReads;
import org.turnout.sending.SendLedger;
import org.turnout.sending.MailingSettlement;
import org.turnout.sending.SendOutcomes;
import org.turnout.sending.SendQuota;
import org.turnout.sending.SendRecords;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import org.turnout.unsubscribe.UnsubscribeLinks;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The product's send path as SendFunction builds it ({@code MailingSender} and everything it is given), with the
 * product's own classes throughout and only the network replaced: the SDK clients talk to {@link CannedAws}. The
 * link signer reads a link-signing key as Secrets Manager would hand it over.
 */
final class SendPath implements AutoCloseable {
    static final String TABLE = "turnout-bench";
    static final String ORG = "ensemble-saint-denis";
    static final String MAILING = "m0123456789abcde";
    /** SendFunction's clock: fixed, so that the mailing read at the first send stays cached, as between two reads. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC);
    private static final String LINK_KEYS = "{\"kid\":\"k2026\",\"secret\":\"0123456789abcdef0123456789abcdef-bench-key\"}";

    final CannedAws aws = new CannedAws(TABLE, 1.0e9);
    final UnsubscribeLinks links;
    final MailingSender sender;
    final List<Contact> contacts;
    private final Clients clients = new Clients(aws);

    static {
        // Quarkus's runtime sets the root logger at INFO when it starts. Without it, Quarkus's initial log configurator
        // (on the class path with the functions' libraries) leaves every level on, and Qute and the SDK would build
        // their TRACE and DEBUG lines for each message, work they never do in Lambda.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    }

    SendPath(int contactCount) {
        SecretStore secrets = new SecretStore(secretId -> LINK_KEYS, CLOCK);
        links = new UnsubscribeLinks(new LinkSigner(secrets, Optional.of("link-signing-keys"), CLOCK),
                "https://campagne.example.org", Duration.ofDays(365));
        TurnoutTable table = new TurnoutTable(clients, TABLE);
        BatchOperations batches = new BatchOperations(table, 8);
        ContactRepository contactRepository = new ContactRepository(table, batches);
        MailingRepository mailings = new MailingRepository(table);
        SendRecords records = new SendRecords(table);
        SendOutcomes outcomes = new SendOutcomes(records, mailings, CLOCK);
        // the organisation's rate is left to the account's, which the canned GetAccount makes too high to wait for
        SendQuota quota = new SendQuota(clients, CLOCK, 4, Duration.ofSeconds(20));
        sender = new MailingSender(new MailingCache(mailings, new OrganisationRepository(table), CLOCK),
                new RecipientReads(batches, CLOCK), new RecipientCheck(contactRepository, CLOCK),
                new SendLedger(records, outcomes, new MailingSettlement(mailings, records, outcomes, CLOCK), CLOCK),
                quota, new SesMailer(clients.sesForMailings(), Optional.of("turnout-bench-events")), links, 10);

        aws.store(org.turnout.mailing.Mailing.SCHEMA.itemToMap(FrenchMailing.mailing(ORG, MAILING), true));
        aws.store(Organisation.SCHEMA.itemToMap(organisation(), true));
        contacts = FrenchMailing.contacts(ORG, contactCount, 2026);
        TableSchema<Contact> contactSchema = Contact.SCHEMA;
        contacts.forEach(contact -> aws.store(contactSchema.itemToMap(contact, true)));
    }

    private static Organisation organisation() {
        return OrganisationBuilder.builder()
                .id(ORG)
                .name(FrenchMailing.ORGANISATION)
                .timeZone("Europe/Paris")
                .senders(new ArrayList<>(List.of(new Sender(FrenchMailing.FROM_NAME, FrenchMailing.FROM_ADDRESS))))
                .build();
    }

    @Override
    public void close() {
        clients.closeCanned();
    }

    /** The product's client factory, its clients built on the canned HTTP client. */
    private static final class Clients extends AwsClients {
        private final DynamoDbClient dynamo;
        private final DynamoDbEnhancedClient enhanced;
        private final SesV2Client ses;
        private final SesV2Client sesForMailings;

        Clients(CannedAws http) {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench-secret"));
            URI endpoint = URI.create("http://aws.invalid");
            dynamo = DynamoDbClient.builder().httpClient(http).region(Region.EU_WEST_3).credentialsProvider(credentials)
                    .endpointOverride(endpoint).build();
            enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
            ses = SesV2Client.builder().httpClient(http).region(Region.EU_WEST_3).credentialsProvider(credentials)
                    .endpointOverride(endpoint).build();
            // as AwsClients builds it: no retries of its own
            sesForMailings = SesV2Client.builder().httpClient(http).region(Region.EU_WEST_3).credentialsProvider(credentials)
                    .endpointOverride(endpoint).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        }

        @Override
        public DynamoDbClient dynamoDb() {
            return dynamo;
        }

        @Override
        public DynamoDbEnhancedClient dynamoDbEnhanced() {
            return enhanced;
        }

        @Override
        public SesV2Client ses() {
            return ses;
        }

        @Override
        public SesV2Client sesForMailings() {
            return sesForMailings;
        }

        void closeCanned() {
            dynamo.close();
            ses.close();
            sesForMailings.close();
            close();
        }
    }
}
