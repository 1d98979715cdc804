package org.turnout.api.startup;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.turnout.aws.AwsClients;
import org.turnout.mailing.MergeTemplate;
import org.turnout.contact.ContactRepository;
import org.turnout.organisation.Language;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LinkSigner;
import org.turnout.template.Templates;

/**
 * Does at init what the first request would otherwise do: builds the AWS clients and the table
 * mappers, parses the templates, signs once with a throwaway key. Under SnapStart this work lands in the snapshot
 * instead of in a visitor's first request. No network call: the snapshot must not hold connections.
 */
@ApplicationScoped
public class Priming {
    void prime(@Observes StartupEvent startup, AwsClients aws, OrganisationRepository organisations,
               ContactRepository contacts, Templates templates) {
        aws.dynamoDb();
        aws.sesForMailings();
        aws.scheduler();
        // the mailing templates' engine, which parses every template staff save
        MergeTemplate.of("{first_name ?: 'ami'} {attributes.quartier}", MergeTemplate.Kind.HTML, "priming");
        Map<String, Object> sample = Map.of("firstName", "", "organisation", "", "link", "", "validDays", 7L,
                "ready", false, "confirmed", true, "expired", false, "valid", true, "done", false);
        for (Language language : Language.values()) {
            templates.render("confirm-email", language, "html", sample);
            templates.render("confirm-email", language, "txt", sample);
            templates.render("confirm-subject", language, "txt", sample);
            templates.render("confirm-page", language, "html", sample);
            templates.render("unsubscribe-page", language, "html", sample);
        }
        // with a throwaway key: the signing keys are a secret, read at the first request (no connection in the snapshot)
        LinkSigner.prime();
    }
}
