package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dk.udlaendinge.batch.common.Municipalities;

class RegistryRowValidatorTest {

    /** Row EX-0002 of /work/shared/samples/registry-example.csv, copied verbatim. */
    private static final String SAMPLE_ROW = "EX-0002;FAM/2011/100355;030284-2917;Jens Østergaard;Vestergade 4;5000;Odense C;false;"
            + "jens.ostergaard@digitalpost.example;Maria Santos;461;9-1-1;PLEDGED_ACCOUNT;50000.00;"
            + "2011-02-10;2011-03-01;;A1";

    private static final String CPR = "030284-2917";

    private static final String NAME = "Jens Østergaard";

    private static final String SPOUSE = "Maria Santos";

    private static final long LINE = 7;

    private static final LocalDate TODAY = LocalDate.of(2014, 12, 1);

    private final RegistryRowValidator validator = new RegistryRowValidator(Municipalities.all()::contains, TODAY);

    private static Map<String, String> parse(String line) {
        String[] values = line.split(";", -1);
        assertThat(values).hasSameSizeAs(RegistryColumns.NAMES.toArray());
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(RegistryColumns.NAMES.get(i), values[i]);
        }
        return row;
    }

    private static Map<String, String> sampleWith(String column, String value) {
        assertThat(RegistryColumns.NAMES).contains(column);
        Map<String, String> row = parse(SAMPLE_ROW);
        row.put(column, value);
        return row;
    }

    private Deposit validate(Map<String, String> row) {
        return validator.validate(LINE, row::get);
    }

    /**
     * Validates a row that must be rejected, and checks the reason leaks no personal
     * value.
     */
    private InvalidRowException rejected(Map<String, String> row, String expectedColumn) {
        InvalidRowException e = catchThrowableOfType(InvalidRowException.class, () -> validate(row));
        assertThat(e).as("row must be rejected").isNotNull();
        assertThat(e.line()).isEqualTo(LINE);
        assertThat(e.column()).isEqualTo(expectedColumn);
        assertThat(e.reason()).isNotBlank();
        for (String personal : List.of(CPR, NAME, SPOUSE, row.getOrDefault("reference_cpr", CPR))) {
            if (!personal.isBlank()) {
                assertThat(e.reason()).doesNotContain(personal);
                assertThat(e.getMessage()).doesNotContain(personal);
            }
        }
        assertThat(e.getMessage()).isEqualTo("line " + LINE + ", column " + expectedColumn + ": " + e.reason());
        return e;
    }

    private InvalidRowException rejected(String column, String value) {
        return rejected(sampleWith(column, value), column);
    }

    // --- valid rows
    // ---------------------------------------------------------------------

    @Test
    void sampleRowPassesWithEveryFieldParsed() {
        Deposit d = validate(parse(SAMPLE_ROW));

        assertThat(d.depositId()).isEqualTo("EX-0002");
        assertThat(d.caseNumber()).isEqualTo("FAM/2011/100355");
        assertThat(d.referenceCpr()).isEqualTo(CPR);
        assertThat(d.referenceName()).isEqualTo(NAME);
        assertThat(d.addressLine()).isEqualTo("Vestergade 4");
        assertThat(d.postalCode()).isEqualTo("5000");
        assertThat(d.city()).isEqualTo("Odense C");
        assertThat(d.digitalPostExempt()).isFalse();
        assertThat(d.digitalPostAddress()).isEqualTo("jens.ostergaard@digitalpost.example");
        assertThat(d.spouseName()).isEqualTo(SPOUSE);
        assertThat(d.municipalityCode()).isEqualTo(461);
        assertThat(d.legalBasis()).isEqualTo(LegalBasis.SECTION_9_1_1);
        assertThat(d.securityForm()).isEqualTo(SecurityForm.PLEDGED_ACCOUNT);
        assertThat(d.amountDkk()).isEqualTo(new BigDecimal("50000.00"));
        assertThat(d.postedDate()).isEqualTo(LocalDate.of(2011, 2, 10));
        assertThat(d.permitGrantedDate()).isEqualTo(LocalDate.of(2011, 3, 1));
        assertThat(d.permanentResidenceDate()).isNull();
        assertThat(d.danishTest()).isEqualTo(DanishExam.A1);
        assertThat(d.toString()).doesNotContain(CPR).doesNotContain(NAME).contains("030284-XXXX");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "EX-0001;FAM/2009/100201;120379-4411;Mette Sørensen;Åboulevarden 12, 2. th;8000;Aarhus C;false;mette.sorensen@digitalpost.example;Ali Rahimi;751;9-1-1;BANK_GUARANTEE;50000.00;2009-05-04;2009-06-15;;NONE",
            "EX-0003;FAM/2012/100488;220890-1234;Sofie Nielsen;Algade 20;4000;Roskilde;true;;Thabo Mokoena;265;9c-1;BANK_GUARANTEE;50000,00;2012-06-30;2012-07-20;;A2",
            "EX-0004;FAM/2012/100512;170477-3008;Lars Kjær;Strandvejen 101;2900;Hellerup;false;lars.kjaer@digitalpost.example;Nguyen Thi Lan;157;9-1-1;BANK_GUARANTEE;50000.00;2012-07-01;2012-08-15;2016-01-10;FINAL",
            "EX-0005;FAM/2013/100733;280282-5560;Anne Mølgaard;Jernbanegade 3;9000;Aalborg;false;anne.molgaard@digitalpost.example;Omar Haddad;851;9-1-1;PLEDGED_ACCOUNT;50800.00;2013-01-15;2013-02-28;;PD3",
            "EX-0006;FAM/2014/100901;050591-7788;Peter Hansen;Torvet 1;6700;Esbjerg;false;peter.hansen@digitalpost.example;Ana Lima;561;9c-1;BANK_GUARANTEE;51714.40;2014-03-03;2014-04-01;;NONE" })
    void everySampleRowPasses(String line) {
        Deposit d = validate(parse(line));

        assertThat(d.depositId()).isEqualTo(line.substring(0, 7));
    }

    @Test
    void exemptPersonWithoutDigitalPostAddressIsValidAndGoesWithoutAddress() {
        Map<String, String> row = sampleWith("digital_post_exempt", "true");
        row.put("digital_post_address", "");

        Deposit d = validate(row);

        assertThat(d.digitalPostExempt()).isTrue();
        assertThat(d.digitalPostAddress()).isNull();
    }

    @Test
    void exemptPersonWithDigitalPostAddressIsValid() {
        Deposit d = validate(sampleWith("digital_post_exempt", "true"));

        assertThat(d.digitalPostExempt()).isTrue();
        assertThat(d.digitalPostAddress()).isEqualTo("jens.ostergaard@digitalpost.example");
    }

    @ParameterizedTest(name = "amount ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = { "51714.40 | 51714.40", "51714,40 | 51714.40", "51714.4  | 51714.40",
            "51714,4  | 51714.40", "51714    | 51714.00", "0.01     | 0.01", "0,01     | 0.01" })
    void amountWithDotOrCommaAndAtMostTwoDecimalsIsAccepted(String text, String expected) {
        assertThat(validate(sampleWith("amount_dkk", text)).amountDkk()).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "postal code {0} accepted")
    @ValueSource(strings = { "0555", "0800", "5000", "9990" })
    void postalCodesFrom0555To9990AreAccepted(String postal) {
        assertThat(validate(sampleWith("postal_code", postal)).postalCode()).isEqualTo(postal);
    }

    @Test
    void emptyPermanentResidenceDateIsValidAndMeansNone() {
        assertThat(validate(sampleWith("permanent_residence_date", "")).permanentResidenceDate()).isNull();
    }

    @Test
    void permanentResidenceDateIsParsed() {
        assertThat(validate(sampleWith("permanent_residence_date", "2014-05-06")).permanentResidenceDate())
            .isEqualTo(LocalDate.of(2014, 5, 6));
    }

    @Test
    void postedTodayIsNotInTheFuture() {
        assertThat(validate(sampleWith("posted_date", "2014-12-01")).postedDate()).isEqualTo(TODAY);
    }

    @Test
    void depositIdOfExactly40CharactersIsAccepted() {
        String id = "D".repeat(40);
        assertThat(validate(sampleWith("deposit_id", id)).depositId()).isEqualTo(id);
    }

    @Test
    void cprOn29February2000IsValidBecause2000IsALeapYear() {
        // 7th digit 4 and yy 00 -> born 2000
        assertThat(validate(sampleWith("reference_cpr", "290200-4123")).referenceCpr()).isEqualTo("290200-4123");
    }

    @ParameterizedTest(name = "legal basis {0}")
    @CsvSource({ "9-1-1, SECTION_9_1_1", "9c-1, SECTION_9C_1" })
    void bothLegalBasesAreAccepted(String code, LegalBasis basis) {
        assertThat(validate(sampleWith("legal_basis", code)).legalBasis()).isEqualTo(basis);
    }

    @ParameterizedTest(name = "security form {0}")
    @ValueSource(strings = { "BANK_GUARANTEE", "PLEDGED_ACCOUNT" })
    void bothSecurityFormsAreAccepted(String form) {
        assertThat(validate(sampleWith("security_form", form)).securityForm()).isEqualTo(SecurityForm.valueOf(form));
    }

    @ParameterizedTest(name = "danish test {0}")
    @ValueSource(strings = { "NONE", "A1", "A2", "FINAL", "PD3", "STUDIEPROEVEN" })
    void everyDanishTestLevelIsAccepted(String test) {
        assertThat(validate(sampleWith("danish_test", test)).danishTest()).isEqualTo(DanishExam.valueOf(test));
    }

    @Test
    void surroundingBlanksAreTrimmed() {
        Map<String, String> row = sampleWith("deposit_id", "  EX-0002 ");
        row.put("amount_dkk", " 51714,40 ");

        Deposit d = validate(row);

        assertThat(d.depositId()).isEqualTo("EX-0002");
        assertThat(d.amountDkk()).isEqualTo(new BigDecimal("51714.40"));
    }

    // --- rejected rows --------------------------------------------------------------

    @ParameterizedTest(name = "empty {0}")
    @ValueSource(strings = { "deposit_id", "case_number", "reference_name", "address_line", "city", "spouse_name" })
    void emptyRequiredTextIsRejected(String column) {
        assertThat(rejected(column, "").reason()).isEqualTo("must not be empty");
        assertThat(rejected(column, "   ").reason()).isEqualTo("must not be empty");
    }

    @Test
    void missingColumnIsRejectedAsEmpty() {
        Map<String, String> row = parse(SAMPLE_ROW);
        row.remove("case_number");

        assertThat(rejected(row, "case_number").reason()).isEqualTo("must not be empty");
    }

    @Test
    void depositIdOf41CharactersIsRejected() {
        assertThat(rejected("deposit_id", "D".repeat(41)).reason()).isEqualTo("must be at most 40 characters, has 41");
    }

    @ParameterizedTest(name = "cpr ''{0}''")
    @ValueSource(strings = { "", "0302842917", "030284-291", "030284-29171", "030284/2917", "0302-842917" })
    void cprInWrongFormatIsRejectedFullyMasked(String cpr) {
        InvalidRowException e = rejected("reference_cpr", cpr);

        assertThat(e.reason()).isEqualTo("value *** must be DDMMYY-SSSS");
    }

    @Test
    void cprShapedButNotNumericIsRejectedWithItsSequenceNumberMasked() {
        InvalidRowException e = rejected("reference_cpr", "03028a-2917");

        assertThat(e.reason()).isEqualTo("value 03028a-XXXX must be DDMMYY-SSSS").doesNotContain("2917");
    }

    @Test
    void cprWithImpossibleDateIsRejectedAndShownMasked() {
        InvalidRowException e = rejected("reference_cpr", "310299-1234"); // 31 February

        assertThat(e.reason()).isEqualTo("value 310299-XXXX is not a real calendar date");
        assertThat(e.reason()).doesNotContain("310299-1234").doesNotContain("1234");
    }

    @Test
    void cprOn29February1900IsRejectedBecause1900IsNotALeapYear() {
        // 7th digit 1 -> born 1900
        InvalidRowException e = rejected("reference_cpr", "290200-1234");

        assertThat(e.reason()).isEqualTo("value 290200-XXXX is not a real calendar date");
    }

    @ParameterizedTest(name = "postal code ''{0}''")
    @ValueSource(strings = { "0554", "9991", "12a4", "555", "05555", "", "0000", "9999", "-555" })
    void postalCodeOutside0555To9990OrNotFourDigitsIsRejected(String postal) {
        assertThat(rejected("postal_code", postal).reason()).startsWith("must be 4 digits between 0555 and 9990");
    }

    @ParameterizedTest(name = "exempt ''{0}''")
    @ValueSource(strings = { "", "yes", "no", "TRUE", "False", "1", "0" })
    void exemptOtherThanTrueOrFalseIsRejected(String exempt) {
        assertThat(rejected("digital_post_exempt", exempt).reason())
            .isEqualTo("must be true or false, was '" + exempt + "'");
    }

    @Test
    void nonExemptWithoutDigitalPostAddressIsRejected() {
        assertThat(rejected("digital_post_address", "").reason())
            .isEqualTo("is required when the person is not exempt from Digital Post");
    }

    @ParameterizedTest(name = "municipality ''{0}''")
    @ValueSource(strings = { "0", "100", "102", "999", "1084", "-101" })
    void unknownMunicipalityCodeIsRejected(String code) {
        assertThat(rejected("municipality_code", code).reason())
            .isEqualTo("is not one of the 98 municipality codes: " + code);
    }

    @ParameterizedTest(name = "municipality ''{0}''")
    @ValueSource(strings = { "", "abc", "10 1", "101.0" })
    void nonNumericMunicipalityCodeIsRejected(String code) {
        assertThat(rejected("municipality_code", code).reason())
            .isEqualTo("must be a municipality code, was '" + code + "'");
    }

    @ParameterizedTest(name = "municipality {0}")
    @ValueSource(strings = { "101", "147", "461", "751", "851", "860" })
    void knownMunicipalityCodesAreAccepted(String code) {
        assertThat(validate(sampleWith("municipality_code", code)).municipalityCode())
            .isEqualTo(Integer.parseInt(code));
    }

    @ParameterizedTest(name = "legal basis ''{0}''")
    @ValueSource(strings = { "", "9-1", "9C-1", "9-1-2", "SECTION_9_1_1", " 9 c-1" })
    void unknownLegalBasisIsRejected(String basis) {
        assertThat(rejected("legal_basis", basis).reason()).startsWith("must be 9-1-1 or 9c-1");
    }

    @ParameterizedTest(name = "security form ''{0}''")
    @ValueSource(strings = { "", "bank_guarantee", "GUARANTEE", "CASH" })
    void unknownSecurityFormIsRejected(String form) {
        assertThat(rejected("security_form", form).reason())
            .isEqualTo("must be one of [BANK_GUARANTEE, PLEDGED_ACCOUNT], was '" + form + "'");
    }

    @ParameterizedTest(name = "amount ''{0}''")
    @ValueSource(strings = { "0", "0.00", "0,0", "00" })
    void zeroAmountIsRejected(String amount) {
        assertThat(rejected("amount_dkk", amount).reason()).isEqualTo("must be greater than 0, was '" + amount + "'");
    }

    @ParameterizedTest(name = "amount ''{0}''")
    @ValueSource(strings = { "-5", "1.234", "51.714,40", "51,714.40", "51 714,40", "", "abc", "5.", ".50", "+5", "1e3",
            "51714.40 DKK" })
    void malformedAmountIsRejected(String amount) {
        assertThat(rejected("amount_dkk", amount).reason())
            .startsWith("must be a positive amount with at most two decimals and no thousands separator");
    }

    @Test
    void postedDateInTheFutureIsRejected() {
        assertThat(rejected("posted_date", "2014-12-02").reason()).isEqualTo("is in the future: 2014-12-02");
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|',
            value = { "posted_date              | 10-02-2011", "posted_date              | 2011-2-10",
                    "posted_date              | 2011-02-30", "posted_date              | ''",
                    "permit_granted_date      | 01.03.2011", "permit_granted_date      | 2011-13-01",
                    "permit_granted_date      | ''", "permanent_residence_date | 2016/01/10",
                    "permanent_residence_date | 2015-02-29" })
    void nonIsoOrImpossibleDateIsRejected(String column, String value) {
        assertThat(rejected(column, value).reason()).isEqualTo("must be an ISO date yyyy-MM-dd, was '" + value + "'");
    }

    @ParameterizedTest(name = "danish test ''{0}''")
    @ValueSource(strings = { "", "none", "B1", "A3", "PD2", "STUDIEPRØVEN" })
    void unknownDanishTestIsRejected(String test) {
        assertThat(rejected("danish_test", test).reason())
            .isEqualTo("must be one of [NONE, A1, A2, FINAL, PD3, STUDIEPROEVEN], was '" + test + "'");
    }

    @Test
    void lineNumberIsTheOneGiven() {
        Map<String, String> row = sampleWith("danish_test", "B1");

        InvalidRowException e = catchThrowableOfType(InvalidRowException.class,
                () -> validator.validate(12345, row::get));

        assertThat(e.line()).isEqualTo(12345);
        assertThat(e.getMessage()).startsWith("line 12345, column danish_test: ");
    }

    @Test
    void firstBrokenRuleInColumnOrderIsReported() {
        Map<String, String> row = sampleWith("postal_code", "0001");
        row.put("amount_dkk", "-5");

        assertThat(rejected(row, "postal_code").reason()).startsWith("must be 4 digits");
    }

    // --- column limits from RegistryColumns, strict addresses, masked values (issue 7)
    // --------

    @ParameterizedTest(name = "{0} of {1} characters")
    // address_line has a tighter limit of its own, the envelope window's (80 characters)
    @CsvSource({ "case_number, 101", "reference_name, 201", "city, 101", "spouse_name, 201" })
    void textLongerThanItsColumnIsRejected(String column, int length) {
        assertThat(rejected(column, "x".repeat(length)).reason())
            .isEqualTo("must be at most " + (length - 1) + " characters, has " + length);
        assertThat(validate(sampleWith(column, "x".repeat(length - 1)))).isNotNull();
    }

    @Test
    void anAmountWithMoreDigitsThanTheColumnHoldsIsRejected() {
        assertThat(rejected("amount_dkk", "99999999999999999999.00").reason())
            .isEqualTo("must have at most 10 digits before the decimal point, has 20");
        assertThat(validate(sampleWith("amount_dkk", "9999999999.99")).amountDkk())
            .isEqualByComparingTo("9999999999.99");
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', value = { "posted_date              | +999999999-12-31",
            "permit_granted_date      | +0001-01-01", "permanent_residence_date | +12345-01-01" })
    void datesBeyondFourDigitYearsAreRejectedWithoutQuotingThem(String column, String value) {
        assertThat(rejected(column, value).reason()).startsWith("must be an ISO date yyyy-MM-dd, was (")
            .doesNotContain(value);
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', value = { "posted_date              | 1899-12-31",
            "permit_granted_date      | 2101-01-01", "permanent_residence_date | 0001-01-01" })
    void datesOutside1900To2100AreRejected(String column, String value) {
        assertThat(rejected(column, value).reason())
            .isEqualTo("must be a date in the years 1900 to 2100, was " + value);
    }

    @Test
    void anAddressWithALineBreakIsRejectedAsAControlCharacterAndMasked() {
        InvalidRowException e = rejected("digital_post_address", "victim@x.example\r\nBcc: attacker@y.example");
        assertThat(e.reason())
            .isEqualTo("must not contain control characters (a tab or line break), was (41 characters, masked)");
    }

    @ParameterizedTest(name = "address ''{0}''")
    @ValueSource(strings = { "victim@x.example, attacker@y.example", "<<<@>>>", "\"Name\" <a@b.example>",
            "a b@c.example", "nobody" })
    void anythingButOnePlainAddressIsRejectedAndMasked(String address) {
        InvalidRowException e = rejected("digital_post_address", address);
        assertThat(e.reason()).startsWith("must be exactly one plain address local@domain, but it ")
            .endsWith(" (" + address.length() + " characters, masked)")
            .doesNotContain("victim")
            .doesNotContain("attacker")
            .doesNotContain("nobody");
    }

    @Test
    void anExemptPersonsAddressMustAlsoBeOneAddressIfGiven() {
        Map<String, String> row = sampleWith("digital_post_exempt", "true");
        row.put("digital_post_address", "a@x.example,b@y.example");
        assertThat(rejected(row, "digital_post_address").reason()).contains("list of addresses");
    }

    @Test
    void aCprNumberTypedIntoThePostalCodeIsMasked() {
        assertThat(rejected("postal_code", "120379-4411").reason())
            .isEqualTo("must be 4 digits between 0555 and 9990, was (11 characters, masked)");
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', value = { "municipality_code | 1203794411", "danish_test | 120379-4411",
            "legal_basis | =HYPERLINK(1)", "security_form | 120379-4411" })
    void valuesOfNonPersonalColumnsAreQuotedOnlyWhenHarmless(String column, String value) {
        assertThat(rejected(column, value).reason()).doesNotContain(value).contains("characters, masked)");
    }

    @Test
    void controlCharactersInsideAValueAreRejected() {
        assertThat(rejected("reference_name", "Jens\u0007Østergaard").reason())
            .startsWith("must not contain control characters");
    }

}
