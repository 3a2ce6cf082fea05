package dk.udlaendinge.batch.quota.internal;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The cell styles of one quota workbook, created once: a workbook holds at most 64,000 styles. */
final class WorkbookStyles {

    /** What a cell holds, which decides its number format. */
    enum Kind {
        CODE, TEXT, INTEGER, SHARE, FIGURE
    }

    final CellStyle header;
    final CellStyle title;
    final CellStyle text;
    final CellStyle wrap;
    final CellStyle totalText;
    final CellStyle code;
    final CellStyle integer;
    final CellStyle share;
    final CellStyle figure;
    final CellStyle totalInteger;
    final CellStyle totalShare;
    final CellStyle totalFigure;

    WorkbookStyles(Workbook wb) {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        header = wb.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.TOP);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        title = wb.createCellStyle();
        title.setFont(big);
        text = wb.createCellStyle();
        text.setVerticalAlignment(VerticalAlignment.TOP);
        wrap = wb.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        totalText = wb.createCellStyle();
        totalText.setFont(bold);
        short integerFormat = wb.createDataFormat().getFormat("#,##0");
        short shareFormat = wb.createDataFormat().getFormat("0.0000%");
        short figureFormat = wb.createDataFormat().getFormat("#,##0.0000");
        code = numeric(wb, wb.createDataFormat().getFormat("0"), null);
        integer = numeric(wb, integerFormat, null);
        share = numeric(wb, shareFormat, null);
        figure = numeric(wb, figureFormat, null);
        totalInteger = numeric(wb, integerFormat, bold);
        totalShare = numeric(wb, shareFormat, bold);
        totalFigure = numeric(wb, figureFormat, bold);
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
        if (font != null) {
            style.setFont(font);
            style.setBorderTop(BorderStyle.THIN);
        }
        return style;
    }
}
