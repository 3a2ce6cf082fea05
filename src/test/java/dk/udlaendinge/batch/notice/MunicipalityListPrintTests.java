package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.PrintSetup;
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
        Files.write(file, MunicipalityListWorkbook.write(Municipalities.all().get(101), LocalDate.of(2014, 12, 1), lines));

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
}
