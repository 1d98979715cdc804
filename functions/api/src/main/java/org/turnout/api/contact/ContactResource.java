package org.turnout.api.contact;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.contact.ContactService;
import org.turnout.contact.ContactView;

@Path("/v1/admin/orgs/{org}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "The organisation's people, read by email address")
public class ContactResource {
    private final ContactService contacts;

    public ContactResource(ContactService contacts) {
        this.contacts = contacts;
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Path("{email}")
    @Operation(operationId = "getContact", summary = "Read a contact by email address")
    @APIResponse(responseCode = "200", description = "The contact", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "404", description = "No contact with this address")
    public ContactView byEmail(@PathParam("org") String org, @PathParam("email") String email) {
        return contacts.byEmail(org, email);
    }
}
