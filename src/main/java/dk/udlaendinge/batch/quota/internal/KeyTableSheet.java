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
import dk.udlaendinge.batch.quota.KeyLine;
import dk.udlaendinge.batch.quota.QuotaRevision;
import dk.udlaendinge.batch.quota.internal.WorkbookStyles.Kind;

/**
 * One table of the distribution key: a row per unit with every input, intermediate share and
 * result, then a total row. Which units, and which columns may be summed, is the {@link Table}.
 */
final class KeyTableSheet {

    /**
     * The three tables the workbooks hold. Shares and figures add up (to 100 % and to T) only
     * within one group that shared a total, so only there does the total row sum them.
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

    private record Column(String header, int width, Kind kind, Function<KeyLine, Object> value) {
    }

    private KeyTableSheet() {
    }

    static void write(Sheet sheet, WorkbookStyles s, QuotaRevision rev, List<KeyLine> lines, Table table) {
        List<Column> cols = columns(rev, table);
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
                cell.setCellStyle(s.body(col.kind()));
                if (col.kind() != Kind.CODE) {
                    sums[c] = sums[c] == null ? n : sums[c].add(n);
                }
            }
        }
        sheet.setAutoFilter(new CellRangeAddress(0, r - 1, 0, cols.size() - 1));
        sheet.createFreezePane(2, 1); // header row and code + name stay in view
        totalRow(sheet.createRow(r), s, cols, sums, table);
        PrintLayout.landscapeTable(sheet, 1);
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
        if (table == Table.REGIONS) {
            cols.add(new Column("Regionskode", 13, Kind.CODE, l -> (long) l.code()));
            cols.add(new Column("Region", 24, Kind.TEXT, l -> Regions.name(l.code())));
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
            Function<KeyLine, Long> before = table == Table.REGIONS ? l -> prev.regionTotal(rev.result(), l.code())
                    : l -> prev.quotas().getOrDefault(l.code(), 0L);
            cols.add(new Column("Forrige kvote", 13, Kind.INTEGER, l -> before.apply(l)));
            cols.add(new Column("Ændring", 11, Kind.INTEGER, l -> l.quota() - before.apply(l)));
        }
        return cols;
    }
}
