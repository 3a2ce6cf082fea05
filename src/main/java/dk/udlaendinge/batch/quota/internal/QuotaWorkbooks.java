package dk.udlaendinge.batch.quota.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.quota.internal.KeyTableSheet.Table;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * The Danish workbooks: the national one (method, regions, municipalities) and one per
 * municipality (its own figures step by step, its region's table, the method). Every
 * number is a numeric cell with a number format; totals are values computed here. Each
 * sheet is written by its own class; this one puts them together in the order a reader
 * meets them.
 */
public final class QuotaWorkbooks {

    public static final String METHOD_SHEET = "Metode";

    public static final String REGIONS_SHEET = "Regionskvoter";

    public static final String MUNICIPALITIES_SHEET = "Kommunekvoter";

    public static final String OWN_SHEET = "Kommunens kvote";

    public static final String REGION_SHEET = "Regionen";

    private QuotaWorkbooks() {
    }

    public static void writeNational(QuotaRevision rev, Path target) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            WorkbookStyles s = new WorkbookStyles(wb);
            MethodSheet.write(wb, s, rev);
            KeyTableSheet.write(wb.createSheet(REGIONS_SHEET), s, rev, rev.result().regions().lines(), Table.REGIONS);
            KeyTableSheet.write(wb.createSheet(MUNICIPALITIES_SHEET), s, rev, rev.result().municipalityLines(),
                    Table.ALL_MUNICIPALITIES);
            OwnerOnlyFiles.write(target, wb::write);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void writeMunicipality(QuotaRevision rev, int code, Path target) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            WorkbookStyles s = new WorkbookStyles(wb);
            int regionCode = rev.result().regionOf(code);
            OwnMunicipalitySheet.write(wb.createSheet(OWN_SHEET), s, rev, code);
            KeyTableSheet.write(wb.createSheet(REGION_SHEET), s, rev, rev.result().region(regionCode).lines(),
                    Table.ONE_REGION, code);
            MethodSheet.write(wb, s, rev);
            OwnerOnlyFiles.write(target, wb::write);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code kommuner/<code>-<name>-<Y>.xlsx}, the name kept readable but safe as a file
     * name.
     */
    public static String municipalityFileName(int code, int year) {
        String name = Municipalities.all().get(code).name().replaceAll("[^\\p{L}\\p{N}-]+", "-");
        return String.format("%03d-%s-%d.xlsx", code, name, year);
    }

}
