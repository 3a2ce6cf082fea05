package dk.udlaendinge.batch.common;

/**
 * Text cells of the CSV files the application writes, made safe to open in a spreadsheet.
 * A cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return is taken by Excel and LibreOffice as a formula ({@code =HYPERLINK(...)} in a
 * name from the registry would run on the clerk's machine), so such a cell gets a leading
 * single quote, as the OWASP guidance on CSV injection says. Only text the application
 * did not compute goes through here: numbers we write ourselves (a negative quota change)
 * stay numbers.
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    /**
     * The cell as written: unchanged, or with a leading {@code '} when a spreadsheet
     * would run it.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return runsAsFormula(value.charAt(0)) ? "'" + value : value;
    }

    /**
     * Every cell of a record through {@link #text}; numbers and other non-text values
     * stay as they are.
     */
    public static Object[] row(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = cells[i] instanceof CharSequence s ? text(s.toString()) : cells[i];
        }
        return safe;
    }

    private static boolean runsAsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

}
