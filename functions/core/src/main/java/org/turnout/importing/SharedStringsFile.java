package org.turnout.importing;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared-strings table kept in a temporary file instead of the heap. Excel stores every
 * text cell once in this table and the sheet refers to it by index, so a list of a million people
 * holds millions of distinct strings (addresses, names, emails): POI's
 * {@code ReadOnlySharedStringsTable} keeps them all as Java strings, which grows the heap with the
 * file. Here the strings are written once, UTF-8, to one file and their end offsets to another, and a
 * cell's string is read back by index with two positional reads; a small cache serves the repeated
 * ones (towns, tags, stations).
 *
 * <p>Text is read as Excel shows the cell: the runs of an {@code si} joined, phonetic reading guides
 * ({@code rPh}) left out. For one reader thread at a time; {@link #close()} deletes the files.
 */
final class SharedStringsFile implements SharedStrings, Closeable {
    private static final int CACHED = 512;
    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private final Path strings;
    private final Path offsets;
    private final FileChannel stringChannel;
    private final FileChannel offsetChannel;
    private final ByteBuffer offsetBuffer = ByteBuffer.allocate(2 * Long.BYTES);
    private final Map<Integer, String> recent = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > CACHED;
        }
    };
    private final int count;
    private final int uniqueCount;

    private SharedStringsFile(Path strings, Path offsets, int count, int uniqueCount) throws IOException {
        this.strings = strings;
        this.offsets = offsets;
        this.count = count;
        this.uniqueCount = uniqueCount;
        this.stringChannel = FileChannel.open(strings, StandardOpenOption.READ);
        this.offsetChannel = FileChannel.open(offsets, StandardOpenOption.READ);
    }

    /** The workbook's table (empty when it has none), copied to temporary files in {@code dir}. */
    static SharedStringsFile of(OPCPackage workbook, Path dir) throws IOException, SAXException, ParserConfigurationException {
        List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        Path strings = Files.createTempFile(dir, "shared-strings-", ".txt");
        Path offsets = Files.createTempFile(dir, "shared-strings-", ".idx");
        try {
            Copy copy = new Copy(strings, offsets);
            try (copy) {
                if (!parts.isEmpty()) {
                    try (InputStream in = parts.get(0).getInputStream()) {
                        XMLReader parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(copy);
                        parser.parse(new InputSource(in));
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return new SharedStringsFile(strings, offsets, copy.count < 0 ? copy.written : copy.count, copy.written);
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
            Files.deleteIfExists(strings);
            Files.deleteIfExists(offsets);
            throw e;
        }
    }

    @Override
    public RichTextString getItemAt(int idx) {
        if (idx < 0 || idx >= uniqueCount) {
            throw new IllegalArgumentException("no shared string " + idx + " (the table holds " + uniqueCount + ")");
        }
        String value = recent.get(idx);
        if (value == null) {
            value = read(idx);
            recent.put(idx, value);
        }
        return new XSSFRichTextString(value);
    }

    private String read(int idx) {
        try {
            // the offsets file holds the end of each string; the start is the previous one's end
            offsetBuffer.clear();
            long start = 0;
            if (idx == 0) {
                offsetBuffer.limit(Long.BYTES);
                readFully(offsetChannel, offsetBuffer, 0);
            } else {
                readFully(offsetChannel, offsetBuffer, (idx - 1L) * Long.BYTES);
                start = offsetBuffer.getLong(0);
            }
            long end = offsetBuffer.getLong(idx == 0 ? 0 : Long.BYTES);
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(end - start));
            readFully(stringChannel, bytes, start);
            return new String(bytes.array(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the workbook's shared strings could not be read back", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the shared-strings file ends early");
            }
        }
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return uniqueCount;
    }

    @Override
    public void close() throws IOException {
        try (stringChannel; offsetChannel) {
            recent.clear();
        } finally {
            Files.deleteIfExists(strings);
            Files.deleteIfExists(offsets);
        }
    }

    /** SAX over {@code sharedStrings.xml}, each {@code si}'s text appended to the files as it ends. */
    private static final class Copy extends DefaultHandler implements Closeable {
        private final DataOutputStream stringOut;
        private final DataOutputStream offsetOut;
        private final StringBuilder text = new StringBuilder();
        private long end;
        private int written;
        private int count = -1;
        private boolean inText;
        private boolean inPhonetic;

        Copy(Path strings, Path offsets) throws IOException {
            this.stringOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(strings), 1 << 16));
            this.offsetOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(offsets), 1 << 16));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (uri != null && !uri.equals(MAIN_NS)) {
                return;
            }
            switch (localName) {
                case "sst" -> {
                    String declared = attributes.getValue("count");
                    if (declared != null && declared.chars().allMatch(Character::isDigit) && !declared.isEmpty()) {
                        count = Integer.parseInt(declared);
                    }
                }
                case "si" -> text.setLength(0);
                case "t" -> inText = true;
                case "rPh" -> inPhonetic = true;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (uri != null && !uri.equals(MAIN_NS)) {
                return;
            }
            switch (localName) {
                case "si" -> append();
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText && !inPhonetic) {
                text.append(ch, start, length);
            }
        }

        private void append() {
            try {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                stringOut.write(bytes);
                end += bytes.length;
                offsetOut.writeLong(end);
                written++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try (stringOut; offsetOut) {
                stringOut.flush();
                offsetOut.flush();
            }
        }
    }
}
