package dk.udlaendinge.batch.notice.letter;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Where things go on an A4 letter, in PDF points from the bottom-left corner. The address
 * sits in the window of a C5/DL window envelope (DIN 5008 form B: window 20 mm from the
 * left, 45–90 mm from the top, 85 mm wide), the running text has a 25 mm left margin.
 */
final class PageGeometry {

    static final PDRectangle A4 = PDRectangle.A4;
    static final float WIDTH = A4.getWidth();
    static final float HEIGHT = A4.getHeight();

    static final float LEFT = mm(25);
    static final float RIGHT = WIDTH - mm(20);
    static final float TEXT_WIDTH = RIGHT - LEFT;

    /** The envelope window, for the sender line and the address. */
    static final float WINDOW_LEFT = mm(20);
    static final float WINDOW_RIGHT = mm(105);
    static final float WINDOW_TOP = fromTop(45);
    static final float WINDOW_BOTTOM = fromTop(90);

    /** Text inside the window keeps 5 mm off its edges: envelopes let the sheet slide. */
    static final float ADDRESS_LEFT = mm(25);
    static final float ADDRESS_WIDTH = mm(75);

    /** The info block (date, references) right of the window. */
    static final float INFO_LEFT = mm(125);
    static final float INFO_WIDTH = RIGHT - INFO_LEFT;

    static final float BODY_TOP_FIRST = fromTop(95);
    static final float BODY_TOP_NEXT = fromTop(25);
    static final float BODY_BOTTOM = mm(20);
    static final float HEADER_BASELINE = fromTop(15);
    static final float FOOTER_BASELINE = mm(12);

    private PageGeometry() {
    }

    static float mm(double millimetres) {
        return (float) (millimetres * 72 / 25.4);
    }

    /** A height given as millimetres from the top edge. */
    static float fromTop(double millimetres) {
        return HEIGHT - mm(millimetres);
    }

}
