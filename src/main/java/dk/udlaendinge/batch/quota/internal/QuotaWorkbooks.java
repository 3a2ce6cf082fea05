package dk.udlaendinge.batch.quota.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.quota.Agreement;
import dk.udlaendinge.batch.quota.KeyGroup;
import dk.udlaendinge.batch.quota.KeyLine;
import dk.udlaendinge.batch.quota.QuotaRevision;

/**
 * The Danish workbooks: the national one (method, regions, municipalities) and one per
 * municipality (its own figures step by step, its region's table, the method). Every number
 * is a numeric cell with a number format; totals are values computed here.
 */
public final class QuotaWorkbooks {

    public static final String METHOD_SHEET = "Metode";
    public static final String REGIONS_SHEET = "Regionskvoter";
    public static final String MUNICIPALITIES_SHEET = "Kommunekvoter";
    public static final String OWN_SHEET = "Kommunens kvote";
    public static final String REGION_SHEET = "Regionen";

    private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH:mm",
            java.util.Locale.forLanguageTag("da-DK"));

    private QuotaWorkbooks() {
    }

    // ---- national workbook ------------------------------------------------------------------

    public static void writeNational(QuotaRevision rev, Path target) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles s = new Styles(wb);
            methodSheet(wb, s, rev);
            keyTable(wb.createSheet(REGIONS_SHEET), s, rev, rev.result().regions().lines(), true, true);
            keyTable(wb.createSheet(MUNICIPALITIES_SHEET), s, rev, rev.result().municipalityLines(), false, false);
            OwnerOnlyFiles.write(target, wb::write);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    // ---- one municipality's workbook ---------------------------------------------------------

    public static void writeMunicipality(QuotaRevision rev, int code, Path target) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles s = new Styles(wb);
            int regionCode = rev.result().regionOf(code);
            ownSheet(wb.createSheet(OWN_SHEET), s, rev, code, regionCode);
            keyTable(wb.createSheet(REGION_SHEET), s, rev, rev.result().region(regionCode).lines(), false, true);
            methodSheet(wb, s, rev);
            OwnerOnlyFiles.write(target, wb::write);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** {@code kommuner/<code>-<name>-<Y>.xlsx}, the name kept readable but safe as a file name. */
    public static String municipalityFileName(int code, int year) {
        String name = Municipalities.all().get(code).name().replaceAll("[^\\p{L}\\p{N}-]+", "-");
        return String.format("%03d-%s-%d.xlsx", code, name, year);
    }

    private static void ownSheet(Sheet sheet, Styles s, QuotaRevision rev, int code, int regionCode) {
        Municipality m = Municipalities.all().get(code);
        KeyGroup group = rev.result().region(regionCode);
        KeyLine line = group.line(code);
        KeyLine regionLine = rev.result().regions().line(regionCode);
        Rows r = new Rows(sheet);
        r.title(s, "Flygtningekvote " + rev.year() + " for " + m.name() + " Kommune" + (rev.inputs().demo() ? " (DEMODATA)" : ""));
        r.header(s, "Post", "Tal", "Forklaring");
        r.text(s, "Kommune", m.name(), "");
        r.integer(s, "Kommunekode", code, "");
        r.text(s, "Region", m.regionName(), "Regionskode " + regionCode);
        r.integer(s, "Kvoteår", rev.year(), "");
        r.integer(s, "Revision", rev.revision(), "Nyt landstal eller nye inddata giver en ny revision");
        r.integer(s, "Landstal", rev.result().nationalFigure(), "Det samlede antal flygtninge, der fordeles i " + rev.year());
        r.integer(s, "Regionens kvote", regionLine.quota(), regionLine.agreed()
                ? "Aftalt i KKR" : "Regionernes andel af landstallet efter fordelingsnøglen (arket " + REGIONS_SHEET + " i den nationale projektmappe)");
        r.integer(s, "Aftalte kommunekvoter i regionen", group.agreedTotal(), "Trækkes fra regionens kvote, før nøglen anvendes");
        r.integer(s, "Fordeles efter nøglen (T)", group.sharedTotal(), "Regionens kvote minus aftalte kvoter");
        r.integer(s, "Folketal (P)", line.population(), "1. januar, Danmarks Statistik");
        r.integer(s, "Indvandrere og flygtninge (I)", line.immigrantsAndRefugees(), "Danmarks Statistik");
        r.integer(s, "Familiesammenførte (F)", line.familyReunified(), "Indrejst året før landstallet blev meddelt, CPR");
        if (line.agreed()) {
            r.integer(s, "Kvote", line.quota(), "Aftalt kvote: fordelingsnøglen er ikke brugt for kommunen");
            r.text(s, "Aftalt", "Ja", "");
        } else {
            r.integer(s, "Folketal i regionen (ΣP)", group.population(), "Kommuner uden aftalt kvote");
            r.integer(s, "Indvandrere og flygtninge i regionen (ΣI)", group.immigrantsAndRefugees(), "Kommuner uden aftalt kvote");
            r.integer(s, "Familiesammenførte i regionen (ΣF)", group.familyReunified(), "Kommuner uden aftalt kvote");
            r.share(s, "Befolkningsandel (p)", line.populationShare(), "p = P / ΣP");
            r.share(s, "Andel indvandrere og flygtninge (i)", line.immigrantShare(), "i = I / ΣI");
            r.share(s, "Fordelingsandel (a)", line.distributionShare(), "a = p − (i − p) = 2·p − i");
            r.figure(s, "Beregnet fordelingstal (c)", line.computed(), "c = a · (T + ΣF)");
            r.figure(s, "Foreløbigt fordelingstal (f)", line.preliminary(), "f = c − F");
            r.figure(s, "Skaleret fordelingstal (e)", line.scaled(), line.preliminary().signum() < 0
                    ? "f er negativ og sættes til 0 (vores regel)"
                    : group.scaled() ? "e = f · T / Σ(f > 0) = f · " + group.sharedTotal() + " / "
                            + group.positivePreliminarySum().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()
                            + " (vores regel)" : "e = f (ingen kommuner i regionen har negativt fordelingstal)");
            r.integer(s, "Kvote", line.quota(), "Afrundet efter største brøkdel (vores regel)");
            r.text(s, "Aftalt", "Nej", "");
        }
        if (rev.previous() != null) {
            long before = rev.previous().quotas().getOrDefault(code, 0L);
            r.integer(s, "Forrige kvote", before, "Sammenlignet med " + rev.previous().label());
            r.integer(s, "Ændring", line.quota() - before, "Kvote minus forrige kvote");
        }
        sheet.createFreezePane(0, 2);
        sheet.setColumnWidth(0, 42 * 256);
        sheet.setColumnWidth(1, 18 * 256);
        sheet.setColumnWidth(2, 90 * 256);
    }

    // ---- the key table (regions, municipalities, one region) -----------------------------------

    private record Column(String header, int width, Kind kind, Function<KeyLine, Object> value) {
    }

    private enum Kind {
        CODE, TEXT, INTEGER, SHARE, FIGURE
    }

    /**
     * @param regions   the units are regions (else municipalities)
     * @param groupSums one group, so the shares and figures add up too (else only the additive columns)
     */
    private static void keyTable(Sheet sheet, Styles s, QuotaRevision rev, List<KeyLine> lines, boolean regions,
            boolean groupSums) {
        Municipalities ref = Municipalities.all();
        List<Column> cols = new ArrayList<>();
        if (regions) {
            cols.add(new Column("Regionskode", 13, Kind.CODE, l -> (long) l.code()));
            cols.add(new Column("Region", 24, Kind.TEXT, l -> regionName(l.code())));
        } else {
            cols.add(new Column("Kommunekode", 13, Kind.CODE, l -> (long) l.code()));
            cols.add(new Column("Kommune", 20, Kind.TEXT, l -> ref.get(l.code()).name()));
            cols.add(new Column("Regionskode", 13, Kind.CODE, l -> (long) ref.get(l.code()).regionCode()));
            cols.add(new Column("Region", 24, Kind.TEXT, l -> ref.get(l.code()).regionName()));
        }
        cols.add(new Column("Folketal", 13, Kind.INTEGER, l -> l.population()));
        cols.add(new Column("Indvandrere og flygtninge", 16, Kind.INTEGER, l -> l.immigrantsAndRefugees()));
        cols.add(new Column("Familiesammenførte", 17, Kind.INTEGER, l -> l.familyReunified()));
        cols.add(new Column("Befolkningsandel", 16, Kind.SHARE, KeyLine::populationShare));
        cols.add(new Column("Andel indvandrere og flygtninge", 18, Kind.SHARE, KeyLine::immigrantShare));
        cols.add(new Column("Fordelingsandel", 16, Kind.SHARE, KeyLine::distributionShare));
        cols.add(new Column("Beregnet fordelingstal", 16, Kind.FIGURE, KeyLine::computed));
        cols.add(new Column("Foreløbigt fordelingstal", 16, Kind.FIGURE, KeyLine::preliminary));
        cols.add(new Column("Skaleret fordelingstal", 16, Kind.FIGURE, KeyLine::scaled));
        cols.add(new Column("Kvote", 10, Kind.INTEGER, l -> l.quota()));
        cols.add(new Column("Aftalt", 9, Kind.TEXT, l -> l.agreed() ? "Ja" : "Nej"));
        QuotaRevision.Previous prev = rev.previous();
        if (prev != null) {
            Function<KeyLine, Long> before = regions ? l -> prev.regionTotal(rev.result(), l.code())
                    : l -> prev.quotas().getOrDefault(l.code(), 0L);
            cols.add(new Column("Forrige kvote", 13, Kind.INTEGER, l -> before.apply(l)));
            cols.add(new Column("Ændring", 11, Kind.INTEGER, l -> l.quota() - before.apply(l)));
        }

        Row header = sheet.createRow(0);
        header.setHeightInPoints(32);
        for (int c = 0; c < cols.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(cols.get(c).header());
            cell.setCellStyle(s.header);
            sheet.setColumnWidth(c, cols.get(c).width() * 256);
        }
        BigDecimal[] sums = new BigDecimal[cols.size()];
        int r = 1;
        for (KeyLine line : lines) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < cols.size(); c++) {
                Column col = cols.get(c);
                Object v = col.value().apply(line);
                if (v == null) {
                    continue; // agreed unit: the key's figures do not apply
                }
                Cell cell = row.createCell(c);
                if (v instanceof String text) {
                    cell.setCellValue(text);
                    cell.setCellStyle(s.text);
                    continue;
                }
                BigDecimal n = v instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) v).longValue());
                cell.setCellValue(n.doubleValue());
                cell.setCellStyle(s.style(col.kind(), false));
                if (col.kind() != Kind.CODE) {
                    sums[c] = sums[c] == null ? n : sums[c].add(n);
                }
            }
        }
        sheet.setAutoFilter(new CellRangeAddress(0, r - 1, 0, cols.size() - 1));
        sheet.createFreezePane(2, 1); // header row and code + name stay in view

        Row total = sheet.createRow(r);
        Cell label = total.createCell(0);
        label.setCellValue("I alt");
        label.setCellStyle(s.totalText);
        for (int c = 1; c < cols.size(); c++) {
            Column col = cols.get(c);
            boolean additive = col.kind() == Kind.INTEGER || (groupSums && (col.kind() == Kind.SHARE || col.kind() == Kind.FIGURE));
            Cell cell = total.createCell(c);
            cell.setCellStyle(s.style(col.kind(), true));
            if (additive && sums[c] != null) {
                cell.setCellValue(sums[c].doubleValue());
            }
        }
    }

    // ---- the method --------------------------------------------------------------------------

    private static void methodSheet(Workbook wb, Styles s, QuotaRevision rev) {
        Sheet sheet = wb.createSheet(METHOD_SHEET);
        sheet.setColumnWidth(0, 34 * 256);
        sheet.setColumnWidth(1, 110 * 256);
        Rows r = new Rows(sheet);
        boolean demo = rev.inputs().demo();
        r.title(s, "Boligplacering af flygtninge: kvoter for " + rev.year() + (demo ? " (DEMODATA)" : ""));
        if (demo) {
            r.note(s, "DEMODATA", "Statistikken er opdigtet demodata til afprøvning. Kvoterne må ikke bruges til at placere flygtninge.");
        }
        r.integer(s, "Kvoteår", rev.year(), "");
        r.integer(s, "Landstal", rev.result().nationalFigure(), "");
        r.integer(s, "Revision", rev.revision(), "");
        r.text(s, "Beregnet", DATE_TIME.format(rev.computedAt().atZone(DANISH_TIME)), "");
        r.text(s, "Ændring i forhold til", rev.previous() == null ? "(ingen tidligere kvoter)" : rev.previous().label(), "");
        r.blank();
        r.section(s, "Fordelingsnøglen");
        r.note(s, "Fordeling i to trin", "Først fordeles landstallet på de 5 regioner; derefter fordeles hver regions kvote på "
                + "regionens kommuner. Begge gange bruges samme nøgle på en gruppe, der deler et samlet tal T. "
                + "Aftalte kvoter tages ud først, og T nedsættes med deres sum.");
        r.note(s, "1. Andele", "Befolkningsandel p = P / ΣP og andel indvandrere og flygtninge i = I / ΣI inden for gruppen "
                + "(er ΣI = 0, bruges i = p).");
        r.note(s, "2. Fordelingsandel", "a = p − (i − p) = 2·p − i. Den kan være negativ; andelene summerer til 1.");
        r.note(s, "3. Beregnet fordelingstal", "c = a · (T + ΣF), hvor F er antallet af familiesammenførte.");
        r.note(s, "4. Foreløbigt fordelingstal", "f = c − F. De foreløbige fordelingstal summerer til T.");
        r.note(s, "5. Negative tal (vores regel)", "Et negativt foreløbigt fordelingstal sættes til 0, og de positive skaleres "
                + "forholdsmæssigt ned, så de igen summerer til T: e = f · T / Σ(f > 0).");
        r.note(s, "6. Afrunding (vores regel)", "Største brøkdels metode: alle får e rundet ned, og de T − Σ(nedrundet) "
                + "enheder med de største brøkdele får én mere. Ved lige store brøkdele går den laveste kode først. "
                + "Kvoterne summerer præcis til T.");
        r.note(s, "Regning", "Der regnes eksakt (brøker af hele tal); de viste decimaltal er afrundede til visning.");
        r.blank();
        r.section(s, "Kilder");
        r.note(s, "Lov", "Integrationsloven §§ 6–8.");
        r.note(s, "Bekendtgørelse", "Bekendtgørelse nr. 50 af 18. januar 2008 om boligplacering af flygtninge: regionskvoter § 5, "
                + "kommunekvoter § 9, inddata § 11. Samme nøgle i bekendtgørelse nr. 550 af 3. maj 2022, § 4.");
        r.note(s, "Vores valg", "Hvor bekendtgørelsen ikke fastlægger detaljen, har vi valgt: (1) at overskuddet fra kommuner, "
                + "der sættes til 0, tages tilbage ved forholdsmæssig nedskalering af de øvrige (trin 5), og (2) afrunding "
                + "efter største brøkdel med lige store brøkdele til den laveste kode først (trin 6).");
        r.note(s, "Folketal og indvandrere", "Danmarks Statistik: folketal 1. januar i det år, landstallet meddeles; indvandrere "
                + "og flygtninge (ikke-vestlige indvandrere, ekskl. studerende, au pairs, praktikanter og personer med arbejdstilladelse).");
        r.note(s, "Familiesammenførte", "CPR-registret: familiesammenførte udlændinge, der første gang indrejste i kalenderåret før "
                + "landstallet blev meddelt.");
        r.blank();
        r.section(s, "Inddata");
        r.note(s, "Statistikfil", rev.inputs().statisticsFile().getFileName() + (demo ? " (demodata)" : "") + ", ændret "
                + DATE_TIME.format(rev.inputs().statisticsModified().atZone(DANISH_TIME)) + ", SHA-256 "
                + rev.inputs().statisticsSha256());
        r.note(s, "Aftalefil", rev.inputs().agreementsFile() == null ? "(ingen aftaler)"
                : rev.inputs().agreementsFile().getFileName() + ", ændret "
                        + DATE_TIME.format(rev.inputs().agreementsModified().atZone(DANISH_TIME)) + ", SHA-256 "
                        + rev.inputs().agreementsSha256());
        for (Agreement a : rev.inputs().agreements()) {
            String unit = a.level() == Agreement.Level.REGION ? "Region " + a.code() + " " + regionName(a.code())
                    : "Kommune " + a.code() + " " + Municipalities.all().get(a.code()).name();
            r.integer(s, "Aftalt kvote: " + unit, a.quota(), "");
        }
    }

    private static String regionName(int regionCode) {
        return Municipalities.all().list().stream().filter(m -> m.regionCode() == regionCode).findFirst()
                .map(Municipality::regionName).orElse(String.valueOf(regionCode));
    }

    /** Label/value/explanation rows, top to bottom. */
    private static final class Rows {
        private final Sheet sheet;
        private int next;

        Rows(Sheet sheet) {
            this.sheet = sheet;
        }

        void title(Styles s, String text) {
            Cell c = sheet.createRow(next++).createCell(0);
            c.setCellValue(text);
            c.setCellStyle(s.title);
        }

        void header(Styles s, String... headers) {
            Row row = sheet.createRow(next++);
            for (int k = 0; k < headers.length; k++) {
                Cell c = row.createCell(k);
                c.setCellValue(headers[k]);
                c.setCellStyle(s.header);
            }
        }

        void section(Styles s, String text) {
            Cell c = sheet.createRow(next++).createCell(0);
            c.setCellValue(text);
            c.setCellStyle(s.totalText);
        }

        void blank() {
            next++;
        }

        void note(Styles s, String label, String text) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            row.getCell(0).setCellStyle(s.text);
            Cell c = row.createCell(1);
            c.setCellValue(text);
            c.setCellStyle(s.wrap);
        }

        void text(Styles s, String label, String value, String explanation) {
            Row row = labelled(s, label, explanation);
            Cell c = row.createCell(1);
            c.setCellValue(value);
            c.setCellStyle(s.text);
        }

        void integer(Styles s, String label, long value, String explanation) {
            number(s, label, BigDecimal.valueOf(value), s.integer, explanation);
        }

        void share(Styles s, String label, BigDecimal value, String explanation) {
            number(s, label, value, s.share, explanation);
        }

        void figure(Styles s, String label, BigDecimal value, String explanation) {
            number(s, label, value, s.figure, explanation);
        }

        private void number(Styles s, String label, BigDecimal value, CellStyle style, String explanation) {
            Row row = labelled(s, label, explanation);
            Cell c = row.createCell(1);
            c.setCellValue(value.doubleValue());
            c.setCellStyle(style);
        }

        private Row labelled(Styles s, String label, String explanation) {
            Row row = sheet.createRow(next++);
            Cell l = row.createCell(0);
            l.setCellValue(label);
            l.setCellStyle(s.text);
            if (!explanation.isEmpty()) {
                Cell e = row.createCell(2);
                e.setCellValue(explanation);
                e.setCellStyle(s.wrap);
            }
            return row;
        }
    }

    /** Created once per workbook: a workbook holds at most 64,000 styles. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle title;
        final CellStyle text;
        final CellStyle wrap;
        final CellStyle totalText;
        final CellStyle code;
        final CellStyle integer;
        final CellStyle share;
        final CellStyle figure;
        final CellStyle totalInteger;
        final CellStyle totalShare;
        final CellStyle totalFigure;

        Styles(Workbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setVerticalAlignment(VerticalAlignment.TOP);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            title = wb.createCellStyle();
            title.setFont(big);
            text = wb.createCellStyle();
            text.setVerticalAlignment(VerticalAlignment.TOP);
            wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            totalText = wb.createCellStyle();
            totalText.setFont(bold);
            short integerFormat = wb.createDataFormat().getFormat("#,##0");
            short shareFormat = wb.createDataFormat().getFormat("0.0000%");
            short figureFormat = wb.createDataFormat().getFormat("#,##0.0000");
            code = numeric(wb, wb.createDataFormat().getFormat("0"), null);
            integer = numeric(wb, integerFormat, null);
            share = numeric(wb, shareFormat, null);
            figure = numeric(wb, figureFormat, null);
            totalInteger = numeric(wb, integerFormat, bold);
            totalShare = numeric(wb, shareFormat, bold);
            totalFigure = numeric(wb, figureFormat, bold);
        }

        CellStyle style(Kind kind, boolean total) {
            return switch (kind) {
                case CODE -> code;
                case TEXT -> total ? totalText : text;
                case INTEGER -> total ? totalInteger : integer;
                case SHARE -> total ? totalShare : share;
                case FIGURE -> total ? totalFigure : figure;
            };
        }

        private static CellStyle numeric(Workbook wb, short format, Font font) {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(format);
            if (font != null) {
                style.setFont(font);
                style.setBorderTop(BorderStyle.THIN);
            }
            return style;
        }
    }
}
