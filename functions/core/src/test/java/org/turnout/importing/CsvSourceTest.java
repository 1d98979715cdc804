package org.turnout.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.aws.EmulatedStack;
import org.turnout.local.Emulator;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The one CSV source of the three imports, on S3Proxy: from any row's checkpoint, a ranged read
 * gives the very rows a read from the start gives after it, with the same lines, in UTF-8 with a
 * BOM (bytes and characters differ) and in Windows-1252, with CRLF and a cell over two lines.
 */
class CsvSourceTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.S3);
    private static final String FILE = "Prénom;Nom;Adresse\r\n"
            + "Zoé;Lefèvre;\"12 rue de l'Église\r\nBâtiment B\"\r\n"
            + "Léa;Dubois;3 place du Marché\r\n"
            + "\r\n"
            + "Noël;Müller;\"5; allée des Chênes\"\r\n"
            + "Inès;Ségur;8 impasse\r\n";
    private static String bucket;
    private static CsvSource source;

    @BeforeAll
    static void start() {
        bucket = STACK.bucket();
        source = new CsvSource(STACK.aws());
    }

    @Test
    void everyRowsCheckpointResumesAtThatRowInUtf8WithABom() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = FILE.getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, 3);
        System.arraycopy(text, 0, file, 3, text.length);
        resumesAtEveryRow(file, "UTF-8");
    }

    @Test
    void everyRowsCheckpointResumesAtThatRowInWindows1252() {
        resumesAtEveryRow(FILE.getBytes(Charset.forName("windows-1252")), "windows-1252");
    }

    @Test
    void anUnclosedQuoteFailsTheFileAtTheRowGuardNamingTheLastLineRead() {
        String key = put(("a;b\n1;2\n3;\"" + "x".repeat(1_200_000) + "\n").getBytes(StandardCharsets.UTF_8));
        try (CsvSource.CsvRows rows = source.open(bucket, key, null)) {
            rows.next();
            rows.next();
            assertThatThrownBy(rows::next).isInstanceOf(ImportFailedException.class)
                    .hasMessage("after line 2, a row runs on past 1 MiB (an unclosed quote?)");
        }
    }

    private void resumesAtEveryRow(byte[] file, String charset) {
        String key = put(file);
        List<CsvSource.CsvRow> all = new ArrayList<>();
        List<CsvPosition> checkpoints = new ArrayList<>();
        try (CsvSource.CsvRows rows = source.open(bucket, key, null)) {
            assertThat(rows.start().charset()).isEqualTo(charset);
            assertThat(rows.start().delimiter()).isEqualTo(';');
            CsvSource.CsvRow row;
            while ((row = rows.next()) != null) {
                all.add(row);
                checkpoints.add(rows.before(row));
            }
            assertThat(rows.linesRead()).isEqualTo(7);
        }
        assertThat(all).extracting(CsvSource.CsvRow::line).containsExactly(1L, 2L, 4L, 6L, 7L);
        assertThat(all.get(1).values()).containsExactly("Zoé", "Lefèvre", "12 rue de l'Église\r\nBâtiment B");
        assertThat(all.get(3).values()).containsExactly("Noël", "Müller", "5; allée des Chênes");
        for (int i = 1; i < all.size(); i++) {
            List<CsvSource.CsvRow> rest = new ArrayList<>();
            try (CsvSource.CsvRows rows = source.open(bucket, key, checkpoints.get(i))) {
                CsvSource.CsvRow row;
                while ((row = rows.next()) != null) {
                    rest.add(row);
                }
            }
            assertThat(rest).as("from row %d", i).isEqualTo(all.subList(i, all.size()));
        }
    }

    private static String put(byte[] content) {
        String key = "imports/csv-" + UUID.randomUUID().toString().substring(0, 8) + "/file.csv";
        STACK.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return key;
    }
}
