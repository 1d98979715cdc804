package org.turnout.roll;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.turnout.privacy.PersonalDataHolder;

/**
 * The voters of the electoral roll matched to a contact: shown in the person's export, deleted
 * with the person. Voters matched to nobody are not found from an address, as they have none.
 */
@Singleton
public record ElectoralRollPersonalData(VoterRepository voters) implements PersonalDataHolder {
    @Override
    public String section() {
        return "electoralRoll";
    }

    @Override
    public Object export(String orgId, String contactId) {
        return voters.linkedTo(orgId, contactId).stream().map(ElectoralRollPersonalData::asJson).toList();
    }

    @Override
    public int erase(String orgId, String contactId) {
        List<Voter> linked = voters.linkedTo(orgId, contactId);
        voters.deleteAll(linked);
        voters.deleteLinks(orgId, contactId);
        return linked.size();
    }

    private static Map<String, Object> asJson(Voter voter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("station", voter.station());
        json.put("birthName", voter.birthName());
        json.put("usedName", voter.usedName());
        json.put("firstNames", voter.firstNames());
        json.put("address", voter.door().line());
        json.put("complement", voter.complement());
        json.put("postcode", voter.postcode());
        json.put("importId", voter.importId());
        json.put("deletedBy", voter.ttl() == null ? null : java.time.Instant.ofEpochSecond(voter.ttl()).toString());
        return json;
    }
}
