package org.turnout.api.migration;

import static org.turnout.api.security.AdminRoles.OPERATOR;
import static org.turnout.api.security.AdminRoles.SCHEME;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.turnout.contact.idmigration.ContactIdMigration;

/** The one-time move of existing data to keyed contact ids: operators call it until it answers done. */
@Path("/v1/admin/migrations/contact-ids")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "What operators run on a deployment")
public class ContactIdMigrationResource {
    /** Each call works this long at most: well within API Gateway's 29 s and the function's 30 s. */
    static final Duration SLICE = Duration.ofSeconds(20);

    private final ContactIdMigration migration;
    private final Clock clock;

    public ContactIdMigrationResource(ContactIdMigration migration, Clock clock) {
        this.migration = migration;
        this.clock = clock;
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OPERATOR})
    @Operation(operationId = "migrateContactIds", summary = "Move existing data to keyed contact ids",
            description = "Works for about 20 seconds from each organisation's checkpoint; call again until done is true.")
    @APIResponse(responseCode = "200", description = "Where every organisation stands",
            content = @Content(schema = @Schema(implementation = ContactIdMigration.MigrationProgress.class)))
    public ContactIdMigration.MigrationProgress run() {
        Instant until = clock.instant().plus(SLICE);
        return migration.run(() -> clock.instant().isBefore(until));
    }
}
