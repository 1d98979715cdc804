package org.turnout.api.console.imports;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.turnout.api.console.ConsoleAssets;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.console.ConsoleRequest;
import org.turnout.api.security.AdminRoles;
import org.turnout.audit.AuditTrail;
import org.turnout.importing.ContactField;
import org.turnout.importing.CsvDialect;
import org.turnout.importing.ImportJob;
import org.turnout.importing.ImportJobView;
import org.turnout.importing.ImportPreview;
import org.turnout.importing.ImportRequests;
import org.turnout.importing.UploadRequest;
import org.turnout.importing.UploadTicket;
import org.turnout.problem.InvalidInputException;

/**
 * An organisation's contact imports in the console: its imports, a drop zone that uploads a file through the
 * pre-signed URL of {@link ImportRequests} (staged, so that nothing starts yet), the preview of its first rows with
 * the dialect and mapping to adjust, the start, the progress polled by htmx, and the report. Owners and staff.
 */
@Path("/console/orgs/{org}/imports")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class ImportsResource {
    /** The form's fields of the mapping: {@code header-3} is the fourth column's header, {@code field-3} its field. */
    static final String HEADER = "header-";
    static final String FIELD = "field-";

    private final ImportRequests imports;
    private final ConsolePages pages;
    private final ConsoleRequest request;
    private final AuditTrail audit;
    private final ConsoleAssets assets;

    public ImportsResource(ImportRequests imports, ConsolePages pages, ConsoleRequest request, AuditTrail audit, ConsoleAssets assets) {
        this.imports = imports;
        this.pages = pages;
        this.request = request;
        this.audit = audit;
        this.assets = assets;
    }

    @GET
    public Response page(@PathParam("org") String org) {
        return pages.page("console-imports", "imports", Map.of("back", path(org), "jobs", imports.list(org),
                "uploadScript", assets.url(UploadStep.SCRIPT), "uploadAction", path(org) + "/uploads"));
    }

    /** The list alone, as the page shows it. */
    @GET
    @Path("/list")
    public Response list(@PathParam("org") String org) {
        return pages.fragment("console-imports-list", Map.of("jobs", imports.list(org)));
    }

    /** Where the browser uploads the file it was given (staged: nothing starts), and the preview to load then. */
    @POST
    @Path("/uploads")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public UploadStep upload(@PathParam("org") String org, @FormParam("fileName") String fileName) {
        UploadTicket ticket = imports.requestStagedUpload(org, fileName);
        return new UploadStep(ticket.uploadUrl(), path(org) + "/preview?key=" + URLEncoder.encode(ticket.key(), StandardCharsets.UTF_8));
    }

    @GET
    @Path("/preview")
    public Response preview(@PathParam("org") String org, @QueryParam("key") String key) {
        return previewOf(org, key, new UploadRequest(null, null, null));
    }

    /** The preview again, with the dialect, mapping and consent source staff chose. */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        return previewOf(org, form.getFirst("key"), choices(form));
    }

    /** Imports the previewed file with staff's choices; answers its progress, which polls itself until the end. */
    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@PathParam("org") String org, MultivaluedMap<String, String> form) {
        UploadRequest choices = choices(form);
        String importKey;
        try {
            importKey = imports.start(org, form.getFirst("key"), choices);
        } catch (InvalidInputException e) {
            return errors(e);
        }
        audit.record(org, request.token().getSubject(), "import.request", "file:" + importKey, choices.consentSource());
        return progressOf(org, importKey);
    }

    @GET
    @Path("/progress")
    public Response progress(@PathParam("org") String org, @QueryParam("key") String key) {
        return progressOf(org, key == null ? "" : key);
    }

    /** The import's report of rejected rows and warnings, as the import wrote it. */
    @GET
    @Path("/{id}/report.csv")
    @Produces("text/csv")
    public Response report(@PathParam("org") String org, @PathParam("id") String id) {
        InputStream report = imports.report(org, id);
        return pages.withHeaders(Response.ok(report, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id.replaceAll("[^A-Za-z0-9-]", "") + "-report.csv\""))
                .build();
    }

    private Response previewOf(String org, String key, UploadRequest choices) {
        ImportPreview preview;
        try {
            preview = imports.preview(org, key, choices);
        } catch (InvalidInputException e) {
            return errors(e);
        }
        Map<String, Object> data = new HashMap<>();
        data.put("key", key);
        data.put("fileName", key.substring(key.indexOf('-', key.lastIndexOf('/')) + 1));
        data.put("preview", preview);
        if (preview.detected() != null) {
            data.put("detectedDelimiter", preview.detected().delimiterChoice());
            data.put("detectedEncoding", preview.detected().charset().name());
            data.put("delimiter", preview.dialect().delimiterChoice());
            data.put("encoding", preview.dialect().charset().name());
        }
        data.put("fields", ContactField.values());
        data.put("delimiters", CsvDialect.DELIMITER_CHOICES);
        data.put("encodings", CsvDialect.ENCODINGS.stream().map(Charset::name).toList());
        data.put("consentSource", choices.consentSource() == null ? "" : choices.consentSource());
        data.put("sheet", choices.sheet() == null ? "" : choices.sheet());
        return pages.fragment("console-imports-preview", data);
    }

    private Response progressOf(String org, String key) {
        ImportJobView job = imports.findByKey(org, key).orElse(null);
        Map<String, Object> data = new HashMap<>();
        data.put("key", key);
        data.put("keyParam", URLEncoder.encode(key, StandardCharsets.UTF_8));
        data.put("job", job);
        data.put("running", job == null || ImportJob.RUNNING.equals(job.status()));
        return pages.fragment("console-imports-progress", data);
    }

    /** Staff's choices from the preview's form; a column left on its detected field sends none. */
    private static UploadRequest choices(MultivaluedMap<String, String> form) {
        Map<String, String> columns = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(FIELD)) {
                String header = form.getFirst(HEADER + name.substring(FIELD.length()));
                String field = values.isEmpty() ? null : values.get(0);
                if (header != null && field != null && !field.isBlank()) {
                    columns.put(header, field);
                }
            }
        });
        return new UploadRequest(null, form.getFirst("consentSource"), columns, form.getFirst("sheet"),
                form.getFirst("delimiter"), form.getFirst("encoding"));
    }

    /** Bad choices: the fields named, shown where the preview goes (400, which the upload script lets htmx swap). */
    private Response errors(InvalidInputException e) {
        return pages.page(Response.Status.BAD_REQUEST, "console-imports-errors", request.headers(), request.session(),
                request.token(), Map.of("errors", e.errors()));
    }

    static String path(String org) {
        return "/console/orgs/" + org + "/imports";
    }
}
