package org.turnout.canvass;

import java.time.Instant;
import org.turnout.store.Attributes;
import org.turnout.store.ItemSchemas;
import org.turnout.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One door knock: {@code ORG#o#C#<contactId> / CANVASS#<session>}, beside its contact. Created
 * only if absent, so a result sent twice for one session is kept once.
 */
public final class CanvassRecord {
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
            ItemSchemas.keyed(CanvassRecord.class, Builder.class, Builder::new, Builder::build,
                            r -> Keys.contact(r.orgId, r.contactId), r -> Keys.canvassSk(r.session), TYPE)
                    .addAttribute(String.class, a -> a.name(Attributes.ORG_ID).getter(CanvassRecord::orgId).setter(Builder::orgId))
                    .addAttribute(String.class, a -> a.name(CONTACT_ID).getter(CanvassRecord::contactId).setter(Builder::contactId))
                    .addAttribute(String.class, a -> a.name(SESSION).getter(CanvassRecord::session).setter(Builder::session))
                    .addAttribute(String.class, a -> a.name(OUTCOME).getter(CanvassRecord::outcome).setter(Builder::outcome))
                    .addAttribute(Integer.class, a -> a.name(SUPPORT).getter(CanvassRecord::support).setter(Builder::support))
                    .addAttribute(Boolean.class, a -> a.name(VOLUNTEER).getter(CanvassRecord::volunteer).setter(Builder::volunteer))
                    .addAttribute(String.class, a -> a.name(NOTES).getter(CanvassRecord::notes).setter(Builder::notes))
                    .addAttribute(String.class, a -> a.name(CANVASSER).getter(CanvassRecord::canvasser).setter(Builder::canvasser))
                    .addAttribute(Instant.class, a -> a.name(AT).getter(CanvassRecord::at).setter(Builder::at))
                    .addAttribute(Instant.class, a -> a.name(RECORDED_AT).getter(CanvassRecord::recordedAt).setter(Builder::recordedAt))
                    .build();

    private final String orgId;
    private final String contactId;
    private final String session;
    private final String outcome;
    private final Integer support;
    private final Boolean volunteer;
    private final String notes;
    private final String canvasser;
    private final Instant at;
    private final Instant recordedAt;

    private CanvassRecord(Builder builder) {
        this.orgId = builder.orgId;
        this.contactId = builder.contactId;
        this.session = builder.session;
        this.outcome = builder.outcome;
        this.support = builder.support;
        this.volunteer = builder.volunteer;
        this.notes = builder.notes;
        this.canvasser = builder.canvasser;
        this.at = builder.at;
        this.recordedAt = builder.recordedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().orgId(orgId).contactId(contactId).session(session).outcome(outcome).support(support)
                .volunteer(volunteer).notes(notes).canvasser(canvasser).at(at).recordedAt(recordedAt);
    }

    public String orgId() {
        return orgId;
    }

    public String contactId() {
        return contactId;
    }

    public String session() {
        return session;
    }

    public String outcome() {
        return outcome;
    }

    public Integer support() {
        return support;
    }

    public Boolean volunteer() {
        return volunteer;
    }

    public String notes() {
        return notes;
    }

    public String canvasser() {
        return canvasser;
    }

    public Instant at() {
        return at;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public static final class Builder {
        private String orgId;
        private String contactId;
        private String session;
        private String outcome;
        private Integer support;
        private Boolean volunteer;
        private String notes;
        private String canvasser;
        private Instant at;
        private Instant recordedAt;

        private Builder() {
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder contactId(String contactId) {
            this.contactId = contactId;
            return this;
        }

        public Builder session(String session) {
            this.session = session;
            return this;
        }

        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder support(Integer support) {
            this.support = support;
            return this;
        }

        public Builder volunteer(Boolean volunteer) {
            this.volunteer = volunteer;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public Builder canvasser(String canvasser) {
            this.canvasser = canvasser;
            return this;
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Builder recordedAt(Instant recordedAt) {
            this.recordedAt = recordedAt;
            return this;
        }

        public CanvassRecord build() {
            return new CanvassRecord(this);
        }
    }
}
