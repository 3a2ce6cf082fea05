package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Reads generated PDFs back the way a reader (or a screen reader) would. */
final class PdfText {

    /**
     * A line of extracted text with the box its glyphs cover, in points from the page's
     * top-left.
     */
    record Line(int page, String text, float left, float right, float top, float baseline) {
    }

    private PdfText() {
    }

    /**
     * All text as one line: line breaks and non-breaking spaces read as single spaces, so
     * a phrase is found wherever the wrapping put its line breaks.
     */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
    }

    static List<Line> lines(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Line> lines = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    float left = Float.MAX_VALUE;
                    float right = 0;
                    float top = Float.MAX_VALUE;
                    float baseline = 0;
                    for (TextPosition p : positions) {
                        left = Math.min(left, p.getXDirAdj());
                        right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
                        top = Math.min(top, p.getYDirAdj() - p.getHeightDir());
                        baseline = Math.max(baseline, p.getYDirAdj());
                    }
                    lines.add(new Line(getCurrentPageNo(), text.replace('\u00a0', ' '), left, right, top, baseline));
                }
            };
            stripper.getText(doc);
            return lines;
        }
    }

    static float mm(double millimetres) {
        return (float) (millimetres * 72 / 25.4);
    }

}
