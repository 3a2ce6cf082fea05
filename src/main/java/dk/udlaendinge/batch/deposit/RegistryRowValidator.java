package dk.udlaendinge.batch.deposit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import dk.udlaendinge.batch.common.MailAddress;
import dk.udlaendinge.batch.common.PersonalData;
import dk.udlaendinge.batch.deposit.RegistryColumns.Column;
import dk.udlaendinge.batch.deposit.RegistryColumns.Kind;

/**
 * Every rule of docs/REGISTRY.md for one registry row. Pure: the caller gives the values
 * by column name and the date that counts as today; the result is a {@link Deposit} or an
 * {@link InvalidRowException} naming line, column and reason.
 *
 * <p>
 * Every value is also checked against its column's limits in {@link RegistryColumns}, so
 * that nothing reaches the database that it would refuse: a value the database refuses
 * fails the whole chunk, not the one row. Reasons quote a value only for columns that are
 * not personal and only when it is plainly harmless
 * ({@link PersonalData#quoteIfHarmless}); otherwise they describe it (a CPR number typed
 * into the postal code column shows as "(11 characters, masked)").
 */
public final class RegistryRowValidator {

    /**
     * Dates outside these years are typing errors, and some would not fit the database's
     * DATE.
     */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2100;

    private static final Pattern AMOUNT = Pattern.compile("\\d+([.,]\\d{1,2})?");

    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{4}");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final IntPredicate knownMunicipality;

    private final LocalDate today;

    private final SecurityRules rules;

    public RegistryRowValidator(IntPredicate knownMunicipality, LocalDate today) {
        this(knownMunicipality, today, SecurityRules.THROUGH_TIME);
    }

    public RegistryRowValidator(IntPredicate knownMunicipality, LocalDate today, SecurityRules rules) {
        this.knownMunicipality = knownMunicipality;
        this.today = today;
        this.rules = rules;
    }

    /** Reads one named value of the row. */
    @FunctionalInterface
    public interface Row {

        String get(String column);

    }

    /**
     * The longest address line a letter's envelope window shows on at most two lines: the
     * window is 75 mm wide inside its margins (notice.letter.PageGeometry), about 40
     * average characters of the address's 10-point type, and holds the name, the street
     * and postal code with city. A longer line pushes the address out of the window,
     * where the post cannot read it.
     */
    static final int ADDRESS_LINE_WINDOW = 80;

    public Deposit validate(long line, Row row) {
        Fields f = new Fields(line, row);
        String depositId = f.required("deposit_id");
        String caseNumber = f.required("case_number");
        String cpr = f.value("reference_cpr");
        String cprProblem = CprNumber.problem(cpr);
        if (cprProblem != null) {
            throw f.invalid("reference_cpr", "value " + PersonalData.maskCpr(cpr) + " " + cprProblem);
        }
        String name = f.required("reference_name");
        String address = f.required("address_line");
        if (address.codePointCount(0, address.length()) > ADDRESS_LINE_WINDOW) {
            throw f.invalid("address_line", "is too long for the envelope window: at most " + ADDRESS_LINE_WINDOW
                    + " characters, has " + address.codePointCount(0, address.length()));
        }
        String postal = f.value("postal_code");
        if (!POSTAL_CODE.matcher(postal).matches() || Integer.parseInt(postal) < 555
                || Integer.parseInt(postal) > 9990) {
            throw f.invalid("postal_code",
                    "must be 4 digits between 0555 and 9990, was " + f.shown("postal_code", postal));
        }
        String city = f.required("city");
        String exemptText = f.value("digital_post_exempt");
        if (!exemptText.equals("true") && !exemptText.equals("false")) {
            throw f.invalid("digital_post_exempt",
                    "must be true or false, was " + f.shown("digital_post_exempt", exemptText));
        }
        boolean exempt = Boolean.parseBoolean(exemptText);
        String digitalAddress = f.text("digital_post_address");
        if (!exempt && digitalAddress.isEmpty()) {
            throw f.invalid("digital_post_address", "is required when the person is not exempt from Digital Post");
        }
        if (!digitalAddress.isEmpty()) {
            String problem = MailAddress.problem(digitalAddress);
            if (problem != null) {
                throw f.invalid("digital_post_address", "must be exactly one plain address local@domain, but it "
                        + problem + " " + PersonalData.mask(digitalAddress));
            }
        }
        String spouse = f.required("spouse_name");
        String codeText = f.value("municipality_code");
        int code;
        try {
            code = Integer.parseInt(codeText);
        }
        catch (NumberFormatException e) {
            throw f.invalid("municipality_code",
                    "must be a municipality code, was " + f.shown("municipality_code", codeText));
        }
        if (!knownMunicipality.test(code)) {
            throw f.invalid("municipality_code", "is not one of the 98 municipality codes: "
                    + (codeText.length() <= 5 ? codeText : PersonalData.mask(codeText)));
        }
        String basisText = f.value("legal_basis");
        LegalBasis basis = LegalBasis.fromCode(basisText)
            .orElseThrow(
                    () -> f.invalid("legal_basis", "must be 9-1-1 or 9c-1, was " + f.shown("legal_basis", basisText)));
        SecurityForm form = f.enumValue("security_form", SecurityForm.class);
        BigDecimal amount = f.amount("amount_dkk");
        LocalDate posted = f.date("posted_date");
        if (posted.isAfter(today)) {
            throw f.invalid("posted_date", "is in the future: " + posted);
        }
        LocalDate permit = f.date("permit_granted_date");
        LocalDate permanent = f.value("permanent_residence_date").isEmpty() ? null : f.date("permanent_residence_date");
        DanishExam test = f.enumValue("danish_test", DanishExam.class);
        // the second format's columns (docs/REGISTRY.md); a file of the first format has
        // none, read as empty
        LocalDate applied = f.optionalDate("application_date");
        if (rules.ruleSetFor(posted, applied).isEmpty()) {
            throw f.invalid("application_date",
                    "is required for a security posted on or after " + SecurityRules.APPLICATION_DATE_REQUIRED_FROM
                            + " (this one was posted " + posted
                            + "): the rule set that governs it, and so whether it runs 5 or 10 years and is renewed,"
                            + " depends on the date the application was submitted");
        }
        LocalDate validUntil = f.optionalDate("valid_until");
        if (validUntil != null && validUntil.isBefore(permit)) {
            throw f.invalid("valid_until", "is before the permit date " + permit + ": " + validUntil);
        }
        LocalDate released = f.optionalDate("released_date");
        String reasonText = f.value("release_reason");
        if (released != null && released.isAfter(today)) {
            throw f.invalid("released_date", "is in the future: " + released);
        }
        if (released != null && reasonText.isEmpty()) {
            throw f.invalid("release_reason", "is required when released_date is given; one of "
                    + java.util.Arrays.toString(ReleaseReason.values()));
        }
        if (released == null && !reasonText.isEmpty()) {
            throw f.invalid("released_date",
                    "is required when release_reason is given (was " + f.shown("release_reason", reasonText) + ")");
        }
        ReleaseReason reason = released == null ? null : f.enumValue("release_reason", ReleaseReason.class);
        return new Deposit(depositId, caseNumber, cpr, name, address, postal, city, exempt,
                digitalAddress.isEmpty() ? null : digitalAddress, spouse, code, basis, form, amount.setScale(2), posted,
                permit, permanent, test, applied, validUntil, released, reason);
    }

    private record Fields(long line, Row row) {

        /**
         * The trimmed value, free of control characters. Columns with a format rule check
         * it themselves.
         */
        String value(String column) {
            String v = row.get(column);
            v = v == null ? "" : v.trim();
            if (v.chars().anyMatch(Character::isISOControl)) {
                throw invalid(column,
                        "must not contain control characters (a tab or line break), was " + shown(column, v));
            }
            return v;
        }

        /**
         * A free-text value, within its column's length (the format rules of other
         * columns imply theirs).
         */
        String text(String column) {
            String v = value(column);
            Column c = RegistryColumns.column(column);
            if (c.kind() == Kind.TEXT && v.length() > c.length()) {
                throw invalid(column, "must be at most " + c.length() + " characters, has " + v.length());
            }
            return v;
        }

        String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                throw invalid(column, "must not be empty");
            }
            // trim() leaves non-breaking and other Unicode spaces: a name or city of only
            // those is empty too
            if (v.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                throw invalid(column, "must not be empty (it has only blanks)");
            }
            return v;
        }

        /** A positive amount that fits the column's DECIMAL(precision, scale). */
        BigDecimal amount(String column) {
            String v = value(column);
            if (!AMOUNT.matcher(v).matches()) {
                throw invalid(column,
                        "must be a positive amount with at most two decimals and no thousands separator, was "
                                + shown(column, v));
            }
            BigDecimal amount = new BigDecimal(v.replace(',', '.'));
            if (amount.signum() <= 0) {
                throw invalid(column, "must be greater than 0, was " + shown(column, v));
            }
            Column c = RegistryColumns.column(column);
            if (amount.precision() - amount.scale() > c.integerDigits()) {
                throw invalid(column, "must have at most " + c.integerDigits()
                        + " digits before the decimal point, has " + (amount.precision() - amount.scale()));
            }
            return amount;
        }

        LocalDate date(String column) {
            String v = value(column);
            LocalDate date;
            try {
                // the pattern first: LocalDate.parse also takes +999999999-12-31
                if (!ISO_DATE.matcher(v).matches()) {
                    throw new DateTimeParseException("not yyyy-MM-dd", v, 0);
                }
                date = LocalDate.parse(v);
            }
            catch (DateTimeParseException e) {
                throw invalid(column, "must be an ISO date yyyy-MM-dd, was " + shown(column, v));
            }
            if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                throw invalid(column,
                        "must be a date in the years " + FIRST_YEAR + " to " + LAST_YEAR + ", was " + date);
            }
            return date;
        }

        /**
         * An ISO date, or {@code null} for an empty value (or a column the file's format
         * does not have).
         */
        LocalDate optionalDate(String column) {
            return value(column).isEmpty() ? null : date(column);
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String v = value(column);
            Optional<E> e = java.util.Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equals(v))
                .findFirst();
            return e.orElseThrow(() -> invalid(column, "must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", was " + shown(column, v)));
        }

        /**
         * A value as a reason may show it: masked in a personal column, quoted only when
         * harmless.
         */
        String shown(String column, String v) {
            return RegistryColumns.column(column).personal() ? PersonalData.mask(v) : PersonalData.quoteIfHarmless(v);
        }

        InvalidRowException invalid(String column, String reason) {
            return new InvalidRowException(line, column, reason);
        }
    }

}
