package org.turnout.roll;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.turnout.importing.ContactField;

/**
 * The columns of an electoral roll file that Turnout reads, by their header. The first alias of
 * each is the name the Ministry's published layout gives it (arrêté du 12 novembre 2013, the
 * format of the lists communes transmit: {@code NoBureauDeVote}, {@code NomdeNaissance}...); the
 * others are the spelled-out headers of the extractions made from the REU by municipal software.
 * Headers are compared after {@link ContactField#normalise}: case, accents, spaces and punctuation aside.
 * The other columns (sex, birth place, nationality, list type, order number...) are not read.
 */
enum RollColumn {
    STATION("nobureaudevote", "codedubureaudevote", "codebureaudevote", "numerodubureaudevote", "numerobureaudevote", "codebureau",
            "codebv", "bureaudevote", "bureau", "bv"),
    BIRTH_NAME("nomdenaissance", "nomnaissance", "nomdefamille", "nom"),
    USED_NAME("nomdusage", "nomusage", "nommarital"),
    FIRST_NAMES("prenoms", "prenom"),
    BIRTH_DATE("datedenaissance", "datenaissance"),
    COMPLEMENT_1("complementdelocalisation1", "complementdadresse1", "complementadresse1", "complement1"),
    COMPLEMENT_2("complementdelocalisation2", "complementdadresse2", "complementadresse2", "complement2"),
    NUMBER("numerovoie", "numerodevoie", "numerodanslavoie", "numero", "num"),
    REPETITION("indicederepetition", "indicerepetition", "indice", "btq"),
    STREET_TYPE("typevoie", "typedevoie", "typedelavoie"),
    STREET("libellevoie", "libelledevoie", "libelledelavoie", "nomdelavoie", "nomdevoie", "voie"),
    LOCALITY("lieudit"),
    POSTCODE("codepostal", "cp");

    private final Set<String> aliases;

    RollColumn(String... aliases) {
        this.aliases = Set.of(aliases);
    }

    /** The index of each column found in the header; the first column of a name wins. */
    static Map<RollColumn, Integer> find(List<String> header) {
        Map<RollColumn, Integer> found = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String normal = ContactField.normalise(header.get(i));
            int index = i;
            Arrays.stream(values()).filter(column -> column.aliases.contains(normal)).forEach(column -> found.putIfAbsent(column, index));
        }
        return found;
    }
}
