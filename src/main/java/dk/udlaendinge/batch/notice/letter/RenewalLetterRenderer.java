package dk.udlaendinge.batch.notice.letter;

import static dk.udlaendinge.batch.notice.letter.PageGeometry.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Renders a {@link RenewalLetter} as an A4 PDF in Danish, ready both for Digital Post and
 * for a window envelope.
 *
 * <p>Thread-safe: one instance may serve all threads of the send step. Each thread parses
 * the bundled font once and embeds a subset per letter ({@link LetterFonts}).
 *
 * <p>{@code replyBy} is printed as the letter gives it; the renderer computes no dates.
 */
public final class RenewalLetterRenderer {

    /** The return address above the recipient in the window; the agency's name alone by default. */
    public static final String DEFAULT_SENDER_LINE = RenewalLetterText.AGENCY;

    private static final float BODY_SIZE = 10f;
    private static final float BODY_LEADING = 12.5f;
    private static final float PARAGRAPH_GAP = 6f;
    private static final float TITLE_SIZE = 13f;
    private static final float SMALL_SIZE = 8f;
    private static final float ADDRESS_LEADING_FACTOR = 1.3f;

    private final String senderLine;

    public RenewalLetterRenderer() {
        this(DEFAULT_SENDER_LINE);
    }

    /** @param senderLine the return address printed small above the recipient, e.g. name, street and town */
    public RenewalLetterRenderer(String senderLine) {
        if (senderLine == null || senderLine.isBlank()) {
            throw new IllegalArgumentException("senderLine must not be blank");
        }
        this.senderLine = senderLine.strip();
    }

    /** The letter as PDF bytes; the same letter always gives the same bytes. */
    public byte[] render(RenewalLetter letter) {
        try (PDDocument doc = new PDDocument()) {
            LetterFonts fonts = LetterFonts.current();
            Typeface regular = Typeface.embed(fonts.regular(), doc);
            Typeface bold = Typeface.embed(fonts.bold(), doc);

            TextFlow flow = new TextFlow(LEFT, TEXT_WIDTH, BODY_TOP_FIRST, BODY_TOP_NEXT, BODY_BOTTOM);
            for (Block block : RenewalLetterText.body(letter)) {
                switch (block.style()) {
                    case TITLE -> flow.paragraph(bold, block.text(), TITLE_SIZE, 18f, 0, PARAGRAPH_GAP, 3);
                    case HEADING -> flow.paragraph(bold, block.text(), BODY_SIZE, BODY_LEADING, 4f, 0, 3);
                    case BODY -> flow.paragraph(regular, block.text(), BODY_SIZE, BODY_LEADING, 0, PARAGRAPH_GAP, 2);
                    case EMPHASIS -> flow.paragraph(bold, block.text(), BODY_SIZE, BODY_LEADING, 0, PARAGRAPH_GAP, 2);
                    case LINE -> flow.paragraph(regular, block.text(), BODY_SIZE, BODY_LEADING, 0, 0, 1);
                }
            }

            int pages = flow.pageCount();
            List<PDPageContentStream> streams = new ArrayList<>(pages);
            try {
                for (int i = 0; i < pages; i++) {
                    PDPage page = new PDPage(A4);
                    doc.addPage(page);
                    streams.add(new PDPageContentStream(doc, page));
                }
                drawWindow(streams.get(0), letter, regular);
                drawInfoBlock(streams.get(0), letter, regular, bold);
                for (TextFlow.Line line : flow.lines()) {
                    line.face().show(streams.get(line.page()), line.size(), line.x(), line.baseline(), line.text());
                }
                for (int i = 0; i < pages; i++) {
                    drawHeaderAndFooter(streams.get(i), letter, regular, i + 1, pages);
                }
            } finally {
                for (PDPageContentStream s : streams) {
                    s.close();
                }
            }

            PdfOutput.describe(doc, RenewalLetterText.SUBJECT, letter.runDate());
            PdfOutput.identify(doc, "renewal-notice:" + letter.noticeId() + ":" + letter.runDate());
            return PdfOutput.save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render renewal letter for notice " + letter.noticeId(), e);
        }
    }

    /** Sender line and recipient, inside the envelope window. */
    private void drawWindow(PDPageContentStream s, RenewalLetter l, Typeface regular) throws IOException {
        float senderSize = 7f;
        String sender = regular.fitted(regular.printable(senderLine), senderSize, ADDRESS_WIDTH);
        float senderBaseline = WINDOW_TOP - mm(6);
        regular.show(s, senderSize, ADDRESS_LEFT, senderBaseline, sender);
        s.setLineWidth(0.4f);
        s.moveTo(ADDRESS_LEFT, senderBaseline - 2.5f);
        s.lineTo(ADDRESS_LEFT + Math.min(ADDRESS_WIDTH, regular.width(sender, senderSize)), senderBaseline - 2.5f);
        s.stroke();

        List<String> address = List.of(l.referenceName(), l.addressLine(), l.postalCode() + " " + l.city());
        float top = senderBaseline - mm(5);
        float room = top - (WINDOW_BOTTOM + mm(4));
        // A long name or street wraps; the size shrinks until every line fits in the window.
        for (float size = 10f; ; size -= 0.5f) {
            float leading = size * ADDRESS_LEADING_FACTOR;
            List<String> lines = new ArrayList<>();
            for (String part : address) {
                lines.addAll(regular.wrap(regular.printable(part), size, ADDRESS_WIDTH));
            }
            if (lines.size() * leading <= room || size <= 6f) {
                float baseline = top - size;
                for (String line : lines) {
                    regular.show(s, size, ADDRESS_LEFT, baseline, line);
                    baseline -= leading;
                }
                return;
            }
        }
    }

    private void drawInfoBlock(PDPageContentStream s, RenewalLetter l, Typeface regular, Typeface bold)
            throws IOException {
        float size = 9f;
        float baseline = WINDOW_TOP - mm(6);
        bold.show(s, size, INFO_LEFT, baseline, bold.printable(RenewalLetterText.AGENCY));
        for (String entry : RenewalLetterText.infoBlock(l)) {
            for (String line : regular.wrap(regular.printable(entry), size, INFO_WIDTH)) {
                baseline -= size * 1.35f;
                regular.show(s, size, INFO_LEFT, baseline, line);
            }
        }
    }

    private void drawHeaderAndFooter(PDPageContentStream s, RenewalLetter l, Typeface regular, int page, int pages)
            throws IOException {
        if (page > 1) {
            String header = regular.printable(RenewalLetterText.SUBJECT + " – sagsnr. " + l.caseNumber());
            regular.show(s, SMALL_SIZE, LEFT, HEADER_BASELINE, regular.fitted(header, SMALL_SIZE, TEXT_WIDTH));
        }
        regular.show(s, SMALL_SIZE, LEFT, FOOTER_BASELINE, regular.printable(RenewalLetterText.AGENCY
                + " · Telefon " + RenewalLetterText.PHONE + " · CVR " + RenewalLetterText.CVR));
        String pageNo = "Side " + page + " af " + pages;
        regular.show(s, SMALL_SIZE, RIGHT - regular.width(pageNo, SMALL_SIZE), FOOTER_BASELINE, pageNo);
    }

    /** Cuts a single line that must stay one line to {@code maxWidth}, marking the cut with an ellipsis. */

}
