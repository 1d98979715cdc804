package org.turnout.organisation;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.turnout.problem.ConflictException;
import org.turnout.store.Attributes;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@ApplicationScoped
public class OrganisationRepository {
    private final DynamoDbTable<Organisation> items;
    private final DynamoDbIndex<Organisation> byList;

    public OrganisationRepository(TurnoutTable table) {
        this.items = table.items(Organisation.SCHEMA);
        this.byList = items.index("GSI1");
    }

    public Optional<Organisation> find(String orgId) {
        return Optional.ofNullable(items.getItem(key(orgId)));
    }

    /** Creates the organisation; a second creation of the same id is a conflict. What it returns is the organisation as stored. */
    public Organisation create(Organisation organisation) {
        try {
            items.putItem(PutItemEnhancedRequest.builder(Organisation.class)
                    .item(organisation)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(" + Attributes.PK + ")").build())
                    .build());
            return organisation.withVersion(1L); // what the versioning extension wrote
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("organisation " + organisation.id() + " already exists");
        }
    }

    /** Replaces the organisation if nobody changed it since it was read (its version); what it returns is the organisation as stored. */
    public Organisation update(Organisation organisation) {
        try {
            items.putItem(organisation);
            return organisation.withVersion(nextVersion(organisation.version()));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("organisation " + organisation.id() + " was changed meanwhile; read it again");
        }
    }

    public List<Organisation> list() {
        return byList.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(Keys.ORGANISATIONS_GSI1PK).build()))
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    private static Key key(String orgId) {
        return Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.ORGANISATION_SK).build();
    }

    private static long nextVersion(Long version) {
        return version == null ? 1L : version + 1;
    }
}
