package dk.udlaendinge.batch.notice.letter;

import java.util.ArrayList;
import java.util.List;

/**
 * Flows paragraphs down a column and onto further pages: the simple line wrapping a
 * letter needs. Lines are only positioned here; they are drawn once the page count is
 * known, so every page can say "side 1 af 2".
 */
final class TextFlow {

    /** One line of printable text, its baseline in PDF points from the page bottom. */
    record Line(int page, float x, float baseline, Typeface face, float size, String text) {
    }

    private final float left;

    private final float width;

    private final float nextPageTop;

    private final float bottom;

    private final List<Line> lines = new ArrayList<>();

    private int page;

    private float cursor;

    /**
     * @param firstPageTop where text starts on page 1 (below the address and info blocks)
     * @param nextPageTop where text starts on later pages
     * @param bottom no baseline below this
     */
    TextFlow(float left, float width, float firstPageTop, float nextPageTop, float bottom) {
        this.left = left;
        this.width = width;
        this.nextPageTop = nextPageTop;
        this.bottom = bottom;
        this.cursor = firstPageTop;
    }

    /**
     * Adds a paragraph. {@code keepLines} lines of it (with what follows) must fit on the
     * current page, or it starts on the next: a heading is not left alone at a page foot.
     */
    void paragraph(Typeface face, String text, float size, float leading, float spaceBefore, float spaceAfter,
            int keepLines) {
        if (lines.isEmpty() || lastPageHasText()) {
            cursor -= spaceBefore;
        }
        if (cursor - keepLines * leading < bottom) {
            newPage();
        }
        for (String line : face.wrap(face.printable(text), size, width)) {
            if (cursor - leading < bottom) {
                newPage();
            }
            lines.add(new Line(page, left, cursor - size, face, size, line));
            cursor -= leading;
        }
        cursor -= spaceAfter;
    }

    List<Line> lines() {
        return lines;
    }

    int pageCount() {
        return page + 1;
    }

    private boolean lastPageHasText() {
        return !lines.isEmpty() && lines.get(lines.size() - 1).page() == page;
    }

    private void newPage() {
        page++;
        cursor = nextPageTop;
    }

}
