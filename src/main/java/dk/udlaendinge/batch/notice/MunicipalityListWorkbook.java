package dk.udlaendinge.batch.notice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.PrintLayout;
import dk.udlaendinge.batch.delivery.Channel;

/**
 * The list a municipality receives after a run: the deposits in the municipality that got
 * a renewal notice, in Danish, as a streaming workbook (København can have thousands of
 * rows). The first row says what the list is and that it holds personal data (the names),
 * every date is dd-mm-åååå, and each header sits on the side its values do (dates and
 * amounts right).
 */
public final class MunicipalityListWorkbook {

    static final String SHEET = "Fornyelsesbreve";
    static final List<String> HEADERS = List.of("Sagsnummer", "Herboende ægtefælle", "Udenlandsk ægtefælle",
            "Udløbsdato", "Overskredet", "Beløb (kr.)", "Kanal");

    private static final int[] WIDTHS = { 22, 32, 32, 14, 13, 16, 14 };

    /** Columns whose values are right-aligned (dates, amounts): their headers are too. */
    private static final java.util.Set<Integer> RIGHT = java.util.Set.of(3, 5);

    /** The one date format of the list, in the title as in the cells. */
    static final String DATE_FORMAT = "dd-mm-yyyy";

    private static final java.time.format.DateTimeFormatter TITLE_DATE = java.time.format.DateTimeFormatter
        .ofPattern("dd-MM-yyyy");

    /**
     * Said in the first row and in the printed page header: the names are personal data.
     */
    static final String PERSONAL_DATA = "Fortroligt: listen indeholder personoplysninger. "
            + "Brug den kun til sagsbehandlingen, og slet den efter brug.";

    /** One row of the list. */
    public record Line(String caseNumber, String referenceName, String spouseName, LocalDate expiryDate,
            boolean overdue, BigDecimal amount, Channel channel) {
    }

    private MunicipalityListWorkbook() {
    }

    public static byte[] write(Municipality municipality, LocalDate runDate, List<Line> lines) {
        return write(municipality, runDate, lines, "");
    }

    /**
     * {@code part} (for example " - del 2 af 3") ends the title row of a list split over
     * several messages.
     */
    public static byte[] write(Municipality municipality, LocalDate runDate, List<Line> lines, String part) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Sheet sheet = wb.createSheet(SHEET);
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            header.setBorderBottom(org.apache.poi.ss.usermodel.BorderStyle.THIN);
            header.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT); // Excel
                                                                                       // indents
                                                                                       // only
                                                                                       // aligned
                                                                                       // text
            header.setIndention((short) 1);
            CellStyle headerRight = wb.createCellStyle();
            headerRight.cloneStyleFrom(header);
            headerRight.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
            headerRight.setIndention((short) 0);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat(DATE_FORMAT));
            CellStyle text = wb.createCellStyle();
            text.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
            text.setIndention((short) 1); // clear of the date or amount to its left
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            CellStyle titleStyle = wb.createCellStyle();
            titleStyle.setFont(big);
            titleStyle.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            CellStyle notice = wb.createCellStyle();
            notice.setFont(bold);
            notice.setWrapText(true);
            notice.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);

            // row 0: what the list is, and beside it that it holds personal data; row 1:
            // the column headers
            Row title = sheet.createRow(0);
            title.setHeightInPoints(47);
            Cell titleCell = title.createCell(0);
            titleCell.setCellValue("Fornyelsesbreve sendt " + TITLE_DATE.format(runDate) + " – " + municipality.name()
                    + " Kommune (" + municipality.kommunekode() + ")" + part);
            titleCell.setCellStyle(titleStyle);
            Cell personal = title.createCell(4);
            personal.setCellValue(PERSONAL_DATA);
            personal.setCellStyle(notice);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 4, HEADERS.size() - 1));
            Row head = sheet.createRow(1);
            for (int c = 0; c < HEADERS.size(); c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(HEADERS.get(c));
                cell.setCellStyle(RIGHT.contains(c) ? headerRight : header);
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }
            int r = 2;
            for (Line line : lines) {
                Row row = sheet.createRow(r++);
                String[] texts = { line.caseNumber(), line.referenceName(), line.spouseName() };
                for (int c = 0; c < texts.length; c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellValue(texts[c]);
                    cell.setCellStyle(text); // indented like its header
                }
                Cell expiry = row.createCell(3);
                expiry.setCellValue(line.expiryDate());
                expiry.setCellStyle(date);
                Cell overdue = row.createCell(4);
                overdue.setCellValue(line.overdue() ? "Ja" : "Nej");
                overdue.setCellStyle(text);
                Cell amount = row.createCell(5);
                amount.setCellValue(line.amount().doubleValue());
                amount.setCellStyle(money);
                Cell channel = row.createCell(6);
                channel.setCellValue(line.channel() == Channel.DIGITAL ? "Digital Post" : "Papirpost");
                channel.setCellStyle(text);
            }
            sheet.createFreezePane(0, 2);
            sheet.setAutoFilter(new CellRangeAddress(1, Math.max(1, r - 1), 0, HEADERS.size() - 1));
            PrintLayout.landscapeTable(sheet, 2); // title and column headers on every
                                                  // page
            sheet.getHeader().setLeft("Fortroligt – personoplysninger");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the list of municipality " + municipality.kommunekode(), e);
        }
    }

}
