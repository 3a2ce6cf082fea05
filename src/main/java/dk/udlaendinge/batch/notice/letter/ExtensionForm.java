package dk.udlaendinge.batch.notice.letter;

import static dk.udlaendinge.batch.notice.letter.PageGeometry.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * The extension application form ("Ansøgning om forlængelse af økonomisk sikkerhed") that
 * travels with every renewal notice: one A4 page of blank fields to fill in by hand. It is
 * the same for everyone, so it holds no personal data and is generated once per JVM.
 */
public final class ExtensionForm {

    private static final float LABEL_SIZE = 9.5f;
    private static final float ROW = 30f;

    private ExtensionForm() {
    }

    /** The form as PDF bytes; a fresh copy of the cached document, so callers may keep or change it. */
    public static byte[] pdf() {
        return Cached.PDF.clone();
    }

    /** Built on first use, by whichever thread asks first. */
    private static final class Cached {
        static final byte[] PDF = build();
    }

    private static byte[] build() {
        try (PDDocument doc = new PDDocument()) {
            LetterFonts fonts = LetterFonts.current();
            Typeface regular = Typeface.embed(fonts.regular(), doc);
            Typeface bold = Typeface.embed(fonts.bold(), doc);
            PDPage page = new PDPage(A4);
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                new Sheet(s, regular, bold).draw();
            }
            PdfOutput.describe(doc, RenewalLetterText.FORM_TITLE, null);
            PdfOutput.identify(doc, "extension-form:1");
            return PdfOutput.save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the extension application form", e);
        }
    }

    /** Draws the form top to bottom, keeping a cursor. */
    private static final class Sheet {

        private final PDPageContentStream s;
        private final Typeface regular;
        private final Typeface bold;
        private float y = fromTop(20);

        Sheet(PDPageContentStream s, Typeface regular, Typeface bold) {
            this.s = s;
            this.regular = regular;
            this.bold = bold;
        }

        void draw() throws IOException {
            text(bold, 9, LEFT, y, RenewalLetterText.AGENCY);
            y -= 28;
            text(bold, 15, LEFT, y, RenewalLetterText.FORM_TITLE);
            y -= 8;
            paragraph("Brug blanketten, når du forlænger din økonomiske sikkerhed, eller når du stiller en ny"
                    + " sikkerhed, fordi den hidtidige er udløbet. Udfyld og underskriv blanketten, og send den til "
                    + RenewalLetterText.AGENCY + " sammen med dokumentation fra dit pengeinstitut. Oplys altid"
                    + " sagsnummeret fra brevet.");

            section("1. Sagen");
            fields("Sagsnummer", "Brevnr.");

            section("2. Dig, der stiller sikkerheden (herboende ægtefælle)");
            field("Navn");
            fields("CPR-nummer", "Telefon");
            field("Adresse");

            section("3. Din ægtefælle");
            field("Navn");

            section("4. Sikkerheden");
            checkboxes("Forlængelse af den hidtidige sikkerhed", "Ny sikkerhed (den hidtidige er udløbet)");
            checkboxes("Anfordringsgaranti", "Pantsat indlånskonto");
            fields("Beløb (kr.)", "Ny udløbsdato");
            field("Pengeinstitut eller garantistiller");
            field("Reg.- og kontonummer eller garantinummer");

            section("5. Underskrift");
            paragraph("Jeg bekræfter, at oplysningerne er rigtige, og at den vedlagte dokumentation angår"
                    + " sikkerheden i denne sag.");
            fields("Dato", "Underskrift");

            text(regular, 8, LEFT, FOOTER_BASELINE + 11, RenewalLetterText.AGENCY + " · Telefon "
                    + RenewalLetterText.PHONE + " · CVR " + RenewalLetterText.CVR);
            text(regular, 8, LEFT, FOOTER_BASELINE, "Telefontid: " + RenewalLetterText.HOURS);
        }

        /** Leaves room for the label under the previous line before the heading. */
        private void section(String title) throws IOException {
            y -= 34;
            text(bold, 11, LEFT, y, title);
        }

        private void paragraph(String body) throws IOException {
            for (String line : regular.wrap(regular.printable(body), LABEL_SIZE, TEXT_WIDTH)) {
                y -= 13;
                text(regular, LABEL_SIZE, LEFT, y, line);
            }
        }

        /** One labelled blank line over the full width. */
        private void field(String label) throws IOException {
            y -= ROW;
            blank(label, LEFT, RIGHT);
        }

        /** Two labelled blank lines side by side. */
        private void fields(String left, String right) throws IOException {
            y -= ROW;
            float middle = LEFT + TEXT_WIDTH / 2;
            blank(left, LEFT, middle - mm(5));
            blank(right, middle + mm(5), RIGHT);
        }

        /** The label sits small under the line, so the whole line is free for handwriting. */
        private void blank(String label, float from, float to) throws IOException {
            s.setLineWidth(0.6f);
            s.moveTo(from, y);
            s.lineTo(to, y);
            s.stroke();
            text(regular, 7.5f, from, y - 9, label);
        }

        private void checkboxes(String... options) throws IOException {
            y -= 24;
            float x = LEFT;
            float box = 9;
            for (String option : List.of(options)) {
                s.setLineWidth(0.6f);
                s.addRect(x, y - 1, box, box);
                s.stroke();
                text(regular, LABEL_SIZE, x + box + 5, y, option);
                x += TEXT_WIDTH / 2;
            }
        }

        private void text(Typeface face, float size, float x, float baseline, String text) throws IOException {
            s.beginText();
            s.setFont(face.font(), size);
            s.newLineAtOffset(x, baseline);
            s.showText(face.printable(text));
            s.endText();
        }
    }
}
