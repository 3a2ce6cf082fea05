package dk.udlaendinge.batch.notice.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A list printed as a table (A4 landscape, the bundled font): how a municipality's list
 * goes on paper when it is too large for Digital Post and the municipality chose paper.
 * The header row repeats on every page, and every page says "side x af y", so a dropped
 * stack can be put back in order.
 */
public final class TablePrint {

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private static final float MARGIN = PageGeometry.mm(15);

    private static final float SIZE = 8f;

    private static final float LEADING = 11f;

    private TablePrint() {
    }

    /**
     * @param title the first line of page 1 (and, shorter, the head of later pages)
     * @param headers the column headings
     * @param widths relative column widths, one per heading
     * @param rows the cells, row by row; a cell too wide is cut with "…"
     */
    public static byte[] render(String title, List<String> headers, float[] widths, List<List<String>> rows) {
        try (PDDocument doc = new PDDocument()) {
            LetterFonts fonts = LetterFonts.current();
            Typeface regular = Typeface.embed(fonts.regular(), doc);
            Typeface bold = Typeface.embed(fonts.bold(), doc);
            float usable = PAGE.getWidth() - 2 * MARGIN;
            float total = 0;
            for (float w : widths) {
                total += w;
            }
            float[] x = new float[widths.length];
            float[] width = new float[widths.length];
            float at = MARGIN;
            for (int c = 0; c < widths.length; c++) {
                x[c] = at;
                width[c] = usable * widths[c] / total - 4;
                at += usable * widths[c] / total;
            }
            float top = PAGE.getHeight() - MARGIN;
            int perPage = (int) ((top - MARGIN - 3 * LEADING) / LEADING);
            int pages = Math.max(1, (rows.size() + perPage - 1) / perPage);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PAGE);
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    float y = top - SIZE;
                    bold.show(s, 10f, MARGIN, y, bold.fitted(bold.printable(title), 10f, usable - 80));
                    regular.show(s, SIZE, PAGE.getWidth() - MARGIN - 60, y, "side " + (p + 1) + " af " + pages);
                    y -= 2 * LEADING;
                    for (int c = 0; c < headers.size(); c++) {
                        bold.show(s, SIZE, x[c], y, bold.fitted(bold.printable(headers.get(c)), SIZE, width[c]));
                    }
                    for (List<String> row : rows.subList(p * perPage, Math.min(rows.size(), (p + 1) * perPage))) {
                        y -= LEADING;
                        for (int c = 0; c < row.size(); c++) {
                            regular.show(s, SIZE, x[c], y,
                                    regular.fitted(regular.printable(row.get(c)), SIZE, width[c]));
                        }
                    }
                }
            }
            PdfOutput.describe(doc, title, null);
            PdfOutput.identify(doc, "table:" + title + ":" + rows.size());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot render the printed list \"" + title + "\": " + e.getMessage(), e);
        }
    }

}
