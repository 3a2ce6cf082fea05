package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** Small questions asked of finished PDFs. */
public final class Pdfs {

    private Pdfs() {
    }

    public static int pageCount(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
        catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF (" + pdf.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** Reads only the page tree: a large file is not loaded into memory. */
    public static int pageCount(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
        catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF: " + pdf + ": " + e.getMessage(), e);
        }
    }

}
