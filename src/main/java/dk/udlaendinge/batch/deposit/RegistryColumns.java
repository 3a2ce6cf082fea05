package dk.udlaendinge.batch.deposit;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deposit table's columns and their limits, in one place: the import CSV's columns in
 * the order docs/REGISTRY.md fixes (the 18 of the first format, then the second format's
 * four), and those the import derives from {@link SecurityRules}.
 * {@link RegistryRowValidator} checks every value against these limits (so a row that
 * would not fit is rejected with its line instead of failing the whole import in the
 * database), {@link DepositUpsert} casts its parameters to these types, and a test
 * compares them with the real schema (INFORMATION_SCHEMA), so the three cannot drift
 * apart.
 */
public final class RegistryColumns {

    /** What the column holds, for the validator and the SQL type. */
    public enum Kind {

        TEXT, BOOLEAN, INTEGER, DECIMAL, DATE

    }

    /**
     * One column. {@code length} is the most characters of a TEXT column;
     * {@code precision} and {@code scale} those of a DECIMAL column. {@code personal}
     * columns hold personal data (docs/REGISTRY.md, "Personal data"): their values are
     * never quoted in a reject reason.
     */
    public record Column(String name, Kind kind, int length, int precision, int scale, boolean personal) {

        public String sqlType() {
            return switch (kind) {
                case TEXT -> "VARCHAR(" + length + ")";
                case BOOLEAN -> "BOOLEAN";
                case INTEGER -> "INTEGER";
                case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
                case DATE -> "DATE";
            };
        }

        /** Digits a DECIMAL column takes before the decimal point. */
        public int integerDigits() {
            return precision - scale;
        }
    }

    private static Column text(String name, int length, boolean personal) {
        return new Column(name, Kind.TEXT, length, 0, 0, personal);
    }

    private static Column of(String name, Kind kind) {
        return new Column(name, kind, 0, 0, 0, false);
    }

    /** The import CSV's columns, in file order. */
    public static final List<Column> CSV = List.of(text("deposit_id", 40, false), text("case_number", 100, false),
            text("reference_cpr", 11, true), text("reference_name", 200, true), text("address_line", 200, true),
            text("postal_code", 4, true), text("city", 100, true), of("digital_post_exempt", Kind.BOOLEAN),
            text("digital_post_address", 200, true), text("spouse_name", 200, true),
            of("municipality_code", Kind.INTEGER), text("legal_basis", 10, false), text("security_form", 20, false),
            new Column("amount_dkk", Kind.DECIMAL, 0, 12, 2, false), of("posted_date", Kind.DATE),
            of("permit_granted_date", Kind.DATE), of("permanent_residence_date", Kind.DATE),
            text("danish_test", 20, false));

    /**
     * The second import format's four columns, after the first format's 18
     * (docs/REGISTRY.md).
     */
    public static final List<Column> SECOND_FORMAT = List.of(of("application_date", Kind.DATE),
            of("valid_until", Kind.DATE), of("released_date", Kind.DATE), text("release_reason", 20, false));

    /**
     * Every column of the deposit table, in the table's order: the first format's, the
     * two derived from the start, the second format's, then the two derived since the
     * rule sets (V17 added them at the end). {@code expiry_date} is the end the security
     * runs to under its rule set, {@code renewable} whether that end still falls short of
     * the years in all.
     */
    public static final List<Column> TABLE = Stream
        .of(CSV.stream(), Stream.of(of("expiry_date", Kind.DATE), of("renewable", Kind.BOOLEAN)),
                SECOND_FORMAT.stream(), Stream.of(text("rule_set", 1, false), of("extend_until", Kind.DATE)))
        .flatMap(s -> s)
        .toList();

    private static final Map<String, Column> BY_NAME = TABLE.stream()
        .collect(Collectors.toUnmodifiableMap(Column::name, Function.identity()));

    /** The header of the first (18-column) format. */
    public static final List<String> NAMES = CSV.stream().map(Column::name).toList();

    /**
     * The header of the second format: the 18 columns, then application_date,
     * valid_until, released_date, release_reason.
     */
    public static final List<String> SECOND_FORMAT_NAMES = Stream.concat(CSV.stream(), SECOND_FORMAT.stream())
        .map(Column::name)
        .toList();

    /**
     * The registry headers the import accepts; any other is refused before the job
     * starts.
     */
    public static final List<List<String>> FORMATS = List.of(NAMES, SECOND_FORMAT_NAMES);

    public static final List<String> DOCUMENT_NAMES = List.of("deposit_id", "path");

    /**
     * The format a registry file's first line names (a byte-order mark and surrounding
     * blanks ignored, as the header check ignores them), or {@code null} when it is
     * neither.
     */
    public static List<String> formatOf(String headerLine) {
        if (headerLine == null) {
            return null;
        }
        String h = (headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine).strip();
        return FORMATS.stream().filter(f -> String.join(";", f).equals(h)).findFirst().orElse(null);
    }

    /** The column named {@code name}; an unknown name is a programming error. */
    public static Column column(String name) {
        Column c = BY_NAME.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no deposit column " + name);
        }
        return c;
    }

    private RegistryColumns() {
    }

}
