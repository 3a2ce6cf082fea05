package dk.udlaendinge.batch.notice.letter;

import static dk.udlaendinge.batch.notice.letter.PageGeometry.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;

/**
 * Renders a {@link RenewalLetter} as an A4 PDF in Danish, ready both for Digital Post and
 * for a window envelope.
 *
 * <p>
 * Thread-safe: one instance may serve all threads of the send step. Each thread parses
 * the bundled font once and embeds a subset per letter ({@link LetterFonts}).
 *
 * <p>
 * {@code replyBy} is printed as the letter gives it; the renderer computes no dates.
 */
public final class RenewalLetterRenderer {

    /**
     * The return address above the recipient in the window: where undeliverable post goes
     * back to.
     */
    public static final String DEFAULT_SENDER_LINE = RenewalLetterText.AGENCY + ", " + RenewalLetterText.POSTAL_ADDRESS;

    private static final float TITLE_SIZE = 13f;

    private static final float SMALL_SIZE = 8f;

    private static final float ADDRESS_LEADING_FACTOR = 1.3f;

    /**
     * How the running text is set, tightest last. A letter that would spill a few lines
     * onto a second page is set a little tighter so it fits one sheet (an overdue
     * letter's enclosure list used to stand alone on page 2); a letter too long even then
     * keeps the first setting.
     */
    private record Setting(float size, float leading, float gap) {
    }

    private static final List<Setting> SETTINGS = List.of(new Setting(10f, 12.5f, 6f), new Setting(10f, 12f, 4f),
            new Setting(9.5f, 11.5f, 4f), new Setting(9f, 11f, 3f));

    private final String senderLine;

    public RenewalLetterRenderer() {
        this(DEFAULT_SENDER_LINE);
    }

    /**
     * @param senderLine the return address printed small above the recipient, e.g. name,
     * street and town
     */
    public RenewalLetterRenderer(String senderLine) {
        if (senderLine == null || senderLine.isBlank()) {
            throw new IllegalArgumentException("senderLine must not be blank");
        }
        this.senderLine = senderLine.strip();
    }

    /** The letter without case documents: its list of enclosures names the form only. */
    public byte[] render(RenewalLetter letter) {
        return render(letter, 0);
    }

    /**
     * The letter as PDF bytes; the same letter always gives the same bytes. The PDF is
     * tagged ({@link TaggedPdf}): a screen reader reads the address, the references, the
     * headings and the paragraphs in order, and skips the running footer.
     * @param caseDocuments how many case documents are enclosed with it (listed as one
     * enclosure when there are any, left out of the list when there are none)
     */
    public byte[] render(RenewalLetter letter, int caseDocuments) {
        if (caseDocuments < 0) {
            throw new IllegalArgumentException("caseDocuments must not be negative, was " + caseDocuments);
        }
        try (PDDocument doc = new PDDocument()) {
            LetterFonts fonts = LetterFonts.current();
            Typeface regular = Typeface.embed(fonts.regular(), doc);
            Typeface bold = Typeface.embed(fonts.bold(), doc);

            List<Block> blocks = RenewalLetterText.body(letter, caseDocuments);
            TextFlow flow = null;
            int[] ends = new int[blocks.size()];
            for (Setting setting : SETTINGS) {
                TextFlow candidate = layout(blocks, setting, regular, bold, ends);
                if (flow == null) {
                    flow = candidate;
                }
                if (candidate.pageCount() == 1) {
                    flow = candidate;
                    break;
                }
            }
            if (flow.pageCount() > 1) {
                flow = layout(blocks, SETTINGS.get(0), regular, bold, ends);
            }

            int pages = flow.pageCount();
            List<PDPage> pageList = new ArrayList<>(pages);
            List<PDPageContentStream> streams = new ArrayList<>(pages);
            TaggedPdf tags = new TaggedPdf(doc);
            try {
                for (int i = 0; i < pages; i++) {
                    PDPage page = new PDPage(A4);
                    doc.addPage(page);
                    pageList.add(page);
                    streams.add(new PDPageContentStream(doc, page));
                }
                drawWindow(streams.get(0), pageList.get(0), tags, letter, regular);
                drawInfoBlock(streams.get(0), pageList.get(0), tags, letter, regular, bold);
                List<TextFlow.Line> lines = flow.lines();
                int from = 0;
                for (int b = 0; b < blocks.size(); b++) {
                    int to = ends[b];
                    if (to > from) {
                        drawBlock(blocks.get(b), lines.subList(from, to), pageList, streams, tags);
                    }
                    from = to;
                }
                for (int i = 0; i < pages; i++) {
                    drawHeaderAndFooter(streams.get(i), letter, regular, i + 1, pages);
                }
            }
            finally {
                for (PDPageContentStream s : streams) {
                    s.close();
                }
            }

            String title = RenewalLetterText.subject(letter);
            tags.finish(title);
            PdfOutput.describe(doc, title, letter.runDate());
            PdfOutput.identify(doc, "renewal-notice:" + letter.noticeId() + ":" + letter.runDate());
            return PdfOutput.save(doc);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot render renewal letter for notice " + letter.noticeId(), e);
        }
    }

    /**
     * Flows the blocks in one setting; {@code ends[i]} is where block i's lines end in
     * the flow.
     */
    private static TextFlow layout(List<Block> blocks, Setting t, Typeface regular, Typeface bold, int[] ends) {
        TextFlow flow = new TextFlow(LEFT, TEXT_WIDTH, BODY_TOP_FIRST, BODY_TOP_NEXT, BODY_BOTTOM);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            switch (block.style()) {
                case TITLE -> flow.paragraph(bold, block.text(), TITLE_SIZE, 18f, 0, t.gap(), 3);
                case HEADING -> flow.paragraph(bold, block.text(), t.size(), t.leading(), 4f, 0, 3);
                case BODY -> flow.paragraph(regular, block.text(), t.size(), t.leading(), 0, t.gap(), 2);
                case EMPHASIS -> flow.paragraph(bold, block.text(), t.size(), t.leading(), 0, t.gap(), 2);
                case LINE -> flow.paragraph(regular, block.text(), t.size(), t.leading(), 0, 0, 1);
                case AMOUNT -> flow.paragraph(bold, block.text(), t.size() + 3, t.leading() + 4, 0, t.gap(), 1);
            }
            ends[i] = flow.lines().size();
        }
        return flow;
    }

    /**
     * One block's lines, as one structure element: H1 for the title, H2 for a heading, P
     * otherwise.
     */
    private static void drawBlock(Block block, List<TextFlow.Line> lines, List<PDPage> pages,
            List<PDPageContentStream> streams, TaggedPdf tags) throws IOException {
        String type = switch (block.style()) {
            case TITLE -> StandardStructureTypes.H1;
            case HEADING -> StandardStructureTypes.H2;
            default -> StandardStructureTypes.P;
        };
        PDStructureElement element = tags.element(type, pages.get(lines.get(0).page()));
        int i = 0;
        while (i < lines.size()) {
            int page = lines.get(i).page();
            int j = i;
            while (j < lines.size() && lines.get(j).page() == page) {
                j++;
            }
            List<TextFlow.Line> onPage = lines.subList(i, j);
            PDPageContentStream s = streams.get(page);
            tags.content(s, pages.get(page), element, () -> {
                for (TextFlow.Line line : onPage) {
                    line.face().show(s, line.size(), line.x(), line.baseline(), line.text());
                }
            });
            i = j;
        }
    }

    /** Sender line and recipient, inside the envelope window. */
    private void drawWindow(PDPageContentStream s, PDPage page, TaggedPdf tags, RenewalLetter l, Typeface regular)
            throws IOException {
        String printable = regular.printable(senderLine);
        float shrunk = 7f;
        while (shrunk > 6f && regular.width(printable, shrunk) > ADDRESS_WIDTH) {
            shrunk -= 0.25f; // a full return address shrinks a little before it is cut
        }
        float senderSize = shrunk;
        String sender = regular.fitted(printable, senderSize, ADDRESS_WIDTH);
        float senderBaseline = WINDOW_TOP - mm(6);
        tags.content(s, page, tags.element(StandardStructureTypes.P, page),
                () -> regular.show(s, senderSize, ADDRESS_LEFT, senderBaseline, sender));
        TaggedPdf.artifact(s, () -> {
            s.setLineWidth(0.4f);
            s.moveTo(ADDRESS_LEFT, senderBaseline - 2.5f);
            s.lineTo(ADDRESS_LEFT + Math.min(ADDRESS_WIDTH, regular.width(sender, senderSize)), senderBaseline - 2.5f);
            s.stroke();
        });

        List<String> address = List.of(l.referenceName(), l.addressLine(), l.postalCode() + " " + l.city());
        float top = senderBaseline - mm(5);
        float room = top - (WINDOW_BOTTOM + mm(4));
        // A long name or street wraps; the size shrinks until every line fits in the
        // window.
        for (float size = 10f;; size -= 0.5f) {
            float leading = size * ADDRESS_LEADING_FACTOR;
            List<String> lines = new ArrayList<>();
            for (String part : address) {
                lines.addAll(regular.wrap(regular.printable(part), size, ADDRESS_WIDTH));
            }
            if (lines.size() * leading <= room || size <= 6f) {
                float fontSize = size;
                tags.content(s, page, tags.element(StandardStructureTypes.P, page), () -> {
                    float baseline = top - fontSize;
                    for (String line : lines) {
                        regular.show(s, fontSize, ADDRESS_LEFT, baseline, line);
                        baseline -= leading;
                    }
                });
                return;
            }
        }
    }

    private void drawInfoBlock(PDPageContentStream s, PDPage page, TaggedPdf tags, RenewalLetter l, Typeface regular,
            Typeface bold) throws IOException {
        float size = 9f;
        tags.content(s, page, tags.element(StandardStructureTypes.P, page), () -> {
            float baseline = WINDOW_TOP - mm(6);
            bold.show(s, size, INFO_LEFT, baseline, bold.printable(RenewalLetterText.AGENCY));
            for (String entry : RenewalLetterText.infoBlock(l)) {
                for (String line : regular.wrap(regular.printable(entry), size, INFO_WIDTH)) {
                    baseline -= size * 1.35f;
                    regular.show(s, size, INFO_LEFT, baseline, line);
                }
            }
        });
    }

    /**
     * Running header and footer: artifacts, which a screen reader skips (the same words
     * are in the text).
     */
    private void drawHeaderAndFooter(PDPageContentStream s, RenewalLetter l, Typeface regular, int page, int pages)
            throws IOException {
        TaggedPdf.artifact(s, () -> {
            if (page > 1) {
                String header = regular.printable(RenewalLetterText.subject(l) + " – sagsnr. " + l.caseNumber());
                regular.show(s, SMALL_SIZE, LEFT, HEADER_BASELINE, regular.fitted(header, SMALL_SIZE, TEXT_WIDTH));
            }
            regular.show(s, SMALL_SIZE, LEFT, FOOTER_BASELINE, regular.printable(RenewalLetterText.AGENCY
                    + " · Telefon " + RenewalLetterText.PHONE + " · CVR " + RenewalLetterText.CVR));
            String pageNo = "Side " + page + " af " + pages;
            regular.show(s, SMALL_SIZE, RIGHT - regular.width(pageNo, SMALL_SIZE), FOOTER_BASELINE, pageNo);
        });
    }

    /**
     * Cuts a single line that must stay one line to {@code maxWidth}, marking the cut
     * with an ellipsis.
     */

}
