package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.common.PrintLayout;
import dk.udlaendinge.batch.quota.internal.QuotaWorkbooks;

/**
 * The quota workbooks print on A4 as municipal staff read them: the key tables landscape in two
 * parts at a readable size (what a clerk reads, then the calculation), their header row and the
 * unit's code and name on every page; the method sheet portrait with its texts
 * wrapped inside the page and rows tall enough for every line. Real workbooks are written
 * from the demo statistics (with a previous revision, so the widest tables) and read back.
 */
class QuotaWorkbookPrintTests {

    @TempDir
    static Path dir;
    static Path national;
    static Path municipality;

    @BeforeAll
    static void writeWorkbooks() throws IOException {
        Path statistics = dir.resolve("statistics-2015.csv");
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            Files.write(statistics, in.readAllBytes());
        }
        QuotaInputs first = QuotaInputs.read(2015, 4000, statistics, null);
        Map<Integer, Long> before = first.compute().municipalityLines().stream()
                .collect(Collectors.toMap(KeyLine::code, KeyLine::quota));
        QuotaInputs inputs = QuotaInputs.read(2015, 12000, statistics, null);
        QuotaRevision rev = new QuotaRevision(inputs, inputs.compute(), 2,
                new QuotaRevision.Previous("revision 1 af 2015", before), Instant.now());
        national = dir.resolve("kvoter-2015.xlsx");
        municipality = dir.resolve("101.xlsx");
        QuotaWorkbooks.writeNational(rev, national);
        QuotaWorkbooks.writeMunicipality(rev, 101, municipality);
    }

    @Test
    void keyTablesPrintInTwoReadablePartsWithCodeNameAndHeaderOnEveryPage() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(national.toFile())) {
            assertTableInParts(wb.getSheet(QuotaWorkbooks.REGIONS_SHEET));
            assertTableInParts(wb.getSheet(QuotaWorkbooks.MUNICIPALITIES_SHEET));
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(municipality.toFile())) {
            assertTableInParts(wb.getSheet(QuotaWorkbooks.REGION_SHEET));
            // the title (the quota follows it, large) repeats; the page is one wide at full size
            assertLandscapeTable(wb.getSheet(QuotaWorkbooks.OWN_SHEET), 1);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    @Test
    void methodSheetPrintsPortraitWithItsTextsWrappedInsideThePage() throws IOException {
        for (Path file : new Path[] {national, municipality}) {
            try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                XSSFSheet method = wb.getSheet(QuotaWorkbooks.METHOD_SHEET);
                PrintSetup setup = method.getPrintSetup();
                assertThat(setup.getPaperSize()).as(file + " paper").isEqualTo(PrintSetup.A4_PAPERSIZE);
                assertThat(setup.getLandscape()).as(file + " landscape").isFalse();
                assertThat(method.getFitToPage()).as(file + " fit to page").isTrue();
                assertThat(setup.getFitWidth()).isEqualTo((short) 1);
                assertThat(setup.getFitHeight()).isEqualTo((short) 0);
                // both columns together no wider than portrait A4 inside the margins (about 96 characters)
                int widthChars = (method.getColumnWidth(0) + method.getColumnWidth(1)) / 256;
                assertThat(widthChars).as(file + " method width").isLessThanOrEqualTo(96);

                int longTexts = 0;
                for (Row row : method) {
                    Cell text = row.getCell(1);
                    if (text == null || text.getCellType() != CellType.STRING) {
                        continue;
                    }
                    String value = text.getStringCellValue();
                    int columnChars = method.getColumnWidth(1) / 256;
                    if (value.length() <= columnChars) {
                        continue;
                    }
                    longTexts++;
                    assertThat(text.getCellStyle().getWrapText()).as("wrapped: " + value).isTrue();
                    // a line holds fewer than 1.6 characters of running text per column unit
                    int atLeastLines = (int) Math.ceil(value.length() / (columnChars * 1.6));
                    assertThat(row.getHeightInPoints()).as("row height for: " + value)
                            .isGreaterThanOrEqualTo(atLeastLines * 12f);
                }
                assertThat(longTexts).as("long method texts in " + file).isGreaterThanOrEqualTo(5);
            } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                throw new IOException(e);
            }
        }
    }

    /**
     * A key table: A4 landscape at a fixed scale that keeps 11-point text at 8 pt or more, cut
     * after the clerk's columns (unit, inputs, quota, change) so the calculation is a second part,
     * with the code and name columns and the header row repeated on every page.
     */
    private static void assertTableInParts(XSSFSheet sheet) {
        String name = sheet.getSheetName();
        PrintSetup setup = sheet.getPrintSetup();
        assertThat(setup.getPaperSize()).as(name + " paper").isEqualTo(PrintSetup.A4_PAPERSIZE);
        assertThat(setup.getLandscape()).as(name + " landscape").isTrue();
        assertThat(sheet.getFitToPage()).as(name + " not squeezed to one page wide").isFalse();
        assertThat(setup.getScale() * 11 / 100.0).as(name + " printed size of 11-pt text").isGreaterThanOrEqualTo(8.0);
        CellRangeAddress rows = sheet.getRepeatingRows();
        assertThat(rows).as(name + " repeating rows").isNotNull();
        assertThat(rows.getFirstRow()).isZero();
        assertThat(rows.getLastRow()).isZero();
        CellRangeAddress cols = sheet.getRepeatingColumns();
        assertThat(cols).as(name + " repeating columns").isNotNull();
        assertThat(cols.getFirstColumn()).isZero();
        assertThat(cols.getLastColumn()).as(name + " code and name repeated").isEqualTo(1);
        int[] breaks = sheet.getColumnBreaks();
        assertThat(breaks).as(name + " column breaks").hasSize(1);
        Row header = sheet.getRow(0);
        // the first part ends with the clerk's columns, the second starts with the calculation
        assertThat(header.getCell(breaks[0]).getStringCellValue()).as(name + " last column of part 1").isEqualTo("Ændring");
        assertThat(header.getCell(breaks[0] + 1).getStringCellValue()).isEqualTo("Befolkningsandel");
        // each part, with the repeated columns, fits the page's width at the scale
        double pageChars = PrintLayout.LANDSCAPE_WIDTH_CHARS * 100.0 / setup.getScale();
        int repeated = (sheet.getColumnWidth(0) + sheet.getColumnWidth(1)) / 256;
        int part1 = 0;
        for (int c = 0; c <= breaks[0]; c++) {
            part1 += sheet.getColumnWidth(c) / 256;
        }
        int part2 = repeated;
        for (int c = breaks[0] + 1; c < header.getLastCellNum(); c++) {
            part2 += sheet.getColumnWidth(c) / 256;
        }
        assertThat(part1).as(name + " part 1 width").isLessThanOrEqualTo((int) pageChars);
        assertThat(part2).as(name + " part 2 width").isLessThanOrEqualTo((int) pageChars);
    }

    private static void assertLandscapeTable(XSSFSheet sheet, int headerRows) {
        String name = sheet.getSheetName();
        PrintSetup setup = sheet.getPrintSetup();
        assertThat(setup.getPaperSize()).as(name + " paper").isEqualTo(PrintSetup.A4_PAPERSIZE);
        assertThat(setup.getLandscape()).as(name + " landscape").isTrue();
        assertThat(sheet.getFitToPage()).as(name + " fit to page").isTrue();
        assertThat(setup.getFitWidth()).as(name + " pages wide").isEqualTo((short) 1);
        assertThat(setup.getFitHeight()).as(name + " pages tall (0 = as many as needed)").isEqualTo((short) 0);
        CellRangeAddress repeating = sheet.getRepeatingRows();
        assertThat(repeating).as(name + " repeating rows").isNotNull();
        assertThat(repeating.getFirstRow()).isZero();
        assertThat(repeating.getLastRow()).as(name + " last repeated row").isEqualTo(headerRows - 1);
    }
}
