package dk.udlaendinge.batch.deposit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import dk.udlaendinge.batch.common.PersonalData;

/**
 * Every rule of SPEC §1 for one registry row. Pure: the caller gives the values by column
 * name and the date that counts as today; the result is a {@link Deposit} or an
 * {@link InvalidRowException} naming line, column and reason.
 */
public final class RegistryRowValidator {

    private static final Pattern AMOUNT = Pattern.compile("\\d+([.,]\\d{1,2})?");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{4}");

    private final IntPredicate knownMunicipality;
    private final LocalDate today;

    public RegistryRowValidator(IntPredicate knownMunicipality, LocalDate today) {
        this.knownMunicipality = knownMunicipality;
        this.today = today;
    }

    /** Reads one named value of the row. */
    @FunctionalInterface
    public interface Row {
        String get(String column);
    }

    public Deposit validate(long line, Row row) {
        Fields f = new Fields(line, row);
        String depositId = f.required("deposit_id");
        if (depositId.length() > 40) {
            throw f.invalid("deposit_id", "must be at most 40 characters, has " + depositId.length());
        }
        String caseNumber = f.required("case_number");
        String cpr = f.value("reference_cpr");
        String cprProblem = CprNumber.problem(cpr);
        if (cprProblem != null) {
            throw f.invalid("reference_cpr", "value " + PersonalData.maskCpr(cpr) + " " + cprProblem);
        }
        String name = f.required("reference_name");
        String address = f.required("address_line");
        String postal = f.value("postal_code");
        if (!POSTAL_CODE.matcher(postal).matches() || Integer.parseInt(postal) < 555 || Integer.parseInt(postal) > 9990) {
            throw f.invalid("postal_code", "must be 4 digits between 0555 and 9990, was '" + postal + "'");
        }
        String city = f.required("city");
        String exemptText = f.value("digital_post_exempt");
        if (!exemptText.equals("true") && !exemptText.equals("false")) {
            throw f.invalid("digital_post_exempt", "must be true or false, was '" + exemptText + "'");
        }
        boolean exempt = Boolean.parseBoolean(exemptText);
        String digitalAddress = f.value("digital_post_address");
        if (!exempt && digitalAddress.isEmpty()) {
            throw f.invalid("digital_post_address", "is required when the person is not exempt from Digital Post");
        }
        String spouse = f.required("spouse_name");
        String codeText = f.value("municipality_code");
        int code;
        try {
            code = Integer.parseInt(codeText);
        } catch (NumberFormatException e) {
            throw f.invalid("municipality_code", "must be a municipality code, was '" + codeText + "'");
        }
        if (!knownMunicipality.test(code)) {
            throw f.invalid("municipality_code", "is not one of the 98 municipality codes: " + codeText);
        }
        LegalBasis basis = LegalBasis.fromCode(f.value("legal_basis"))
                .orElseThrow(() -> f.invalid("legal_basis", "must be 9-1-1 or 9c-1, was '" + f.value("legal_basis") + "'"));
        SecurityForm form = f.enumValue("security_form", SecurityForm.class);
        String amountText = f.value("amount_dkk");
        if (!AMOUNT.matcher(amountText).matches()) {
            throw f.invalid("amount_dkk", "must be a positive amount with at most two decimals and no thousands separator, was '" + amountText + "'");
        }
        BigDecimal amount = new BigDecimal(amountText.replace(',', '.'));
        if (amount.signum() <= 0) {
            throw f.invalid("amount_dkk", "must be greater than 0, was '" + amountText + "'");
        }
        LocalDate posted = f.date("posted_date");
        if (posted.isAfter(today)) {
            throw f.invalid("posted_date", "is in the future: " + posted);
        }
        LocalDate permit = f.date("permit_granted_date");
        LocalDate permanent = f.value("permanent_residence_date").isEmpty() ? null : f.date("permanent_residence_date");
        DanishTest test = f.enumValue("danish_test", DanishTest.class);
        return new Deposit(depositId, caseNumber, cpr, name, address, postal, city, exempt,
                digitalAddress.isEmpty() ? null : digitalAddress, spouse, code, basis, form,
                amount.setScale(2), posted, permit, permanent, test);
    }

    private record Fields(long line, Row row) {

        String value(String column) {
            String v = row.get(column);
            return v == null ? "" : v.trim();
        }

        String required(String column) {
            String v = value(column);
            if (v.isEmpty()) {
                throw invalid(column, "must not be empty");
            }
            return v;
        }

        LocalDate date(String column) {
            String v = value(column);
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw invalid(column, "must be an ISO date yyyy-MM-dd, was '" + v + "'");
            }
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String v = value(column);
            Optional<E> e = java.util.Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(v)).findFirst();
            return e.orElseThrow(() -> invalid(column, "must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", was '" + v + "'"));
        }

        InvalidRowException invalid(String column, String reason) {
            return new InvalidRowException(line, column, reason);
        }
    }
}
