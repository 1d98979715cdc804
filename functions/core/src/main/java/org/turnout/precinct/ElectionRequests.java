package org.turnout.precinct;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.turnout.importing.PresignedUploads;
import org.turnout.importing.UploadTicket;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.NotFoundException;

/**
 * The API side of election imports: the election is created first (waiting for its file), with a
 * pre-signed URL to upload the file to {@code elections/{org}/{electionId}/}; then the elections,
 * newest first, with their import reports.
 */
@Singleton
public record ElectionRequests(PresignedUploads uploads, ElectionRepository elections, Clock clock) {
    static final int LIST_LIMIT = 100;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern COMMUNE = Pattern.compile("[0-9AB]{5}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public record ElectionTicket(String electionId, UploadTicket upload) {
    }

    public ElectionTicket requestUpload(String orgId, ElectionUploadRequest request) {
        FieldErrors errors = new FieldErrors();
        String fileName = PresignedUploads.fileName(errors, request.fileName(), PresignedUploads.CSV_FILE_NAME,
                PresignedUploads.CSV_FILE_NAME_RULE);
        String name = errors.text("name", request.name(), false, 200);
        String date = errors.text("date", request.date(), false, 10);
        if (date != null && ElectionImportService.validDate(date) == null) {
            errors.add("date", "must be a date (2022-04-10)");
        }
        String commune = errors.text("commune", request.commune(), false, 5);
        if (commune != null && !COMMUNE.matcher(commune).matches()) {
            errors.add("commune", "must be a commune code of 5 characters (33063, 2A004)");
        }
        errors.throwIfAny();

        Instant now = clock.instant();
        Election election = ElectionBuilder.builder().orgId(orgId)
                .electionId(ID_TIME.format(now) + "-" + HexFormat.of().formatHex(randomBytes(5)))
                .name(name != null ? name : fileName).date(date).commune(commune).status(Election.AWAITING_UPLOAD)
                .createdAt(now).build();
        elections.createIfAbsent(election);
        return new ElectionTicket(election.electionId(),
                uploads.ticket("elections/" + orgId + "/" + election.electionId() + "/" + fileName));
    }

    /** The elections, newest upload first. */
    public List<ElectionView> list(String orgId) {
        // ids sort by the second; two elections created in one second are told apart by their creation time
        return elections.list(orgId, LIST_LIMIT).stream()
                .sorted(Comparator.comparing(Election::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Election::electionId).reversed())
                .map(ElectionView::of).toList();
    }

    public ElectionView get(String orgId, String electionId) {
        return elections.find(orgId, electionId).map(ElectionView::of)
                .orElseThrow(() -> new NotFoundException("no election " + electionId));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
