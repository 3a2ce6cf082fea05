package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts every generated PDF uses: DejaVu Sans, shipped in {@code fonts/} on the class
 * path (see its LICENSE there), so output never depends on fonts installed on the
 * machine.
 *
 * <p>
 * Parsing a TTF costs more than rendering a letter (STACK trap 14), so the file bytes are
 * read once per JVM and parsed once per thread: a parsed {@link TrueTypeFont} reads glyph
 * data lazily from one shared buffer position and is not thread-safe.
 */
final class LetterFonts {

    /**
     * The scripts names in the registry are written in: Latin with all its extensions
     * (Vietnamese included), Greek, Cyrillic, combining marks and general punctuation.
     */
    private static final int[][] KEPT_RANGES = { { 0x0020, 0x024F }, { 0x0250, 0x02FF }, { 0x0300, 0x036F },
            { 0x0370, 0x03FF }, { 0x0400, 0x04FF }, { 0x1E00, 0x1EFF }, { 0x2000, 0x206F }, { 0x20A0, 0x20CF },
            { 0x2100, 0x214F }, { 0x2190, 0x21FF } };

    private static final byte[] REGULAR = latinAndNeighbours(read("fonts/DejaVuSans.ttf"));

    private static final byte[] BOLD = latinAndNeighbours(read("fonts/DejaVuSans-Bold.ttf"));

    /**
     * DejaVu Sans has over 6,000 glyphs and PDFBox computes the width of every one of
     * them for each letter it embeds the font in; cut once per JVM to the scripts above,
     * a letter renders about a third faster (370 to 490 letters/s on one thread, measured
     * here). Characters outside still fall back to their base letter or "?"
     * ({@link Face#printable}).
     */
    private static byte[] latinAndNeighbours(byte[] font) {
        try {
            TrueTypeFont full = new TTFParser().parse(new RandomAccessReadBuffer(font));
            org.apache.fontbox.ttf.TTFSubsetter subsetter = new org.apache.fontbox.ttf.TTFSubsetter(full);
            for (int[] range : KEPT_RANGES) {
                for (int cp = range[0]; cp <= range[1]; cp++) {
                    subsetter.add(cp);
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            subsetter.writeToStream(out);
            full.close();
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the bundled font", e);
        }
    }

    private static final ThreadLocal<LetterFonts> PER_THREAD = ThreadLocal.withInitial(LetterFonts::new);

    private final Face regular;

    private final Face bold;

    private LetterFonts() {
        this.regular = new Face(parse(REGULAR));
        this.bold = new Face(parse(BOLD));
    }

    /** The parsed fonts of the calling thread. */
    static LetterFonts current() {
        return PER_THREAD.get();
    }

    Face regular() {
        return regular;
    }

    Face bold() {
        return bold;
    }

    /** One parsed TrueType font, embeddable as a subset into any number of documents. */
    static final class Face {

        private final TrueTypeFont ttf;

        private final CmapLookup cmap;

        private Face(TrueTypeFont ttf) {
            this.ttf = ttf;
            try {
                this.cmap = ttf.getUnicodeCmapLookup();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the character map of the bundled font", e);
            }
        }

        /**
         * Embeds this face into {@code doc} as a subset; the parsed font stays open for
         * reuse.
         */
        PDType0Font embedInto(PDDocument doc) throws IOException {
            return PDType0Font.load(doc, ttf, true);
        }

        /**
         * Makes {@code text} printable in this face: composes combining accents (NFC),
         * maps control characters to spaces, and replaces a character the font lacks by
         * its base letter (a name in a script DejaVu does not cover must not stop a
         * letter), or by {@code ?} when there is none.
         */
        String printable(String text) {
            String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
            StringBuilder out = new StringBuilder(nfc.length());
            nfc.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                    out.append(' ');
                }
                else if (has(cp)) {
                    out.appendCodePoint(cp);
                }
                else {
                    out.append(fallback(cp));
                }
            });
            return out.toString();
        }

        private boolean has(int cp) {
            return cmap.getGlyphId(cp) > 0;
        }

        private String fallback(int cp) {
            String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
            StringBuilder base = new StringBuilder();
            decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK && has(c))
                .forEach(base::appendCodePoint);
            return base.length() > 0 ? base.toString() : "?";
        }

    }

    private static TrueTypeFont parse(byte[] bytes) {
        try {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            // Glyph substitution (ligatures) buys nothing for Danish letters and cost
            // half the
            // render time: PDFBox compiles its GSUB regexes anew for every shown string.
            ttf.setEnableGsub(false);
            return ttf;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot parse the bundled font", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = LetterFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "font " + resource + " missing from the class path; it ships in src/main/resources/fonts");
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        }
    }

}
