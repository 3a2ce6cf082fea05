package dk.udlaendinge.batch.notice.letter;

import static dk.udlaendinge.batch.notice.letter.PageGeometry.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * Makes synthetic "case documents" of a chosen size for demos and tests: one A4 page with
 * a title over an image of pseudo-random pixels, stored without compression, so the file
 * is about as large as asked and stays that large inside a mail or a merged print batch
 * (a ~8 MB document pushes a notice over the 10 MB Digital Post limit once
 * base64-encoded). The same title and size give the same bytes.
 */
public final class CaseDocumentFactory {

    /**
     * What the page, the title text and the PDF structure take besides the pixels,
     * roughly.
     */
    private static final long OVERHEAD = 12 * 1024;

    private static final int IMAGE_WIDTH = 1024;

    private static final int ROW_BYTES = IMAGE_WIDTH * 3;

    private CaseDocumentFactory() {
    }

    /** Writes the document (owner-only, atomically) and returns {@code target}. */
    public static Path write(Path target, long approximateBytes, String title) {
        if (approximateBytes <= 0) {
            throw new IllegalArgumentException("approximateBytes must be positive, was " + approximateBytes);
        }
        int rows = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (approximateBytes - OVERHEAD) / ROW_BYTES));
        try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDPage page = new PDPage(A4);
            doc.addPage(page);
            PDImageXObject noise = noise(doc, rows, new SplittableRandom(title.hashCode() * 31L + approximateBytes));
            Typeface bold = Typeface.embed(LetterFonts.current().bold(), doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(bold.font(), 14);
                s.newLineAtOffset(LEFT, fromTop(25));
                s.showText(bold.printable(title));
                s.endText();
                float width = TEXT_WIDTH;
                float height = Math.min(fromTop(35) - BODY_BOTTOM, width * rows / IMAGE_WIDTH);
                s.drawImage(noise, LEFT, fromTop(35) - height, width, height);
            }
            PdfOutput.identify(doc, "case-document:" + title + ":" + approximateBytes);
            OwnerOnlyFiles.write(target, doc::save);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write case document " + target, e);
        }
    }

    /**
     * An RGB image whose raw, unfiltered samples are random: nothing for a compressor to
     * find.
     */
    private static PDImageXObject noise(PDDocument doc, int rows, SplittableRandom random) throws IOException {
        PDStream stream = new PDStream(doc);
        byte[] row = new byte[ROW_BYTES];
        try (OutputStream out = stream.createOutputStream()) {
            for (int r = 0; r < rows; r++) {
                random.nextBytes(row);
                out.write(row);
            }
        }
        PDImageXObject image = new PDImageXObject(stream, null);
        image.setWidth(IMAGE_WIDTH);
        image.setHeight(rows);
        image.setBitsPerComponent(8);
        image.setColorSpace(PDDeviceRGB.INSTANCE);
        return image;
    }

}
