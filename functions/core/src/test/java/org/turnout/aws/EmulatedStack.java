package org.turnout.aws;

import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.TurnoutTable;

/**
 * The emulators a test class of services built by hand needs, started once for the class
 * ({@code @RegisterExtension static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB)}),
 * with the clients the services take. The extension starts before the class's own {@code @BeforeAll}
 * methods, which can build their services on {@link #table()} and {@link #aws()}.
 */
public final class EmulatedStack implements BeforeAllCallback, AfterAllCallback {
    private final EnumSet<Emulator> emulators;
    private LocalAwsStack stack;
    private AwsClients aws;
    private TurnoutTable table;

    public EmulatedStack(Emulator first, Emulator... rest) {
        this.emulators = EnumSet.of(first, rest);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = LocalAwsStack.start(emulators);
        // the clients take their endpoints from the SDK's standard settings, as in AWS
        stack.sdkSystemProperties().forEach(System::setProperty);
        aws = new AwsClients();
        // one instance may serve several classes (declared in a base class): each gets its own clients
        table = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        aws.close();
        stack.close();
    }

    public LocalAwsStack stack() {
        return stack;
    }

    public AwsClients aws() {
        return aws;
    }

    /** The table, its clients made on first use (a class without DynamoDB never makes them). */
    public TurnoutTable table() {
        if (table == null) {
            table = new TurnoutTable(aws, stack.resources().physicalName("Table"));
        }
        return table;
    }

    public String bucket() {
        return stack.resources().physicalName("Bucket");
    }

    /** A new organisation's id, unique to this run: {@code prefix} followed by eight random characters. */
    public static String newOrganisationId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an organisation named {@code name} with a new id starting with {@code prefix}, and returns the id. */
    public String createOrganisation(String prefix, String name) {
        String id = newOrganisationId(prefix);
        new OrganisationRepository(table()).create(OrganisationBuilder.builder().id(id).name(name).build());
        return id;
    }
}
