package dk.udlaendinge.batch.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.deposit.SecurityForm;
import dk.udlaendinge.batch.deposit.LegalBasis;
import dk.udlaendinge.batch.deposit.DepositUpsert;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.deposit.DanishExam;
import dk.udlaendinge.batch.deposit.ReleaseReason;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;

/**
 * A synthetic, realistic registry for the demo and the benchmark: deposits over all 98
 * municipalities (weighted towards the large ones), posted 2008–2014 with permits weeks
 * later, a spread of Danish tests, about 3 % exempt from Digital Post, some permanent
 * residences, and a few deposits whose case documents are large enough to force paper.
 * Amounts follow docs/RENEWAL-RULES.md §3: posted at the level of the application year,
 * and for about half of the spouses who passed a Danish test reduced by the municipality
 * to the test's share, so the demo has both reduced securities and ones never reduced
 * despite a passed test. Deterministic for a seed. The people are invented.
 */
public final class DemoRegistry {

    private static final Logger log = LoggerFactory.getLogger(DemoRegistry.class);

    private static final String[] FIRST = { "Mette", "Jens", "Sofie", "Lars", "Anne", "Peter", "Hanne", "Søren",
            "Kirsten", "Niels", "Camilla", "Mads", "Ida", "Frederik", "Line", "Rasmus", "Maja", "Jesper", "Signe",
            "Ole" };

    private static final String[] LAST = { "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen",
            "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
            "Møller", "Østergaard", "Kjær", "Mølgaard", "Frederiksen" };

    private static final String[] SPOUSES = { "Ali Rahimi", "Maria Santos", "Thabo Mokoena", "Nguyễn Thị Lan",
            "Omar Haddad", "Ana Lima", "Łukasz Nowak", "Aylin Ağca", "Juan Pérez", "Fatima Zahra", "Olena Kovalenko",
            "Li Wei", "Amara Okafor", "Priya Sharma", "Mohammed Al-Sayed", "Siti Rahma" };

    private static final String[] STREETS = { "Vestergade", "Østergade", "Algade", "Jernbanegade", "Skolevej",
            "Strandvejen", "Torvet", "Kirkevej", "Åboulevarden", "Bøgevej", "Søndergade", "Nørregade" };

    private static final DanishExam[] TESTS = { DanishExam.NONE, DanishExam.NONE, DanishExam.NONE, DanishExam.A1,
            DanishExam.A1, DanishExam.A2, DanishExam.A2, DanishExam.FINAL, DanishExam.PD3, DanishExam.STUDIEPROEVEN };

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
        .setDelimiter(';')
        .setRecordSeparator('\n')
        .get();

    private DemoRegistry() {
    }

    public static List<Deposit> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Municipality> municipalities = new ArrayList<>(Municipalities.all().list());
        List<Deposit> deposits = new ArrayList<>(count);
        LocalDate start = LocalDate.of(2008, 1, 1);
        int days = (int) (LocalDate.of(2014, 12, 31).toEpochDay() - start.toEpochDay());
        for (int i = 1; i <= count; i++) {
            // a few large municipalities hold most deposits, like the real population
            Municipality m = municipalities
                .get(random.nextInt(4) == 0 ? random.nextInt(6) : random.nextInt(municipalities.size()));
            LocalDate posted = start.plusDays(random.nextInt(days));
            LocalDate permit = posted.plusDays(14 + random.nextInt(60));
            LocalDate permanent = random.nextInt(12) == 0 ? permit.plusYears(3).plusDays(random.nextInt(900)) : null;
            boolean exempt = random.nextInt(100) < 3;
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String id = String.format("DEMO-%07d", i);
            // drawn in the order they always were, so a seed gives the same people as
            // before
            String cpr = cpr(random);
            String street = STREETS[random.nextInt(STREETS.length)] + " " + (1 + random.nextInt(120));
            String postalCode = String.valueOf(1000 + random.nextInt(8990));
            String spouse = SPOUSES[random.nextInt(SPOUSES.length)];
            LegalBasis basis = random.nextBoolean() ? LegalBasis.SECTION_9_1_1 : LegalBasis.SECTION_9C_1;
            SecurityForm form = random.nextInt(3) == 0 ? SecurityForm.PLEDGED_ACCOUNT : SecurityForm.BANK_GUARANTEE;
            DanishExam test = TESTS[random.nextInt(TESTS.length)];
            deposits.add(new Deposit(id, String.format("FAM/%d/%06d", posted
                .getYear(), 100000 + i), cpr, first + " " + last, street, postalCode, m.name(), exempt, exempt
                        ? null
                        : (first + "." + last + i).toLowerCase().replace('ø', 'o').replace('æ', 'a').replace('å', 'a')
                                + "@digitalpost.example",
                    spouse, m.kommunekode(), basis, form, amount(posted, test, i % 2 == 0), posted, permit, permanent,
                    test));
        }
        return deposits;
    }

    /** Inserts the deposits in batches; the registry must not hold these ids yet. */
    public static void insert(JdbcTemplate jdbc, List<Deposit> deposits) {
        int batch = 1000;
        for (int from = 0; from < deposits.size(); from += batch) {
            List<Deposit> part = deposits.subList(from, Math.min(deposits.size(), from + batch));
            jdbc.batchUpdate(DepositUpsert.INSERT_SQL, part, part.size(),
                    (PreparedStatement ps, Deposit d) -> DepositUpsert.bind(d, ps, SecurityRules.THROUGH_TIME));
        }
    }

    /**
     * Writes the deposits as a registry import file of the first, 18-column format
     * (docs/REGISTRY.md).
     */
    public static void writeCsv(Path file, List<Deposit> deposits) {
        write(file, deposits, false);
    }

    /**
     * Writes the deposits as a registry import file of the second format, with its four
     * more columns (docs/REGISTRY.md).
     */
    public static void writeSecondFormatCsv(Path file, List<Deposit> deposits) {
        write(file, deposits, true);
    }

    private static void write(Path file, List<Deposit> deposits, boolean secondFormat) {
        OwnerOnlyFiles.write(file, out -> {
            CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), FORMAT);
            csv.printRecord(secondFormat ? RegistryColumns.SECOND_FORMAT_NAMES : RegistryColumns.NAMES);
            for (Deposit d : deposits) {
                List<Object> row = new ArrayList<>(List.of(d.depositId(), d.caseNumber(), d.referenceCpr(),
                        d.referenceName(), d.addressLine(), d.postalCode(), d.city(), d.digitalPostExempt(),
                        orEmpty(d.digitalPostAddress()), d.spouseName(), d.municipalityCode(), d.legalBasis().code(),
                        d.securityForm().name(), d.amountDkk().toPlainString(), d.postedDate(), d.permitGrantedDate(),
                        orEmpty(d.permanentResidenceDate()), d.danishTest().name()));
                if (secondFormat) {
                    row.addAll(List.of(orEmpty(d.applicationDate()), orEmpty(d.validUntil()), orEmpty(d.releasedDate()),
                            orEmpty(d.releaseReason())));
                }
                csv.printRecord(row);
            }
            csv.flush();
        });
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }

    /**
     * A few securities of every rule set (docs/RENEWAL-RULES.md), for the demo beside the
     * generated registry: none is due in the first renewal season (the 2014 demo run
     * sends what it always sent), and in a run today (December 2026) only the two
     * five-year securities extended for less than ten years in all get a notice: the
     * ten-year ones (D, E, F), the one extended to ten years, the released ones and the
     * old ones stay silent. Deterministic.
     */
    public static List<Deposit> ruleSetExamples() {
        Random random = new Random(2026);
        List<Deposit> examples = new ArrayList<>();
        // set, id suffix, municipality, posted, permit, applied, valid until, released,
        // reason, amount, test, exempt
        Object[][] rows = {
                { "A", 101, "2010-05-03", "2010-06-01", null, null, null, null, "50000.00", DanishExam.NONE, false },
                { "B", 751, "2011-05-02", "2011-06-01", null, null, null, null, "50000.00", DanishExam.A1, false },
                { "B-10-YEARS", 751, "2012-02-01", "2012-03-01", "2011-10-03", "2022-03-01", null, null, "50000.00",
                        DanishExam.NONE, false },
                { "C-EXTENDED-LESS", 101, "2017-10-02", "2017-12-20", "2017-06-01", "2027-01-31", null, null,
                        "21715.79", DanishExam.A2, false },
                { "C-EXTENDED-LESS-PAPER", 461, "2017-11-15", "2017-12-27", "2017-09-01", "2027-02-26", null, null,
                        "54289.48", DanishExam.NONE, true },
                { "C-10-YEARS", 461, "2016-09-01", "2016-10-03", "2016-05-02", "2026-10-03", null, null, "53224.98",
                        DanishExam.NONE, false },
                { "C-NEW-BASIS", 101, "2017-08-01", "2017-12-28", "2017-03-01", "2027-02-15", "2026-05-04",
                        ReleaseReason.NEW_BASIS, "54289.48", DanishExam.NONE, false },
                { "C-DECEASED", 751, "2017-07-03", "2017-12-15", "2017-02-01", "2027-01-10", "2025-11-20",
                        ReleaseReason.DECEASED, "54289.48", DanishExam.NONE, false },
                { "D", 101, "2018-03-01", "2018-02-20", "2017-11-16", null, null, null, "55375.27", DanishExam.NONE,
                        false },
                { "E", 751, "2021-12-10", "2021-12-01", "2019-03-01", null, null, null, "102000.00", DanishExam.NONE,
                        false },
                { "E-REDUCED", 461, "2019-09-02", "2019-08-15", "2018-07-01", null, null, null, "80000.00",
                        DanishExam.A1, false },
                { "F", 101, "2024-07-01", "2024-06-20", "2024-02-01", null, null, null, "57000.00", DanishExam.NONE,
                        false } };
        for (Object[] r : rows) {
            Municipality m = Municipalities.all().get((Integer) r[1]);
            LocalDate posted = LocalDate.parse((String) r[2]);
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            boolean exempt = (Boolean) r[10];
            String id = "DEMO-SET-" + r[0];
            Deposit d = new Deposit(id, String.format("FAM/%d/%06d", posted.getYear(), 900000 + examples.size()),
                    cpr(random), first + " " + last,
                    STREETS[random.nextInt(STREETS.length)] + " " + (1 + random.nextInt(120)),
                    String.valueOf(1000 + random.nextInt(8990)), m.name(), exempt,
                    exempt ? null
                            : (first + "." + last + "." + r[0]).toLowerCase()
                                .replace('ø', 'o')
                                .replace('æ', 'a')
                                .replace('å', 'a') + "@digitalpost.example",
                    SPOUSES[random.nextInt(SPOUSES.length)], m.kommunekode(), LegalBasis.SECTION_9_1_1,
                    SecurityForm.BANK_GUARANTEE, new BigDecimal((String) r[8]), posted, LocalDate.parse((String) r[3]),
                    null, (DanishExam) r[9]);
            examples.add(d.withSecondFormat(date(r[4]), date(r[5]), date(r[6]), (ReleaseReason) r[7]));
        }
        return examples;
    }

    private static LocalDate date(Object iso) {
        return iso == null ? null : LocalDate.parse((String) iso);
    }

    /**
     * Case documents for some deposits due on {@code runDate}, as a documents import file
     * beside {@code file} with the PDFs in its {@code docs/} folder: a small scanned
     * guarantee for every tenth, and a large one (over the Digital Post limit once
     * encoded) for {@code large} of them.
     */
    public static int writeDocumentsCsv(Path file, List<Deposit> deposits, LocalDate runDate, int leadDays, int large,
            long largeBytes) {
        RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, leadDays);
        Path docs = file.toAbsolutePath().getParent().resolve("docs");
        String small = "docs/scannet-anfordringsgaranti.pdf";
        String big = "docs/scannet-sagsakter-stor.pdf";
        CaseDocumentFactory.write(docs.resolve("scannet-anfordringsgaranti.pdf"), 120_000,
                "Scannet anfordringsgaranti (demo)");
        if (large > 0) {
            CaseDocumentFactory.write(docs.resolve("scannet-sagsakter-stor.pdf"), largeBytes,
                    "Scannede sagsakter (demo)");
        }
        List<String[]> rows = new ArrayList<>();
        int bigOnes = 0;
        int due = 0;
        for (Deposit d : deposits) {
            if (!rule.isDue(d, false, runDate)) {
                continue;
            }
            due++;
            if (bigOnes < large && !d.digitalPostExempt() && due % 7 == 3) {
                rows.add(new String[] { d.depositId(), big });
                bigOnes++;
            }
            else if (due % 10 == 0) {
                rows.add(new String[] { d.depositId(), small });
            }
        }
        OwnerOnlyFiles.write(file, out -> {
            CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), FORMAT);
            csv.printRecord(RegistryColumns.DOCUMENT_NAMES);
            for (String[] row : rows) {
                csv.printRecord((Object[]) row);
            }
            csv.flush();
        });
        log.info("Demo registry: {} deposits due on {}, {} with case documents ({} large)", due, runDate, rows.size(),
                bigOnes);
        return rows.size();
    }

    /** A CPR number with a valid date and a seventh digit that fits its century. */
    private static String cpr(Random random) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 45));
        int yy = birth.getYear() % 100;
        int seventh = birth.getYear() < 2000 ? random.nextInt(4) : 4;
        return String.format("%02d%02d%02d-%d%03d", birth.getDayOfMonth(), birth.getMonthValue(), yy, seventh,
                random.nextInt(1000));
    }

    /**
     * The security's current amount: as posted at the level of its year (the demo treats
     * the posting year as the application year), or reduced by the municipality to the
     * share for the passed test of that level, rounded to the øre. Whether a deposit was
     * reduced is taken from its number, not the random stream, so the rest of the demo
     * stays as it was.
     */
    static BigDecimal amount(LocalDate posted, DanishExam test, boolean reduced) {
        BigDecimal level = levelAt(posted);
        if (!reduced || test == DanishExam.NONE) {
            return level;
        }
        return level.multiply(BigDecimal.valueOf(test.sharePercent()))
            .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /**
     * The full amount as posted: the level of its year (before 2012 the demo uses the
     * 2012 level).
     */
    private static BigDecimal levelAt(LocalDate posted) {
        return switch (posted.getYear()) {
            case 2008, 2009, 2010, 2011, 2012 -> new BigDecimal("50000.00");
            case 2013 -> new BigDecimal("50800.00");
            default -> new BigDecimal("51714.40");
        };
    }

}
