package dk.udlaendinge.batch.quota.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.SpreadsheetSafe;
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * The file set of one revision: {@code kvoter-<Y>.csv}, {@code kvoter-<Y>.xlsx} and
 * {@code kommuner/*.xlsx}.
 */
public final class QuotaFiles {

    public static final String CSV_HEADER = "municipality_code;municipality_name;region_code;quota;agreed";

    public static final String MUNICIPALITY_FOLDER = "kommuner";

    private QuotaFiles() {
    }

    public static String csvName(int year) {
        return "kvoter-" + year + ".csv";
    }

    public static String workbookName(int year) {
        return "kvoter-" + year + ".xlsx";
    }

    /**
     * Writes every file of the revision into {@code folder}; returns the number of
     * workbooks. The 98 municipality workbooks are independent, so they are written in
     * parallel.
     */
    public static int writeAll(QuotaRevision rev, Path folder) {
        int year = rev.year();
        OwnerOnlyFiles.directory(folder);
        Path municipalities = OwnerOnlyFiles.directory(folder.resolve(MUNICIPALITY_FOLDER));
        writeCsv(rev, folder.resolve(csvName(year)));
        List<Integer> codes = rev.result().municipalityLines().stream().map(KeyLine::code).toList();
        IntStream.range(-1, codes.size()).parallel().forEach(k -> {
            if (k < 0) {
                QuotaWorkbooks.writeNational(rev, folder.resolve(workbookName(year)));
            }
            else {
                int code = codes.get(k);
                QuotaWorkbooks.writeMunicipality(rev, code,
                        municipalities.resolve(QuotaWorkbooks.municipalityFileName(code, year)));
            }
        });
        return codes.size() + 1;
    }

    static void writeCsv(QuotaRevision rev, Path target) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (KeyLine l : rev.result().municipalityLines()) {
            Municipality m = Municipalities.all().get(l.code());
            csv.append(l.code())
                .append(';')
                .append(SpreadsheetSafe.text(m.name()))
                .append(';')
                .append(m.regionCode())
                .append(';')
                .append(l.quota())
                .append(';')
                .append(l.agreed())
                .append('\n');
        }
        OwnerOnlyFiles.write(target, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The quotas of a written {@code kvoter-<Y>.csv}, for the change column of the next
     * revision.
     */
    public static Map<Integer, Long> readQuotas(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
                throw new IllegalStateException(csv + " is not a quota file (header " + CSV_HEADER + " expected)");
            }
            Map<Integer, Long> quotas = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    String[] f = line.split(";", -1);
                    quotas.put(Integer.parseInt(f[0]), Long.parseLong(f[3]));
                }
            }
            return quotas;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

}
