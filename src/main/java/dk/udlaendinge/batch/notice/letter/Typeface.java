package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** A bundled font embedded in one document: measures and wraps text set in it. */
final class Typeface {

    private final LetterFonts.Face face;

    private final PDType0Font font;

    private Typeface(LetterFonts.Face face, PDType0Font font) {
        this.face = face;
        this.font = font;
    }

    static Typeface embed(LetterFonts.Face face, PDDocument doc) throws IOException {
        return new Typeface(face, face.embedInto(doc));
    }

    PDType0Font font() {
        return font;
    }

    /**
     * See {@link LetterFonts.Face#printable}: only printable text reaches {@link #width}
     * and the page.
     */
    String printable(String text) {
        return face.printable(text);
    }

    /** Width in points of printable text at {@code size}. */
    float width(String printable, float size) {
        try {
            return font.getStringWidth(printable) / 1000f * size;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot measure text in the bundled font", e);
        }
    }

    /**
     * Breaks printable text into lines no wider than {@code maxWidth}, at spaces; a word
     * wider than a whole line (a long case number, say) is broken between characters.
     */
    List<String> wrap(String printable, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        float space = width(" ", size);
        StringBuilder line = new StringBuilder();
        float lineWidth = 0;
        for (String word : printable.strip().split(" +")) {
            float w = width(word, size);
            if (line.length() > 0 && lineWidth + space + w <= maxWidth) {
                line.append(' ').append(word);
                lineWidth += space + w;
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (w > maxWidth) {
                int cut = fitting(word, size, maxWidth);
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
                w = width(word, size);
            }
            line.append(word);
            lineWidth = w;
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * How many chars of {@code word} fit in {@code maxWidth}; at least one code point.
     */
    private int fitting(String word, float size, float maxWidth) {
        int end = word.offsetByCodePoints(0, 1);
        while (end < word.length()) {
            int next = word.offsetByCodePoints(end, 1);
            if (width(word.substring(0, next), size) > maxWidth) {
                break;
            }
            end = next;
        }
        return end;
    }

    /**
     * {@code printable} cut short with an ellipsis so that it fits in {@code maxWidth}.
     */
    String fitted(String printable, float size, float maxWidth) {
        if (width(printable, size) <= maxWidth) {
            return printable;
        }
        String text = printable;
        while (!text.isEmpty() && width(text + "…", size) > maxWidth) {
            text = text.substring(0, text.offsetByCodePoints(text.length(), -1));
        }
        return text + "…";
    }

    /**
     * One line of text with its baseline at {@code baseline}; nothing for an empty line.
     */
    void show(PDPageContentStream s, float size, float x, float baseline, String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, baseline);
        s.showText(text);
        s.endText();
    }

}
