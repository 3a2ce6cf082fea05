package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.delivery.Channel;
import dk.udlaendinge.batch.common.Municipalities;

/**
 * A municipality's list prints on A4 landscape, one page wide however many pages tall,
 * with the title and column headers on every page. Written with enough rows for several
 * pages, saved to a file and read back.
 */
class MunicipalityListPrintTests {

    @TempDir
    Path dir;

    @Test
    void listPrintsLandscapeOnePageWideWithTitleAndHeadersOnEveryPage() throws Exception {
        List<MunicipalityListWorkbook.Line> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // synthetic names: no personal data in tests
            lines.add(new MunicipalityListWorkbook.Line("2014-" + i, "Reference " + i, "Ægtefælle " + i,
                    LocalDate.of(2015, 1, 1).plusDays(i), i % 7 == 0, new BigDecimal("51714.40"),
                    i % 3 == 0 ? Channel.PAPER : Channel.DIGITAL));
        }
        Path file = dir.resolve("101-list.xlsx");
        Files.write(file,
                MunicipalityListWorkbook.write(Municipalities.all().get(101), LocalDate.of(2014, 12, 1), lines));

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = wb.getSheet(MunicipalityListWorkbook.SHEET);
            assertThat(sheet.getLastRowNum()).isEqualTo(151);
            PrintSetup setup = sheet.getPrintSetup();
            assertThat(setup.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
            assertThat(setup.getLandscape()).as("landscape").isTrue();
            assertThat(sheet.getFitToPage()).as("fit to page").isTrue();
            assertThat(setup.getFitWidth()).as("pages wide").isEqualTo((short) 1);
            assertThat(setup.getFitHeight()).as("pages tall (0 = as many as needed)").isEqualTo((short) 0);
            CellRangeAddress repeating = sheet.getRepeatingRows();
            assertThat(repeating).as("repeating rows").isNotNull();
            assertThat(repeating.getFirstRow()).isZero();
            assertThat(repeating.getLastRow()).as("title and header row repeated").isEqualTo(1);
        }
    }

    /**
     * Issue 21: the list has a clear title, one date format (dd-mm-åååå in the title as
     * in the cells), headers on the side of their values, and says in its first row and
     * in the page header that it holds personal data; nothing prints below 8 pt.
     */
    @Test
    void listHasATitleOneDateFormatAlignedHeadersAndAPersonalDataLine() throws Exception {
        List<MunicipalityListWorkbook.Line> lines = List.of(
                new MunicipalityListWorkbook.Line("2014-1", "Reference 1", "Ægtefælle 1", LocalDate.of(2015, 1, 9),
                        false, new BigDecimal("51714.40"), Channel.DIGITAL),
                new MunicipalityListWorkbook.Line("2014-2", "Reference 2", "Ægtefælle 2", LocalDate.of(2014, 11, 30),
                        true, new BigDecimal("1000.00"), Channel.PAPER));
        Path file = dir.resolve("461-list.xlsx");
        Files.write(file,
                MunicipalityListWorkbook.write(Municipalities.all().get(461), LocalDate.of(2014, 12, 1), lines));

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = wb.getSheet(MunicipalityListWorkbook.SHEET);
            Row title = sheet.getRow(0);
            assertThat(title.getCell(0).getStringCellValue())
                .isEqualTo("Fornyelsesbreve sendt 01-12-2014 – Odense Kommune (461)");
            assertThat(wb.getFontAt(title.getCell(0).getCellStyle().getFontIndex()).getFontHeightInPoints())
                .as("title size")
                .isGreaterThanOrEqualTo((short) 14);
            String personal = title.getCell(4).getStringCellValue();
            assertThat(personal).startsWith("Fortroligt").contains("personoplysninger");
            assertThat(sheet.getHeader().getLeft()).contains("personoplysninger");

            // one date format: the title's and every date cell's
            DataFormatter shown = new DataFormatter();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                Cell expiry = sheet.getRow(r).getCell(3);
                assertThat(expiry.getCellStyle().getDataFormatString()).isEqualTo("dd-mm-yyyy");
            }
            assertThat(shown.formatCellValue(sheet.getRow(2).getCell(3))).isEqualTo("09-01-2015");
            assertThat(shown.formatCellValue(sheet.getRow(3).getCell(3))).isEqualTo("30-11-2014");

            // a header sits where its values do: right over dates and amounts, left over
            // texts
            Row head = sheet.getRow(1);
            Row first = sheet.getRow(2);
            for (int c = 0; c < MunicipalityListWorkbook.HEADERS.size(); c++) {
                Cell value = first.getCell(c);
                boolean rightValue = value.getCellType() == CellType.NUMERIC
                        ? value.getCellStyle().getAlignment() != HorizontalAlignment.LEFT
                        : value.getCellStyle().getAlignment() == HorizontalAlignment.RIGHT;
                boolean rightHeader = head.getCell(c).getCellStyle().getAlignment() == HorizontalAlignment.RIGHT;
                assertThat(rightHeader)
                    .as("header " + head.getCell(c).getStringCellValue() + " on the side of its values")
                    .isEqualTo(rightValue);
                // texts after a right-aligned number keep clear of it, and so do their
                // headers
                if (!rightValue) {
                    assertThat(value.getCellStyle().getIndention())
                        .isEqualTo(head.getCell(c).getCellStyle().getIndention());
                }
            }

            // printed at full size: the columns fit landscape A4, and no font is below 8
            // pt
            int widthChars = 0;
            for (int c = 0; c < MunicipalityListWorkbook.HEADERS.size(); c++) {
                widthChars += sheet.getColumnWidth(c) / 256;
            }
            assertThat(widthChars).isLessThanOrEqualTo(dk.udlaendinge.batch.common.PrintLayout.LANDSCAPE_WIDTH_CHARS);
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(wb.getFontAt(cell.getCellStyle().getFontIndex()).getFontHeightInPoints())
                        .isGreaterThanOrEqualTo((short) 8);
                }
            }
        }
    }

}
