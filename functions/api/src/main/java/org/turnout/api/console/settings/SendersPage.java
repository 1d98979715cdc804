package org.turnout.api.console.settings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.security.AdminRoles;
import org.turnout.organisation.OrganisationService;
import org.turnout.organisation.OrganisationSettings;
import org.turnout.organisation.OrganisationSettings.SenderIdentity;
import org.turnout.problem.ConflictException;
import org.turnout.problem.InvalidInputException;

/**
 * The organisation's senders (the From of its mailings), added and removed as the organisation's settings, which
 * the organisation service validates as for the API. Whether SES has verified an address is not known here yet, so
 * the page says nothing of it.
 */
@Path("/console/orgs/{org}/settings/senders")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = AdminRoles.OWNER)
public class SendersPage {
    static final String TAB = "senders";
    private final OrganisationService organisations;
    private final SettingsPages pages;

    public SendersPage(OrganisationService organisations, SettingsPages pages) {
        this.organisations = organisations;
        this.pages = pages;
    }

    @GET
    public Response show(@PathParam("org") String org) {
        return page(org, Set.of(), "", new SenderIdentity("", ""));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("org") String org, @FormParam("name") String name, @FormParam("address") String address) {
        OrganisationSettings settings = organisations.get(org).settings();
        List<SenderIdentity> senders = new ArrayList<>(settings.senders());
        SenderIdentity typed = new SenderIdentity(name, address);
        senders.add(typed);
        return change(org, settings.withSenders(senders), "added", typed);
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("org") String org, @FormParam("address") String address) {
        OrganisationSettings settings = organisations.get(org).settings();
        return change(org, settings.withSenders(settings.senders().stream().filter(sender -> !sender.address().equals(address)).toList()),
                "removed", new SenderIdentity("", ""));
    }

    private Response change(String org, OrganisationSettings changed, String done, SenderIdentity typed) {
        try {
            organisations.update(org, changed, pages.actor());
            return page(org, Set.of(), done, new SenderIdentity("", ""));
        } catch (InvalidInputException refused) {
            return page(org, SettingsPages.invalidFields(refused), "", typed);
        } catch (ConflictException changedMeanwhile) {
            return page(org, Set.of(), "conflict", typed);
        }
    }

    private Response page(String org, Set<String> invalid, String done, SenderIdentity typed) {
        return pages.page(TAB, Map.of("senders", organisations.get(org).settings().senders(), "invalid", invalid, "done", done,
                "typed", typed));
    }
}
