package dk.udlaendinge.batch.quota.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.PrintLayout;
import dk.udlaendinge.batch.quota.internal.WorkbookStyles.Kind;
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * One table of the distribution key: a row per unit with every input, intermediate share
 * and result, then a total row. Which units, and which columns may be summed, is the
 * {@link Table}.
 *
 * <p>
 * On paper the table is two parts side by side: first what a clerk reads (the unit, its
 * inputs, its quota, the change), then the calculation (shares and figures), each part at
 * a readable size with the unit's code and name repeated (issue: the whole table fitted
 * to one page wide printed at about 5 pt).
 */
final class KeyTableSheet {

    /**
     * The three tables the workbooks hold. Shares and figures add up (to 100 % and to T)
     * only within one group that shared a total, so only there does the total row sum
     * them.
     */
    enum Table {

        /** The 5 regions sharing the national figure. */
        REGIONS(true),
        /** All 98 municipalities: five groups, so only counts and quotas are summed. */
        ALL_MUNICIPALITIES(false),
        /** The municipalities of one region, sharing the region's quota. */
        ONE_REGION(true);

        private final boolean oneGroup;

        Table(boolean oneGroup) {
            this.oneGroup = oneGroup;
        }

        boolean sums(Kind kind) {
            return kind == Kind.INTEGER || (oneGroup && (kind == Kind.SHARE || kind == Kind.FIGURE));
        }

    }

    private record Column(String header, int width, Kind kind, Function<KeyLine, Object> value, boolean calculation) {

        Column(String header, int width, Kind kind, Function<KeyLine, Object> value) {
            this(header, width, kind, value, false);
        }
    }

    /**
     * The print scale of the tables: 11-point text prints at 9.35 pt, and each part fits
     * A4 landscape (about 150 character units at this scale, measured in LibreOffice with
     * Calibri's metrics).
     */
    static final int PRINT_SCALE = 85;

    /** Code and name: repeated at the left of every printed page. */
    static final int REPEATED_COLUMNS = 2;

    /** The header is three lines: long headers wrap between their words. */
    private static final float HEADER_POINTS = 46;

    private KeyTableSheet() {
    }

    static void write(Sheet sheet, WorkbookStyles s, QuotaRevision rev, List<KeyLine> lines, Table table) {
        write(sheet, s, rev, lines, table, null);
    }

    /**
     * @param highlight the code of the unit whose row stands out (a municipality's own),
     * or {@code null}
     */
    static void write(Sheet sheet, WorkbookStyles s, QuotaRevision rev, List<KeyLine> lines, Table table,
            Integer highlight) {
        List<Column> cols = columns(rev, table);
        Row header = sheet.createRow(0);
        header.setHeightInPoints(HEADER_POINTS);
        for (int c = 0; c < cols.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(cols.get(c).header());
            cell.setCellStyle(cols.get(c).kind() == Kind.TEXT ? s.header : s.headerRight);
            sheet.setColumnWidth(c, cols.get(c).width() * 256);
        }
        BigDecimal[] sums = new BigDecimal[cols.size()];
        int r = 1;
        for (KeyLine line : lines) {
            Row row = sheet.createRow(r++);
            boolean own = highlight != null && line.code() == highlight;
            for (int c = 0; c < cols.size(); c++) {
                Column col = cols.get(c);
                Object v = col.value().apply(line);
                if (v == null && !own) {
                    continue; // agreed unit: the key's figures do not apply
                }
                Cell cell = row.createCell(c);
                cell.setCellStyle(own ? s.highlighted(col.kind()) : s.body(col.kind()));
                if (v == null) {
                    continue; // the highlight runs across the row, the figures stay empty
                }
                if (v instanceof String text) {
                    cell.setCellValue(text);
                    continue;
                }
                BigDecimal n = v instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) v).longValue());
                cell.setCellValue(n.doubleValue());
                if (col.kind() != Kind.CODE) {
                    sums[c] = sums[c] == null ? n : sums[c].add(n);
                }
            }
        }
        sheet.setAutoFilter(new CellRangeAddress(0, r - 1, 0, cols.size() - 1));
        sheet.createFreezePane(2, 1); // header row and code + name stay in view
        totalRow(sheet.createRow(r), s, cols, sums, table);
        int lastReaderColumn = 0;
        while (lastReaderColumn + 1 < cols.size() && !cols.get(lastReaderColumn + 1).calculation()) {
            lastReaderColumn++;
        }
        PrintLayout.landscapeInParts(sheet, 1, REPEATED_COLUMNS, new int[] { lastReaderColumn }, PRINT_SCALE);
    }

    private static void totalRow(Row total, WorkbookStyles s, List<Column> cols, BigDecimal[] sums, Table table) {
        Cell label = total.createCell(0);
        label.setCellValue("I alt");
        label.setCellStyle(s.totalText);
        for (int c = 1; c < cols.size(); c++) {
            Column col = cols.get(c);
            Cell cell = total.createCell(c);
            cell.setCellStyle(s.total(col.kind()));
            if (table.sums(col.kind()) && sums[c] != null) {
                cell.setCellValue(sums[c].doubleValue());
            }
        }
    }

    private static List<Column> columns(QuotaRevision rev, Table table) {
        Municipalities ref = Municipalities.all();
        List<Column> cols = new ArrayList<>();
        // widths in character units: each header's longest word in bold fits, so headers
        // wrap between words
        if (table == Table.REGIONS) {
            cols.add(new Column("Regionskode", 13, Kind.CODE, l -> (long) l.code()));
            cols.add(new Column("Region", 19, Kind.TEXT, l -> Regions.name(l.code())));
        }
        else {
            cols.add(new Column("Kommunekode", 15, Kind.CODE, l -> (long) l.code()));
            cols.add(new Column("Kommune", 18, Kind.TEXT, l -> ref.get(l.code()).name()));
            cols.add(new Column("Regionskode", 13, Kind.CODE, l -> (long) ref.get(l.code()).regionCode()));
            cols.add(new Column("Region", 19, Kind.TEXT, l -> ref.get(l.code()).regionName()));
        }
        // what a clerk reads: the inputs and the result
        cols.add(new Column("Folketal", 12, Kind.INTEGER, l -> l.population()));
        cols.add(new Column("Indvandrere og flygtninge", 14, Kind.INTEGER, l -> l.immigrantsAndRefugees()));
        cols.add(new Column("Familiesammenførte", 21, Kind.INTEGER, l -> l.familyReunified()));
        cols.add(new Column("Kvote", 10, Kind.INTEGER, l -> l.quota()));
        cols.add(new Column("Aftalt", 9, Kind.TEXT, l -> l.agreed() ? "Ja" : "Nej"));
        QuotaRevision.Previous prev = rev.previous();
        if (prev != null) {
            Function<KeyLine, Long> before = table == Table.REGIONS ? l -> prev.regionTotal(rev.result(), l.code())
                    : l -> prev.quotas().getOrDefault(l.code(), 0L);
            cols.add(new Column("Forrige kvote", 10, Kind.INTEGER, l -> before.apply(l)));
            cols.add(new Column("Ændring", 10, Kind.INTEGER, l -> l.quota() - before.apply(l)));
        }
        // the calculation, printed as the second part
        cols.add(new Column("Befolkningsandel", 18, Kind.SHARE, KeyLine::populationShare, true));
        cols.add(new Column("Andel indvandrere og flygtninge", 15, Kind.SHARE, KeyLine::immigrantShare, true));
        cols.add(new Column("Fordelingsandel", 17, Kind.SHARE, KeyLine::distributionShare, true));
        cols.add(new Column("Beregnet fordelingstal", 15, Kind.FIGURE, KeyLine::computed, true));
        cols.add(new Column("Foreløbigt fordelingstal", 15, Kind.FIGURE, KeyLine::preliminary, true));
        cols.add(new Column("Skaleret fordelingstal", 15, Kind.FIGURE, KeyLine::scaled, true));
        return cols;
    }

}
