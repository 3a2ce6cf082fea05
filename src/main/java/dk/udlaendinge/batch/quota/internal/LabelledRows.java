package dk.udlaendinge.batch.quota.internal;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Label / value / explanation rows, written top to bottom: the layout of the method sheet
 * and of a municipality's own sheet.
 */
final class LabelledRows {

    private final Sheet sheet;

    private final WorkbookStyles s;

    private int next;

    private final boolean numbersLeft;

    LabelledRows(Sheet sheet, WorkbookStyles styles) {
        this(sheet, styles, false);
    }

    /**
     * @param numbersLeft numbers start where the texts of their column do (a column of
     * mostly text)
     */
    LabelledRows(Sheet sheet, WorkbookStyles styles, boolean numbersLeft) {
        this.sheet = sheet;
        this.s = styles;
        this.numbersLeft = numbersLeft;
    }

    void title(String text) {
        Cell c = sheet.createRow(next++).createCell(0);
        c.setCellValue(text);
        c.setCellStyle(s.title);
    }

    void header(String... headers) {
        Row row = sheet.createRow(next++);
        for (int k = 0; k < headers.length; k++) {
            Cell c = row.createCell(k);
            c.setCellValue(headers[k]);
            c.setCellStyle(s.header);
        }
    }

    void section(String text) {
        Cell c = sheet.createRow(next++).createCell(0);
        c.setCellValue(text);
        c.setCellStyle(s.totalText);
    }

    void blank() {
        next++;
    }

    /** A label and a long text, both wrapped inside their columns. */
    void note(String label, String text) {
        Row row = sheet.createRow(next++);
        Cell l = row.createCell(0);
        l.setCellValue(label);
        l.setCellStyle(s.wrap);
        Cell c = row.createCell(1);
        c.setCellValue(text);
        c.setCellStyle(s.wrap);
    }

    void text(String label, String value, String explanation) {
        Row row = labelled(label, explanation);
        Cell c = row.createCell(1);
        c.setCellValue(value);
        c.setCellStyle(s.text);
    }

    void integer(String label, long value, String explanation) {
        number(label, BigDecimal.valueOf(value), numbersLeft ? s.integerLeft : s.integer, explanation);
    }

    /**
     * A year or a code: a number without a thousands separator ("2015", never "2,015").
     */
    void plain(String label, long value, String explanation) {
        number(label, BigDecimal.valueOf(value), numbersLeft ? s.codeLeft : s.code, explanation);
    }

    /** The one figure a reader looks for, large, on a row of its own. */
    void big(String label, long value, String explanation) {
        Row row = sheet.createRow(next++);
        row.setHeightInPoints(36);
        Cell l = row.createCell(0);
        l.setCellValue(label);
        l.setCellStyle(s.bigLabel);
        Cell c = row.createCell(1);
        c.setCellValue(value);
        c.setCellStyle(s.bigNumber);
        if (!explanation.isEmpty()) {
            Cell e = row.createCell(2);
            e.setCellValue(explanation);
            e.setCellStyle(s.bigLabel);
        }
    }

    /** Rows written so far: the next row's index. */
    int rows() {
        return next;
    }

    void share(String label, BigDecimal value, String explanation) {
        number(label, value, s.share, explanation);
    }

    void figure(String label, BigDecimal value, String explanation) {
        number(label, value, s.figure, explanation);
    }

    private void number(String label, BigDecimal value, CellStyle style, String explanation) {
        Row row = labelled(label, explanation);
        Cell c = row.createCell(1);
        c.setCellValue(value.doubleValue());
        c.setCellStyle(style);
    }

    private Row labelled(String label, String explanation) {
        Row row = sheet.createRow(next++);
        Cell l = row.createCell(0);
        l.setCellValue(label);
        l.setCellStyle(s.wrap);
        if (!explanation.isEmpty()) {
            Cell e = row.createCell(2);
            e.setCellValue(explanation);
            e.setCellStyle(s.wrap);
        }
        return row;
    }

}
