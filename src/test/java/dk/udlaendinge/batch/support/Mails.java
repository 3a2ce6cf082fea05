package dk.udlaendinge.batch.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reading what tests received: attachments of a MIME message, the text of a PDF. */
public final class Mails {

    private Mails() {
    }

    public record Attached(String fileName, String contentType, byte[] content) {
    }

    public static List<Attached> attachments(MimeMessage message) throws MessagingException, IOException {
        List<Attached> result = new ArrayList<>();
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (InputStream in = part.getInputStream()) {
                    result.add(new Attached(part.getFileName(), part.getContentType(), in.readAllBytes()));
                }
            }
        }
        return result;
    }

    public static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace('\u00A0', ' ').replace('\u202F', ' ');
        }
    }

    public static int pdfPages(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    public static MimeMessage parse(byte[] eml) throws MessagingException {
        return new MimeMessage(null, new ByteArrayInputStream(eml));
    }

}
