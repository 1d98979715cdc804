package org.turnout.canvass;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One door knock: {@code ORG#o#C#<contactId> / CANVASS#<session>}, beside its contact. Created
 * only if absent, so a result sent twice for one session is kept once.
 */
@RecordBuilder
public record CanvassRecord(
        String orgId, String contactId, String session, String outcome, Integer support, Boolean volunteer,
        String notes, String canvasser, Instant at, Instant recordedAt)
        implements CanvassRecordBuilder.With {
    public static final String TYPE = "canvass";
    public static final String CONTACT_ID = "contactId";
    public static final String SESSION = "session";
    public static final String OUTCOME = "outcome";
    public static final String SUPPORT = "support";
    public static final String VOLUNTEER = "volunteer";
    public static final String NOTES = "notes";
    public static final String CANVASSER = "canvasser";
    public static final String AT = "at";
    public static final String RECORDED_AT = "recordedAt";

    public static final TableSchema<CanvassRecord> SCHEMA =
            ItemSchemas.keyed(CanvassRecord.class, CanvassRecordBuilder.class, CanvassRecordBuilder::builder, CanvassRecordBuilder::build,
                            r -> Keys.contact(r.orgId, r.contactId), r -> Keys.canvassSk(r.session), TYPE)
                    .addAttribute(String.class, attribute(Attributes.ORG_ID, CanvassRecord::orgId, CanvassRecordBuilder::orgId))
                    .addAttribute(String.class, attribute(CONTACT_ID, CanvassRecord::contactId, CanvassRecordBuilder::contactId))
                    .addAttribute(String.class, attribute(SESSION, CanvassRecord::session, CanvassRecordBuilder::session))
                    .addAttribute(String.class, attribute(OUTCOME, CanvassRecord::outcome, CanvassRecordBuilder::outcome))
                    .addAttribute(Integer.class, attribute(SUPPORT, CanvassRecord::support, CanvassRecordBuilder::support))
                    .addAttribute(Boolean.class, attribute(VOLUNTEER, CanvassRecord::volunteer, CanvassRecordBuilder::volunteer))
                    .addAttribute(String.class, attribute(NOTES, CanvassRecord::notes, CanvassRecordBuilder::notes))
                    .addAttribute(String.class, attribute(CANVASSER, CanvassRecord::canvasser, CanvassRecordBuilder::canvasser))
                    .addAttribute(Instant.class, attribute(AT, CanvassRecord::at, CanvassRecordBuilder::at))
                    .addAttribute(Instant.class, attribute(RECORDED_AT, CanvassRecord::recordedAt, CanvassRecordBuilder::recordedAt))
                    .build();
}
