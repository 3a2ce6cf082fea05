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
 * The list a municipality receives after a run: the deposits in the municipality that got a
 * renewal notice, in Danish, as a streaming workbook (København can have thousands of rows).
 */
public final class MunicipalityListWorkbook {

    static final String SHEET = "Fornyelsesbreve";
    static final List<String> HEADERS = List.of("Sagsnummer", "Herboende ægtefælle", "Udenlandsk ægtefælle",
            "Udløbsdato", "Overskredet", "Beløb (kr.)", "Kanal");
    private static final int[] WIDTHS = {22, 32, 32, 14, 13, 16, 12};

    /** One row of the list. */
    public record Line(String caseNumber, String referenceName, String spouseName, LocalDate expiryDate,
            boolean overdue, BigDecimal amount, Channel channel) {
    }

    private MunicipalityListWorkbook() {
    }

    public static byte[] write(Municipality municipality, LocalDate runDate, List<Line> lines) {
        return write(municipality, runDate, lines, "");
    }

    /** {@code part} (for example " - del 2 af 3") ends the title row of a list split over several messages. */
    public static byte[] write(Municipality municipality, LocalDate runDate, List<Line> lines, String part) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Sheet sheet = wb.createSheet(SHEET);
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd-mm-yyyy"));
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));

            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue("Fornyelse af økonomisk sikkerhed - " + municipality.name() + " Kommune ("
                    + municipality.kommunekode() + "), kørsel " + runDate + part);
            Row head = sheet.createRow(1);
            for (int c = 0; c < HEADERS.size(); c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(HEADERS.get(c));
                cell.setCellStyle(header);
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }
            int r = 2;
            for (Line line : lines) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(line.caseNumber());
                row.createCell(1).setCellValue(line.referenceName());
                row.createCell(2).setCellValue(line.spouseName());
                Cell expiry = row.createCell(3);
                expiry.setCellValue(line.expiryDate());
                expiry.setCellStyle(date);
                row.createCell(4).setCellValue(line.overdue() ? "Ja" : "Nej");
                Cell amount = row.createCell(5);
                amount.setCellValue(line.amount().doubleValue());
                amount.setCellStyle(money);
                row.createCell(6).setCellValue(line.channel() == Channel.DIGITAL ? "Digital Post" : "Papirpost");
            }
            sheet.createFreezePane(0, 2);
            sheet.setAutoFilter(new CellRangeAddress(1, Math.max(1, r - 1), 0, HEADERS.size() - 1));
            PrintLayout.landscapeTable(sheet, 2); // title and column headers on every page
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the list of municipality " + municipality.kommunekode(), e);
        }
    }
}
