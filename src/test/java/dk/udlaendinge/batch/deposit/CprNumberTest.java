package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CprNumberTest {

    @ParameterizedTest(name = "{0} is valid")
    @ValueSource(strings = { "120379-4411", // sample data
            "030284-2917", "010100-0001", // 1900-01-01
            "311299-9999", // 1999-12-31
            "290200-4123", // 7th digit 4, yy 00 -> 2000, a leap year
            "290200-9123", // 7th digit 9, yy 00 -> 2000
            "290200-5123", // 7th digit 5, yy 00 -> 2000
            "290236-4123", // 7th digit 4, yy 36 -> 2036, leap
            "290296-1123", // 1996, leap
            "290296-4123", // 7th digit 4, yy 96 -> 1996, leap
            "290256-5123", // 7th digit 5, yy 56 -> 2056, leap
            "290260-5123", // 7th digit 5, yy 60 -> 1860, leap
            "310101-0000" })
    void realCalendarDatesAreValid(String cpr) {
        assertThat(CprNumber.problem(cpr)).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({ "310299-1234, is not a real calendar date", // 31 February
            "300299-1234, is not a real calendar date", // 30 February
            "290200-1234, is not a real calendar date", // 7th digit 1 -> 1900, not a leap
                                                        // year
            "290200-3234, is not a real calendar date", // 7th digit 3 -> 1900
            "290237-4234, is not a real calendar date", // 7th digit 4, yy 37 -> 1937
            "290297-9234, is not a real calendar date", // 1997
            "290258-5234, is not a real calendar date", // 7th digit 5, yy 58 -> 1858
            "290201-4234, is not a real calendar date", // 2001
            "000180-1234, is not a real calendar date", // day 0
            "320180-1234, is not a real calendar date", // day 32
            "310480-1234, is not a real calendar date", // 31 April
            "011380-1234, is not a real calendar date", // month 13
            "010080-1234, is not a real calendar date" // month 0
    })
    void impossibleDatesAreRejected(String cpr, String reason) {
        assertThat(CprNumber.problem(cpr)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "''{0}'' has the wrong format")
    @ValueSource(strings = { "1203794411", // no dash
            "120379 4411", "120379-441", "120379-44111", "12037-94411", "12a379-4411", "120379-44X1", " 120379-4411",
            "120379-4411 ", "1203-79-4411", "abcdef-ghij" })
    void wrongFormatIsRejected(String cpr) {
        assertThat(CprNumber.problem(cpr)).isEqualTo("must be DDMMYY-SSSS");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingIsRejectedAsWrongFormat(String cpr) {
        assertThat(CprNumber.problem(cpr)).isEqualTo("must be DDMMYY-SSSS");
    }

    @ParameterizedTest
    @ValueSource(strings = { "310299-1234", "1203794411", "290200-1234" })
    void reasonNeverQuotesTheNumber(String cpr) {
        String problem = CprNumber.problem(cpr);

        assertThat(problem).isNotNull().doesNotContain(cpr).doesNotContain(cpr.substring(0, 6));
    }

}
