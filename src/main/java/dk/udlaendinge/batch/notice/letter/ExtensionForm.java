package dk.udlaendinge.batch.notice.letter;

import static dk.udlaendinge.batch.notice.letter.PageGeometry.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;

/**
 * The application form that travels with every renewal notice: one A4 page to fill in by
 * hand, "Ansøgning om forlængelse af økonomisk sikkerhed", or for an overdue notice
 * "Ansøgning om ny økonomisk sikkerhed". A notice's form comes pre-filled with its case
 * number and letter number and the right box ticked
 * ({@link #pdf(String, long, boolean)}), so a returned form finds its case; the blank
 * form ({@link #pdf()}) is generated once per JVM. Tagged like the letter
 * ({@link TaggedPdf}).
 */
public final class ExtensionForm {

    private static final float LABEL_SIZE = 9.5f;

    private static final float ROW = 30f;

    private static final float VALUE_SIZE = 11f;

    private ExtensionForm() {
    }

    /**
     * The blank form as PDF bytes; a fresh copy of the cached document, so callers may
     * keep or change it.
     */
    public static byte[] pdf() {
        return Cached.PDF.clone();
    }

    /**
     * The form for one letter: its title, case number, letter number and the box for
     * extension or new security.
     */
    public static byte[] pdf(RenewalLetter letter) {
        return pdf(letter.caseNumber(), letter.noticeId(), letter.overdue());
    }

    /**
     * The form for one notice, pre-filled. Only the case number and the letter number are
     * printed: the citizen writes the personal details, so no name or CPR number is put
     * on a page that may be lost in the post.
     */
    public static byte[] pdf(String caseNumber, long noticeId, boolean overdue) {
        if (caseNumber == null || caseNumber.isBlank()) {
            throw new IllegalArgumentException("caseNumber missing for the form of notice " + noticeId);
        }
        return build(new Filled(caseNumber.strip(), Long.toString(noticeId), overdue), "extension-form:" + noticeId);
    }

    /** What a notice's form is filled with; {@code null} for the blank form. */
    private record Filled(String caseNumber, String letterNumber, boolean overdue) {
    }

    /** Built on first use, by whichever thread asks first. */
    private static final class Cached {

        static final byte[] PDF = build(null, "extension-form:1");

    }

    private static byte[] build(Filled filled, String businessKey) {
        try (PDDocument doc = new PDDocument()) {
            LetterFonts fonts = LetterFonts.current();
            Typeface regular = Typeface.embed(fonts.regular(), doc);
            Typeface bold = Typeface.embed(fonts.bold(), doc);
            PDPage page = new PDPage(A4);
            doc.addPage(page);
            TaggedPdf tags = new TaggedPdf(doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                new Sheet(s, page, tags, regular, bold, filled).draw();
            }
            String title = RenewalLetterText.formTitle(filled != null && filled.overdue());
            tags.finish(title);
            PdfOutput.describe(doc, title, null);
            PdfOutput.identify(doc, businessKey);
            return PdfOutput.save(doc);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot build the extension application form", e);
        }
    }

    /** Draws the form top to bottom, keeping a cursor. */
    private static final class Sheet {

        private final PDPageContentStream s;

        private final PDPage page;

        private final TaggedPdf tags;

        private final Typeface regular;

        private final Typeface bold;

        private final Filled filled;

        private float y = fromTop(20);

        Sheet(PDPageContentStream s, PDPage page, TaggedPdf tags, Typeface regular, Typeface bold, Filled filled) {
            this.s = s;
            this.page = page;
            this.tags = tags;
            this.regular = regular;
            this.bold = bold;
            this.filled = filled;
        }

        void draw() throws IOException {
            boolean overdue = filled != null && filled.overdue();
            tagged(StandardStructureTypes.P, () -> text(bold, 9, LEFT, y, RenewalLetterText.AGENCY));
            y -= 28;
            tagged(StandardStructureTypes.H1, () -> text(bold, 15, LEFT, y, RenewalLetterText.formTitle(overdue)));
            y -= 8;
            paragraph("Brug blanketten, når du forlænger din økonomiske sikkerhed, eller når du stiller en ny"
                    + " sikkerhed, fordi den hidtidige er udløbet. Udfyld og underskriv blanketten, og send den"
                    + " sammen med dokumentation fra dit pengeinstitut med Digital Post til " + RenewalLetterText.AGENCY
                    + " (på " + RenewalLetterText.DIGITAL_POST_ROUTE + ") eller med almindelig post til "
                    + RenewalLetterText.AGENCY + ", " + RenewalLetterText.POSTAL_ADDRESS + "."
                    + (filled == null ? " Oplys altid sagsnummeret fra brevet."
                            : " Sagsnummer og brevnummer er udfyldt fra brevet."));

            section("1. Sagen");
            fields("Sagsnummer", filled == null ? null : filled.caseNumber(), "Brevnr.",
                    filled == null ? null : filled.letterNumber());

            section("2. Dig, der stiller sikkerheden (herboende ægtefælle)");
            field("Navn");
            fields("CPR-nummer", null, "Telefon", null);
            field("Adresse");

            section("3. Din ægtefælle");
            field("Navn");

            section("4. Sikkerheden");
            checkboxes(filled == null ? -1 : overdue ? 1 : 0, "Forlængelse af den hidtidige sikkerhed",
                    "Ny sikkerhed (den hidtidige er udløbet)");
            checkboxes(-1, "Anfordringsgaranti", "Pantsat indlånskonto");
            fields("Beløb (kr.)", null, overdue ? "Udløbsdato for den nye sikkerhed" : "Ny udløbsdato", null);
            field("Pengeinstitut eller garantistiller");
            field("Reg.- og kontonummer eller garantinummer");

            section("5. Underskrift");
            paragraph("Jeg bekræfter, at oplysningerne er rigtige, og at den vedlagte dokumentation angår"
                    + " sikkerheden i denne sag.");
            fields("Dato", null, "Underskrift", null);

            tagged(StandardStructureTypes.P, () -> {
                text(regular, 8, LEFT, FOOTER_BASELINE + 11, RenewalLetterText.AGENCY + " · Telefon "
                        + RenewalLetterText.PHONE + " · CVR " + RenewalLetterText.CVR);
                text(regular, 8, LEFT, FOOTER_BASELINE, "Telefontid: " + RenewalLetterText.HOURS);
            });
        }

        private void tagged(String type, TaggedPdf.Drawing drawing) throws IOException {
            tags.content(s, page, tags.element(type, page), drawing);
        }

        /** Leaves room for the label under the previous line before the heading. */
        private void section(String title) throws IOException {
            y -= 34;
            tagged(StandardStructureTypes.H2, () -> text(bold, 11, LEFT, y, title));
        }

        private void paragraph(String body) throws IOException {
            List<String> lines = regular.wrap(regular.printable(body), LABEL_SIZE, TEXT_WIDTH);
            float top = y;
            tagged(StandardStructureTypes.P, () -> {
                float baseline = top;
                for (String line : lines) {
                    baseline -= 13;
                    text(regular, LABEL_SIZE, LEFT, baseline, line);
                }
            });
            y -= 13 * lines.size();
        }

        /** One labelled blank line over the full width. */
        private void field(String label) throws IOException {
            y -= ROW;
            blank(label, null, LEFT, RIGHT);
        }

        /**
         * Two labelled blank lines side by side, each with its pre-filled value or none.
         */
        private void fields(String left, String leftValue, String right, String rightValue) throws IOException {
            y -= ROW;
            float middle = LEFT + TEXT_WIDTH / 2;
            blank(left, leftValue, LEFT, middle - mm(5));
            blank(right, rightValue, middle + mm(5), RIGHT);
        }

        /**
         * The label sits small under the line, so the whole line is free for handwriting;
         * a pre-filled value is written on the line. A reader hears the label, then the
         * value.
         */
        private void blank(String label, String value, float from, float to) throws IOException {
            TaggedPdf.artifact(s, () -> {
                s.setLineWidth(0.6f);
                s.moveTo(from, y);
                s.lineTo(to, y);
                s.stroke();
            });
            tagged(StandardStructureTypes.P, () -> {
                text(regular, 7.5f, from, y - 9, label);
                if (value != null) {
                    text(bold, VALUE_SIZE, from + 2, y + 3,
                            bold.fitted(bold.printable(value), VALUE_SIZE, to - from - 4));
                }
            });
        }

        /**
         * @param ticked which option is pre-ticked, or -1 for none
         */
        private void checkboxes(int ticked, String... options) throws IOException {
            y -= 24;
            float x = LEFT;
            float box = 9;
            for (int i = 0; i < options.length; i++) {
                float left = x;
                String option = options[i];
                boolean tick = i == ticked;
                TaggedPdf.artifact(s, () -> {
                    s.setLineWidth(0.6f);
                    s.addRect(left, y - 1, box, box);
                    s.stroke();
                });
                tagged(StandardStructureTypes.P, () -> {
                    if (tick) {
                        text(bold, 10, left + 1.2f, y + 0.2f, "X");
                    }
                    text(regular, LABEL_SIZE, left + box + 5, y, option);
                });
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
