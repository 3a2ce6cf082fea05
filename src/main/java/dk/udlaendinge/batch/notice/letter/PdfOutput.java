package dk.udlaendinge.batch.notice.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.GregorianCalendar;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Finishing touches shared by the generated documents: metadata without personal data,
 * and a document ID derived from a business key instead of the clock, so rendering the
 * same letter twice gives the same bytes (a resent message is byte-identical).
 */
final class PdfOutput {

    static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

    /** The documents' language (BCP 47), for screen readers and the XMP metadata. */
    static final String LANGUAGE = "da";

    private PdfOutput() {
    }

    /**
     * Title and author only: names, addresses and case numbers stay out of the metadata
     * (docs/REGISTRY.md, "Personal data").
     */
    static void describe(PDDocument doc, String title, LocalDate created) {
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(title);
        info.setAuthor(RenewalLetterText.AGENCY);
        info.setCreator("udlaendinge-batch");
        if (created != null) {
            info.setCreationDate(GregorianCalendar.from(created.atStartOfDay(DANISH_TIME)));
        }
        doc.setDocumentInformation(info);
        doc.getDocumentCatalog().setLanguage(LANGUAGE);
    }

    static void identify(PDDocument doc, String businessKey) {
        byte[] id;
        try {
            id = MessageDigest.getInstance("MD5").digest(businessKey.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        doc.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        doc.save(out);
        return out.toByteArray();
    }

}
