package dk.udlaendinge.batch.quota.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;

/**
 * The inputs of one quota run, read and checked: the statistics for all 98 municipalities
 * and the optional agreements (formats in docs/QUOTA-KEY.md). {@link #inputHash()}
 * identifies the inputs (national figure and file contents, not file names) so that a
 * rerun with the same inputs is recognised.
 */
public record QuotaInputs(int year, long nationalFigure, Path statisticsFile, Path agreementsFile,
        List<MunicipalityFigures> figures, List<Agreement> agreements, String statisticsSha256, String agreementsSha256,
        Instant statisticsModified, Instant agreementsModified) {

    public static final String STATISTICS_HEADER = "municipality_code;population;immigrants_and_refugees;family_reunified";

    public static final String AGREEMENTS_HEADER = "level;code;quota";

    /**
     * The largest count a municipality may have: above the population of the whole
     * country, far below what the key's sums over 98 municipalities hold without
     * overflow.
     */
    public static final long MAX_COUNT = 10_000_000;

    /**
     * The largest agreed quota: the same bound as the national figure on the command
     * line.
     */
    public static final long MAX_AGREED_QUOTA = 1_000_000;

    public QuotaInputs {
        figures = List.copyOf(figures);
        agreements = List.copyOf(agreements);
    }

    /**
     * Reads and checks both files; the first problem found is thrown as a
     * {@link QuotaInputException}.
     */
    public static QuotaInputs read(int year, long nationalFigure, Path statistics, Path agreementsOrNull) {
        if (year < 2000 || year > 2999) {
            throw new QuotaInputException("quota year must be a four-digit year from 2000, was " + year);
        }
        if (nationalFigure < 0) {
            throw new QuotaInputException("the national figure must be 0 or more, was " + nationalFigure);
        }
        QuotaOrder.governing(year); // a year no order governs is refused before the files
                                    // are read
        byte[] stats = StrictCsv.readBytes(statistics, "statistics file");
        List<MunicipalityFigures> figures = readStatistics(statistics, stats);
        byte[] agreed = agreementsOrNull == null ? null : StrictCsv.readBytes(agreementsOrNull, "agreements file");
        List<Agreement> agreements = agreed == null ? List.of() : readAgreements(agreementsOrNull, agreed);
        return new QuotaInputs(year, nationalFigure, statistics, agreementsOrNull, figures, agreements, sha256(stats),
                agreed == null ? null : sha256(agreed), modified(statistics),
                agreementsOrNull == null ? null : modified(agreementsOrNull));
    }

    /**
     * Runs the key of the order that governs the year; input errors it finds (sums,
     * counts) name the file and line too.
     */
    public QuotaResult compute() {
        return QuotaCalculator.compute(order(), nationalFigure, figures, agreements);
    }

    /** The order that governs this quota year (docs/QUOTA-KEY.md). */
    public QuotaOrder order() {
        return QuotaOrder.governing(year);
    }

    /** Identifies the inputs: national figure and the contents of both files. */
    public String inputHash() {
        return sha256(("quota-inputs/1\nnational=" + nationalFigure + "\nstatistics=" + statisticsSha256
                + "\nagreements=" + (agreementsSha256 == null ? "none" : agreementsSha256) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Demo statistics are labelled by their file name (the strict format has no room for
     * a comment).
     */
    public boolean demo() {
        return statisticsFile.getFileName().toString().toLowerCase(Locale.ROOT).contains("demo");
    }

    private static List<MunicipalityFigures> readStatistics(Path file, byte[] content) {
        Municipalities all = Municipalities.all();
        Map<Integer, MunicipalityFigures> byCode = new TreeMap<>();
        for (StrictCsv.Row row : StrictCsv.parse(file, content, STATISTICS_HEADER)) {
            List<String> f = row.fields();
            int code = (int) StrictCsv.number(file, row, 1, "municipality_code", f.get(0), null, 0, 9999);
            Municipality m = all.find(code)
                .orElseThrow(() -> new QuotaInputException(file + " line " + row.line() + ": unknown municipality code "
                        + f.get(0) + " (see municipalities.csv for the 98 codes)"));
            String unit = "municipality " + code + " " + m.name();
            MunicipalityFigures figures = new MunicipalityFigures(code, m.regionCode(),
                    StrictCsv.number(file, row, 2, "population", f.get(1), unit, 0, MAX_COUNT),
                    StrictCsv.number(file, row, 3, "immigrants_and_refugees", f.get(2), unit, 0, MAX_COUNT),
                    StrictCsv.number(file, row, 4, "family_reunified", f.get(3), unit, 0, MAX_COUNT),
                    file + " line " + row.line());
            MunicipalityFigures earlier = byCode.putIfAbsent(code, figures);
            if (earlier != null) {
                throw new QuotaInputException(
                        figures.origin() + ": " + unit + " appears a second time (first at " + earlier.origin() + ")");
            }
        }
        List<String> missing = all.list()
            .stream()
            .filter(m -> !byCode.containsKey(m.kommunekode()))
            .map(m -> m.kommunekode() + " " + m.name())
            .toList();
        if (!missing.isEmpty()) {
            throw new QuotaInputException(
                    file + ": " + missing.size() + " municipalit" + (missing.size() == 1 ? "y is" : "ies are")
                            + " missing: " + missing.stream().limit(10).collect(Collectors.joining(", "))
                            + (missing.size() > 10 ? ", …" : "") + "; every one of the 98 must appear exactly once");
        }
        return new ArrayList<>(byCode.values());
    }

    private static List<Agreement> readAgreements(Path file, byte[] content) {
        List<Agreement> agreements = new ArrayList<>();
        for (StrictCsv.Row row : StrictCsv.parse(file, content, AGREEMENTS_HEADER)) {
            List<String> f = row.fields();
            Agreement.Level level;
            try {
                level = Agreement.Level.valueOf(f.get(0).toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                throw new QuotaInputException(
                        file + " line " + row.line() + ": level '" + f.get(0) + "' must be REGION or MUNICIPALITY");
            }
            int code = (int) StrictCsv.number(file, row, 2, "code", f.get(1), null, 0, 9999);
            String unit = level == Agreement.Level.REGION ? "region " + QuotaCalculator.regionLabel(code)
                    : "municipality " + QuotaCalculator.label(code);
            boolean known = level == Agreement.Level.REGION
                    ? Municipalities.all().list().stream().anyMatch(m -> m.regionCode() == code)
                    : Municipalities.all().contains(code);
            if (!known) {
                throw new QuotaInputException(file + " line " + row.line() + ": unknown " + unit);
            }
            agreements.add(new Agreement(level, code,
                    StrictCsv.number(file, row, 3, "quota", f.get(2), unit, 0, MAX_AGREED_QUOTA),
                    file + " line " + row.line()));
        }
        return agreements;
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        }
        catch (IOException e) {
            throw new QuotaInputException("cannot read the date of " + file + ": " + e.getMessage());
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
