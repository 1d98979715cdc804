package org.turnout.api.canvass;

import static org.turnout.api.security.AdminRoles.OWNER;
import static org.turnout.api.security.AdminRoles.SCHEME;
import static org.turnout.api.security.AdminRoles.STAFF;
import static org.turnout.api.security.AdminRoles.VOLUNTEER;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.turnout.canvass.AddressImport;
import org.turnout.canvass.AddressRepository;
import org.turnout.canvass.AddressRequests;
import org.turnout.canvass.AddressUploadRequest;
import org.turnout.canvass.WalkList;
import org.turnout.canvass.WalkListFormats;
import org.turnout.canvass.WalkListService;
import org.turnout.importing.UploadTicket;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

@Path("/v1/admin/orgs/{org}")
@Tag(name = "Door to door", description = "Walk lists per polling station and the address files behind them")
public class WalkListResource {
    private final WalkListService walkLists;
    private final WalkListFormats formats;
    private final AddressRepository addresses;
    private final AddressRequests addressUploads;
    private final OrganisationRepository organisations;

    public WalkListResource(WalkListService walkLists, WalkListFormats formats, AddressRepository addresses,
                            AddressRequests addressUploads, OrganisationRepository organisations) {
        this.walkLists = walkLists;
        this.formats = formats;
        this.addresses = addresses;
        this.addressUploads = addressUploads;
        this.organisations = organisations;
    }

    public record AddressImportList(List<AddressImport> items) {
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF, VOLUNTEER})
    @Path("walklists")
    @Produces({"text/csv;charset=utf-8", MediaType.TEXT_HTML + ";charset=utf-8"})
    @Operation(operationId = "getWalkList", summary = "A station's walk list, split into turfs",
            description = "format=csv (default): one row per resident or door, safe to open in a spreadsheet; format=html: a printable sheet per turf.")
    public Response walkList(@PathParam("org") String org, @QueryParam("station") String station,
                             @QueryParam("turfSize") Integer turfSize, @QueryParam("format") String format) {
        if (format != null && !format.equals("csv") && !format.equals("html")) {
            throw InvalidInputException.of("format", "must be csv or html");
        }
        WalkList list = walkLists.walkList(org, station, turfSize);
        if ("html".equals(format)) {
            Organisation organisation = organisations.find(org).orElseThrow(() -> new NotFoundException("no organisation " + org));
            return Response.ok(formats.html(list, organisation.languageOrDefault(), organisation.name() == null ? org : organisation.name()))
                    .type(MediaType.TEXT_HTML + ";charset=utf-8").build();
        }
        return Response.ok(formats.csv(list)).type("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"walklist-" + list.station().replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"")
                .build();
    }

    @GET
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Path("addresses")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAddressFiles", summary = "The address files imported (under addresses/{org}/ in the bucket), newest first, with their rejected rows")
    public AddressImportList addressImports(@PathParam("org") String org) {
        return new AddressImportList(addresses.imports(org));
    }

    @POST
    @SecurityRequirement(name = SCHEME, scopes = {OWNER, STAFF})
    @Path("addresses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestAddressUpload", summary = "Get a pre-signed URL to upload an address file",
            description = "PUT the file to uploadUrl within 15 minutes; the import starts when it lands, and its report is listed by GET addresses.")
    @APIResponse(responseCode = "201", description = "Where to upload the file",
            content = @Content(schema = @Schema(implementation = UploadTicket.class)))
    public Response requestAddressUpload(@PathParam("org") String org, AddressUploadRequest request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required");
        }
        return Response.status(Response.Status.CREATED).entity(addressUploads.requestUpload(org, request)).build();
    }
}
