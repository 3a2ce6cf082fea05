package dk.udlaendinge.batch.common;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * How a sheet prints on A4: the quota workbooks and the municipality lists are printed by
 * municipal staff, so a wide table goes landscape and is scaled to one page wide (any
 * number of pages tall), its header rows repeat on every page, and each page says which
 * sheet and page it is. Without this a spreadsheet program cuts a wide table over many
 * portrait pages.
 */
public final class PrintLayout {

    /**
     * A4 portrait width inside the margins below, in Excel character units (about 1.85 mm
     * each).
     */
    public static final int PORTRAIT_WIDTH_CHARS = 96;

    /** A4 landscape width inside the margins below, in Excel character units. */
    public static final int LANDSCAPE_WIDTH_CHARS = 146;

    /** One line of 11-point text, in points. */
    private static final float LINE_POINTS = 14.5f;

    private PrintLayout() {
    }

    /**
     * Landscape, one page wide, {@code headerRows} (from the top) repeated on every page.
     */
    public static void landscapeTable(Sheet sheet, int headerRows) {
        apply(sheet, true, headerRows);
    }

    /**
     * Landscape at a fixed {@code scale} (percent), cut into parts side by side: a column
     * break after each column in {@code breaksAfter}, the first {@code repeatedColumns}
     * columns (what names the row) and the {@code headerRows} repeated on every page,
     * pages numbered across before down so that the parts of the same rows lie next to
     * each other. For tables too wide for one page at a readable size: fitting them to
     * one page wide printed the 17-column quota tables at about 5 pt.
     */
    public static void landscapeInParts(Sheet sheet, int headerRows, int repeatedColumns, int[] breaksAfter,
            int scale) {
        apply(sheet, true, headerRows);
        sheet.setFitToPage(false);
        PrintSetup setup = sheet.getPrintSetup();
        setup.setScale((short) scale);
        setup.setFitWidth((short) 0);
        setup.setFitHeight((short) 0);
        setup.setLeftToRight(true);
        if (repeatedColumns > 0) {
            sheet.setRepeatingColumns(new CellRangeAddress(-1, -1, 0, repeatedColumns - 1));
        }
        for (int column : breaksAfter) {
            sheet.setColumnBreak(column);
        }
    }

    /**
     * Portrait, one page wide: for text that reads down the page, such as the method
     * sheet.
     */
    public static void portraitText(Sheet sheet, int headerRows) {
        apply(sheet, false, headerRows);
    }

    /**
     * Gives every row with wrapped text the height its lines need. Excel and LibreOffice
     * do not fit a row to wrapped text when they open a file (the sentences of a long
     * note then run into the rows below), so the height is estimated here from the text
     * length and the column width, on the generous side: a spare line is better than a
     * cut one.
     */
    public static void fitWrappedRows(Sheet sheet) {
        for (Row row : sheet) {
            int lines = 1;
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getCellStyle().getWrapText()) {
                    int widthChars = sheet.getColumnWidth(cell.getColumnIndex()) / 256;
                    lines = Math.max(lines, lines(cell.getStringCellValue(), widthChars));
                }
            }
            if (lines > 1) {
                row.setHeightInPoints(lines * LINE_POINTS + 2);
            }
        }
    }

    /**
     * Lines a text wraps to in a column {@code widthChars} wide. A column unit is the
     * width of a digit; running text fits about 1.45 characters per unit in LibreOffice's
     * substitute for Calibri and more in Calibri itself, but a line of long words breaks
     * early (a 104-character explanation took two lines of an 86-unit column), so 1.15
     * less a couple is what is safe.
     */
    static int lines(String text, int widthChars) {
        int perLine = Math.max(1, (int) (widthChars * 1.15) - 2);
        int lines = 0;
        for (String paragraph : text.split("\n", -1)) {
            lines += Math.max(1, (paragraph.length() + perLine - 1) / perLine);
        }
        return lines;
    }

    private static void apply(Sheet sheet, boolean landscape, int headerRows) {
        PrintSetup setup = sheet.getPrintSetup();
        setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
        setup.setLandscape(landscape);
        // fit to 1 page wide and 0 (= as many as needed) tall
        sheet.setFitToPage(true);
        setup.setFitWidth((short) 1);
        setup.setFitHeight((short) 0);
        sheet.setAutobreaks(true);
        if (headerRows > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, headerRows - 1, -1, -1));
        }
        // inches, as POI takes them: about 1.5 cm at the sides, room for the footer below
        sheet.setMargin(PageMargin.LEFT, 0.6);
        sheet.setMargin(PageMargin.RIGHT, 0.6);
        sheet.setMargin(PageMargin.TOP, 0.7);
        sheet.setMargin(PageMargin.BOTTOM, 0.8);
        sheet.setMargin(PageMargin.HEADER, 0.3);
        sheet.setMargin(PageMargin.FOOTER, 0.35);
        sheet.getFooter().setCenter("&A – side &P af &N");
    }

}
