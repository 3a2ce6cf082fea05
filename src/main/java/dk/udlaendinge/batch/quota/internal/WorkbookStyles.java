package dk.udlaendinge.batch.quota.internal;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles of one quota workbook, created once: a workbook holds at most 64,000
 * styles. Every style is top-aligned, so that the text and the numbers of a row that is
 * taller than one line (a wrapped label or explanation) start on the same line. The
 * smallest font is the default 11 pt; {@link #MIN_PRINT_SCALE} keeps it at 8 pt or more
 * on paper.
 */
final class WorkbookStyles {

    /**
     * Print scale (percent) below which the 11-point text would print smaller than 8 pt.
     */
    static final int MIN_PRINT_SCALE = 73;

    /** What a cell holds, which decides its number format. */
    enum Kind {

        CODE, TEXT, INTEGER, SHARE, FIGURE

    }

    final CellStyle header;

    /** The header of a column of numbers: on the right, above its values. */
    final CellStyle headerRight;

    final CellStyle title;

    final CellStyle text;

    final CellStyle wrap;

    final CellStyle totalText;

    final CellStyle code;

    final CellStyle integer;

    final CellStyle share;

    final CellStyle figure;

    /**
     * Numbers among texts (the method sheet's value column): on the left, where the texts
     * start.
     */
    final CellStyle codeLeft;

    final CellStyle integerLeft;

    final CellStyle totalInteger;

    final CellStyle totalShare;

    final CellStyle totalFigure;

    /**
     * The quota at the top of a municipality's own sheet: large, so it is the first thing
     * read.
     */
    final CellStyle bigLabel;

    final CellStyle bigNumber;

    /**
     * The same body styles on a highlighted row (a municipality's own row on its region's
     * sheet).
     */
    private final CellStyle[] highlighted = new CellStyle[Kind.values().length];

    WorkbookStyles(Workbook wb) {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        Font huge = wb.createFont();
        huge.setBold(true);
        huge.setFontHeightInPoints((short) 24);
        header = wb.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.TOP);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT); // Excel
                                                                                   // indents
                                                                                   // only
                                                                                   // aligned
                                                                                   // text
        header.setIndention((short) 1); // a text header keeps clear of the numbers to its
                                        // left
        headerRight = wb.createCellStyle();
        headerRight.cloneStyleFrom(header);
        headerRight.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
        headerRight.setIndention((short) 0);
        title = wb.createCellStyle();
        title.setFont(big);
        title.setVerticalAlignment(VerticalAlignment.TOP);
        text = wb.createCellStyle();
        text.setVerticalAlignment(VerticalAlignment.TOP);
        text.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
        text.setIndention((short) 1);
        wrap = wb.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        wrap.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
        wrap.setIndention((short) 1);
        totalText = wb.createCellStyle();
        totalText.setFont(bold);
        totalText.setVerticalAlignment(VerticalAlignment.TOP);
        short integerFormat = wb.createDataFormat().getFormat("#,##0");
        short shareFormat = wb.createDataFormat().getFormat("0.0000%");
        short figureFormat = wb.createDataFormat().getFormat("#,##0.0000");
        // codes and years are numbers without a thousands separator: "2015", not "2,015"
        short codeFormat = wb.createDataFormat().getFormat("0");
        code = numeric(wb, codeFormat, null);
        integer = numeric(wb, integerFormat, null);
        codeLeft = numeric(wb, codeFormat, null);
        codeLeft.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
        codeLeft.setIndention((short) 1);
        integerLeft = numeric(wb, integerFormat, null);
        integerLeft.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
        integerLeft.setIndention((short) 1);
        share = numeric(wb, shareFormat, null);
        figure = numeric(wb, figureFormat, null);
        totalInteger = numeric(wb, integerFormat, bold);
        totalShare = numeric(wb, shareFormat, bold);
        totalFigure = numeric(wb, figureFormat, bold);
        bigLabel = wb.createCellStyle();
        bigLabel.setFont(big);
        bigLabel.setVerticalAlignment(VerticalAlignment.CENTER);
        bigNumber = numeric(wb, integerFormat, null);
        bigNumber.setFont(huge);
        bigNumber.setVerticalAlignment(VerticalAlignment.CENTER);
        for (Kind kind : Kind.values()) {
            CellStyle h = wb.createCellStyle();
            h.cloneStyleFrom(body(kind));
            h.setFont(bold);
            h.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            h.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            h.setBorderTop(BorderStyle.THIN);
            h.setBorderBottom(BorderStyle.THIN);
            highlighted[kind.ordinal()] = h;
        }
    }

    /** A value in the body of a table. */
    CellStyle body(Kind kind) {
        return switch (kind) {
            case CODE -> code;
            case TEXT -> text;
            case INTEGER -> integer;
            case SHARE -> share;
            case FIGURE -> figure;
        };
    }

    /** A value on a highlighted row: bold on light yellow between two rules. */
    CellStyle highlighted(Kind kind) {
        return highlighted[kind.ordinal()];
    }

    /** A value in a table's total row: bold, with a rule above. */
    CellStyle total(Kind kind) {
        return switch (kind) {
            case CODE -> code;
            case TEXT -> totalText;
            case INTEGER -> totalInteger;
            case SHARE -> totalShare;
            case FIGURE -> totalFigure;
        };
    }

    private static CellStyle numeric(Workbook wb, short format, Font font) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(format);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        if (font != null) {
            style.setFont(font);
            style.setBorderTop(BorderStyle.THIN);
        }
        return style;
    }

}
