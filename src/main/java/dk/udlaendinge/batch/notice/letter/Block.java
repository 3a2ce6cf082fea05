package dk.udlaendinge.batch.notice.letter;

/**
 * A paragraph of running text and how it is set; {@link TextFlow} wraps it onto pages.
 */
record Block(Style style, String text) {

    enum Style {

        /** The subject line. */
        TITLE,
        /** A short bold heading above a section. */
        HEADING, BODY,
        /** Body text set in bold: the sentence the reader must not miss. */
        EMPHASIS,
        /** A body line with no space after it (lists, closing). */
        LINE,
        /**
         * An amount on its own line, larger and bold, so it stands out from the text
         * explaining it.
         */
        AMOUNT

    }

    static Block title(String text) {
        return new Block(Style.TITLE, text);
    }

    static Block heading(String text) {
        return new Block(Style.HEADING, text);
    }

    static Block body(String text) {
        return new Block(Style.BODY, text);
    }

    static Block emphasis(String text) {
        return new Block(Style.EMPHASIS, text);
    }

    static Block line(String text) {
        return new Block(Style.LINE, text);
    }

    static Block amount(String text) {
        return new Block(Style.AMOUNT, text);
    }
}
