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
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
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
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.QuotaInputs;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * The quota workbooks print on A4 as municipal staff read them: the key tables landscape
 * in two parts at a readable size (what a clerk reads, then the calculation), their
 * header row and the unit's code and name on every page; the method sheet portrait with
 * its texts wrapped inside the page and rows tall enough for every line. Real workbooks
 * are written from the demo statistics (with a previous revision, so the widest tables)
 * and read back.
 */
class QuotaWorkbookPrintTests {

    @TempDir
    static Path dir;
    static Path national;
    static Path municipality;

    /**
     * 2023, under the national key, with 101's quota agreed: Frederiksberg's (147)
     * workbook.
     */
    static Path national2023;
    static Path frederiksberg2023;
    static long frederiksbergQuota;

    @BeforeAll
    static void writeWorkbooks() throws IOException {
        Path statistics = dir.resolve("statistics-2015.csv");
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            Files.write(statistics, in.readAllBytes());
        }
        QuotaInputs first = QuotaInputs.read(2015, 4000, statistics, null);
        Map<Integer, Long> before = first.compute()
            .municipalityLines()
            .stream()
            .collect(Collectors.toMap(KeyLine::code, KeyLine::quota));
        QuotaInputs inputs = QuotaInputs.read(2015, 12000, statistics, null);
        QuotaRevision rev = new QuotaRevision(inputs, inputs.compute(), 2,
                new QuotaRevision.Previous("revision 1 af 2015", before), Instant.now());
        national = dir.resolve("kvoter-2015.xlsx");
        municipality = dir.resolve("101.xlsx");
        QuotaWorkbooks.writeNational(rev, national);
        QuotaWorkbooks.writeMunicipality(rev, 101, municipality);

        Path agreements = dir.resolve("agreements-2023.csv");
        Files.writeString(agreements, "level;code;quota\nMUNICIPALITY;101;300\n");
        QuotaInputs inputs2023 = QuotaInputs.read(2023, 12000, statistics, agreements);
        QuotaRevision rev2023 = new QuotaRevision(inputs2023, inputs2023.compute(), 1, null, Instant.now());
        frederiksbergQuota = rev2023.result().quotas().get(147);
        national2023 = dir.resolve("kvoter-2023.xlsx");
        frederiksberg2023 = dir.resolve("147-2023.xlsx");
        QuotaWorkbooks.writeNational(rev2023, national2023);
        QuotaWorkbooks.writeMunicipality(rev2023, 147, frederiksberg2023);
    }

    /**
     * Issue 21: "Kvoteår 2,015" came from a thousands format on the year; years and codes
     * are plain numbers.
     */
    @Test
    void yearsAndCodesPrintWithoutAThousandsSeparator() throws Exception {
        DataFormatter shown = new DataFormatter(java.util.Locale.US); // the locale that
                                                                      // printed "2,015"
        for (Path file : new Path[] { national, municipality, national2023, frederiksberg2023 }) {
            try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                String year = file.getFileName().toString().contains("2023") ? "2023" : "2015";
                Map<String, Cell> method = valuesByLabel(wb.getSheet(QuotaWorkbooks.METHOD_SHEET));
                assertThat(method.get("Kvoteår").getCellType()).as(file + " year is a number")
                    .isEqualTo(CellType.NUMERIC);
                assertThat(shown.formatCellValue(method.get("Kvoteår"))).as(file + " method year").isEqualTo(year);
                assertThat(shown.formatCellValue(method.get("Revision"))).doesNotContain(",");
                XSSFSheet own = wb.getSheet(QuotaWorkbooks.OWN_SHEET);
                if (own != null) {
                    Map<String, Cell> values = valuesByLabel(own);
                    assertThat(shown.formatCellValue(values.get("Kvoteår"))).as(file + " own year").isEqualTo(year);
                    assertThat(shown.formatCellValue(values.get("Kommunekode"))).matches("\\d{3}");
                    // the national figure is a count: it keeps its separator
                    assertThat(shown.formatCellValue(values.get("Landstal"))).isEqualTo("12,000");
                }
                for (XSSFSheet table : tables(wb)) {
                    Row first = table.getRow(1);
                    assertThat(shown.formatCellValue(first.getCell(0))).as(table.getSheetName() + " code")
                        .matches("\\d{3,4}");
                }
            }
        }
    }

    /**
     * Issue 21: nothing prints below 8 pt. Every cell's font at the sheet's print scale
     * (the fixed scale, or the scale that fitting its columns to one page wide needs) is
     * 8 pt or more.
     */
    @Test
    void nothingPrintsBelowEightPoints() throws Exception {
        for (Path file : new Path[] { national, municipality, national2023, frederiksberg2023 }) {
            try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
                    XSSFSheet x = (XSSFSheet) sheet;
                    double scale = printScale(x);
                    double smallest = Double.MAX_VALUE;
                    for (Row row : x) {
                        for (Cell cell : row) {
                            short points = wb.getFontAt(cell.getCellStyle().getFontIndex()).getFontHeightInPoints();
                            smallest = Math.min(smallest, points * scale / 100);
                        }
                    }
                    assertThat(smallest)
                        .as(file.getFileName() + " " + sheet.getSheetName() + " smallest printed size at " + scale
                                + " %")
                        .isGreaterThanOrEqualTo(8.0);
                }
            }
        }
    }

    /**
     * Issue 21: headers wrap between words ("Kommunekode", never "Kommunekod|e"): each
     * header's longest word fits its column.
     */
    @Test
    void everyHeaderWordFitsItsColumn() throws Exception {
        for (Path file : new Path[] { national, municipality, national2023, frederiksberg2023 }) {
            try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                for (XSSFSheet table : tables(wb)) {
                    Row header = table.getRow(0);
                    assertThat(header.getCell(0).getCellStyle().getWrapText()).isTrue();
                    for (Cell cell : header) {
                        String longest = java.util.Arrays.stream(cell.getStringCellValue().split(" "))
                            .max(java.util.Comparator.comparingInt(String::length))
                            .orElseThrow();
                        int widthChars = table.getColumnWidth(cell.getColumnIndex()) / 256;
                        // a bold letter is at most about 1.1 digit widths (in
                        // LibreOffice's PDF, "Regionskode"
                        // took one line of a 13-unit column, "Familiesammenførte" of a
                        // 21-unit one)
                        assertThat(longest.length() * 1.1)
                            .as(table.getSheetName() + " header word '" + longest + "' in a column " + widthChars
                                    + " wide")
                            .isLessThanOrEqualTo(widthChars);
                    }
                    // the row is tall enough for a header of three lines
                    assertThat(header.getHeightInPoints()).isGreaterThanOrEqualTo(3 * 14f);
                }
            }
        }
    }

    /**
     * Issue 21: on a municipality's own workbook its quota is the first thing on the
     * first page, in large type, and its row stands out on the region sheet (and no other
     * row does).
     */
    @Test
    void theMunicipalitysQuotaComesFirstLargeAndItsRowIsHighlighted() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(frederiksberg2023.toFile())) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo(QuotaWorkbooks.OWN_SHEET);
            XSSFSheet own = wb.getSheet(QuotaWorkbooks.OWN_SHEET);
            assertThat(own.getRow(0).getCell(0).getStringCellValue())
                .startsWith("Flygtningekvote 2023 for Frederiksberg Kommune");
            Row quota = own.getRow(1);
            assertThat(quota.getCell(0).getStringCellValue()).isEqualTo("Kommunens kvote 2023");
            assertThat(quota.getCell(1).getNumericCellValue()).isEqualTo((double) frederiksbergQuota).isPositive();
            short size = wb.getFontAt(quota.getCell(1).getCellStyle().getFontIndex()).getFontHeightInPoints();
            assertThat(size).as("the quota's type size").isGreaterThanOrEqualTo((short) 20);
            assertThat(quota.getHeightInPoints()).as("its row is tall enough for it")
                .isGreaterThanOrEqualTo(size * 1.3f);
            // and it is on the first page: the first page break, if any, comes later
            for (int b : own.getRowBreaks()) {
                assertThat(b).isGreaterThan(1);
            }
            // the method sheet names the order that computed the year, and so does the
            // own sheet
            assertThat(valuesByLabel(own).get("Bekendtgørelse").getStringCellValue()).isEqualTo("bek. nr. 550/2022");

            XSSFSheet region = wb.getSheet(QuotaWorkbooks.REGION_SHEET);
            int highlighted = 0;
            for (int r = 1; r < region.getLastRowNum(); r++) {
                Row row = region.getRow(r);
                boolean ownRow = row.getCell(0).getNumericCellValue() == 147;
                for (int c = 0; c < region.getRow(0).getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    boolean filled = cell != null
                            && cell.getCellStyle().getFillPattern() == FillPatternType.SOLID_FOREGROUND;
                    assertThat(filled).as("row " + r + " column " + c + " highlighted").isEqualTo(ownRow);
                }
                highlighted += ownRow ? 1 : 0;
            }
            assertThat(highlighted).isEqualTo(1);
        }
        // the 2015 workbook highlights København (101), its own
        try (XSSFWorkbook wb = new XSSFWorkbook(municipality.toFile())) {
            XSSFSheet region = wb.getSheet(QuotaWorkbooks.REGION_SHEET);
            Row first = region.getRow(1);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(101.0);
            assertThat(first.getCell(1).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(region.getRow(2).getCell(1).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
        }
    }

    /**
     * Issue 19: the method sheet names the order of the year and describes the key that
     * was used.
     */
    @Test
    void theMethodSheetNamesTheOrderOfTheYear() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(national.toFile())) {
            Map<String, Cell> method = valuesByLabel(wb.getSheet(QuotaWorkbooks.METHOD_SHEET));
            assertThat(method.get("Bekendtgørelse").getStringCellValue())
                .startsWith("Bekendtgørelse nr. 50 af 18. januar 2008")
                .contains("kvoteår fra 2009 til 2016");
            assertThat(method).containsKey("Fordeling i to trin");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(national2023.toFile())) {
            Map<String, Cell> method = valuesByLabel(wb.getSheet(QuotaWorkbooks.METHOD_SHEET));
            assertThat(method.get("Bekendtgørelse").getStringCellValue())
                .startsWith("Bekendtgørelse nr. 550 af 3. maj 2022")
                .contains("kvoteår fra 2023");
            assertThat(method.get("Fordeling på kommunerne").getStringCellValue())
                .contains("på én gang på alle landets kommuner");
            assertThat(method.get("Regionernes kvoter").getStringCellValue()).contains("summen af kvoterne");
            assertThat(method).doesNotContainKey("Fordeling i to trin");
        }
    }

    /**
     * The first value of each labelled row (the label in column A, its value the next
     * cell), first label wins.
     */
    private static Map<String, Cell> valuesByLabel(XSSFSheet sheet) {
        Map<String, Cell> values = new java.util.HashMap<>();
        for (Row row : sheet) {
            Cell label = row.getCell(0);
            Cell value = row.getCell(1);
            if (label != null && label.getCellType() == CellType.STRING && value != null) {
                values.putIfAbsent(label.getStringCellValue(), value);
            }
        }
        return values;
    }

    private static java.util.List<XSSFSheet> tables(XSSFWorkbook wb) {
        java.util.List<XSSFSheet> tables = new java.util.ArrayList<>();
        for (String name : new String[] { QuotaWorkbooks.REGIONS_SHEET, QuotaWorkbooks.MUNICIPALITIES_SHEET,
                QuotaWorkbooks.REGION_SHEET }) {
            if (wb.getSheet(name) != null) {
                tables.add(wb.getSheet(name));
            }
        }
        return tables;
    }

    /**
     * The scale a sheet prints at: its fixed scale, or for one page wide the scale that
     * brings the used columns inside the page (at most 100 %).
     */
    private static double printScale(XSSFSheet sheet) {
        PrintSetup setup = sheet.getPrintSetup();
        if (!sheet.getFitToPage()) {
            return setup.getScale();
        }
        int last = 0;
        for (Row row : sheet) {
            last = Math.max(last, row.getLastCellNum());
        }
        int widthChars = 0;
        for (int c = 0; c < last; c++) {
            widthChars += sheet.getColumnWidth(c) / 256;
        }
        double pageChars = setup.getLandscape() ? PrintLayout.LANDSCAPE_WIDTH_CHARS : PrintLayout.PORTRAIT_WIDTH_CHARS;
        return Math.min(100.0, 100.0 * pageChars / widthChars);
    }

    @Test
    void keyTablesPrintInTwoReadablePartsWithCodeNameAndHeaderOnEveryPage() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(national.toFile())) {
            assertTableInParts(wb.getSheet(QuotaWorkbooks.REGIONS_SHEET));
            assertTableInParts(wb.getSheet(QuotaWorkbooks.MUNICIPALITIES_SHEET));
        }
        catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(municipality.toFile())) {
            assertTableInParts(wb.getSheet(QuotaWorkbooks.REGION_SHEET));
            // the title (the quota follows it, large) repeats; the page is one wide at
            // full size
            assertLandscapeTable(wb.getSheet(QuotaWorkbooks.OWN_SHEET), 1);
        }
        catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    @Test
    void methodSheetPrintsPortraitWithItsTextsWrappedInsideThePage() throws IOException {
        for (Path file : new Path[] { national, municipality }) {
            try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                XSSFSheet method = wb.getSheet(QuotaWorkbooks.METHOD_SHEET);
                PrintSetup setup = method.getPrintSetup();
                assertThat(setup.getPaperSize()).as(file + " paper").isEqualTo(PrintSetup.A4_PAPERSIZE);
                assertThat(setup.getLandscape()).as(file + " landscape").isFalse();
                assertThat(method.getFitToPage()).as(file + " fit to page").isTrue();
                assertThat(setup.getFitWidth()).isEqualTo((short) 1);
                assertThat(setup.getFitHeight()).isEqualTo((short) 0);
                // both columns together no wider than portrait A4 inside the margins
                // (about 96 characters)
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
                    // a line holds fewer than 1.6 characters of running text per column
                    // unit
                    int atLeastLines = (int) Math.ceil(value.length() / (columnChars * 1.6));
                    assertThat(row.getHeightInPoints()).as("row height for: " + value)
                        .isGreaterThanOrEqualTo(atLeastLines * 12f);
                }
                assertThat(longTexts).as("long method texts in " + file).isGreaterThanOrEqualTo(5);
            }
            catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                throw new IOException(e);
            }
        }
    }

    /**
     * A key table: A4 landscape at a fixed scale that keeps 11-point text at 8 pt or
     * more, cut after the clerk's columns (unit, inputs, quota, change) so the
     * calculation is a second part, with the code and name columns and the header row
     * repeated on every page.
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
        // the first part ends with the clerk's columns, the second starts with the
        // calculation
        assertThat(header.getCell(breaks[0]).getStringCellValue()).as(name + " last column of part 1")
            .isEqualTo("Ændring");
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
