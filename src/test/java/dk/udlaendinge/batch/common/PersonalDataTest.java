package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "120379-4411, 120379-XXXX",
            "310299-1234, 310299-XXXX",
            "290200-4000, 290200-XXXX"
    })
    void cprKeepsBirthDateAndMasksTheSequenceNumber(String cpr, String masked) {
        assertThat(PersonalData.maskCpr(cpr)).isEqualTo(masked).doesNotContain(cpr.substring(7));
    }

    @ParameterizedTest(name = "''{0}'' -> ***")
    @NullAndEmptySource
    @ValueSource(strings = {"1203794411", "120379-441", "120379-44111", "12037-944111", "Jens Østergaard", "-"})
    void anythingNotShapedLikeACprIsFullyMasked(String value) {
        assertThat(PersonalData.maskCpr(value)).isEqualTo("***");
    }

    @Test
    void personalValueIsReplacedByItsLength() {
        assertThat(PersonalData.mask("Jens Østergaard")).isEqualTo("(15 characters, masked)");
        assertThat(PersonalData.mask("")).isEqualTo("(0 characters, masked)");
        assertThat(PersonalData.mask(null)).isEqualTo("(empty)");
    }

    @ParameterizedTest(name = "''{0}'' is quoted")
    @ValueSource(strings = {"9-1-1", "B1", "2011-02-30", "STUDIEPRØVEN", "51.714,40", "abc", ""})
    void shortPlainValuesAreQuoted(String value) {
        assertThat(PersonalData.quoteIfHarmless(value)).isEqualTo("'" + value + "'");
    }

    @ParameterizedTest(name = "''{0}'' is described")
    @ValueSource(strings = {"120379-4411", "1203794411", "=HYPERLINK(\"http://x\")", "+999999999-12-31",
            "a value that is far too long to quote", "semi;colon", "quote'd"})
    void cprShapedFormulaOrLongValuesAreDescribedNotQuoted(String value) {
        assertThat(PersonalData.quoteIfHarmless(value)).isEqualTo("(" + value.length() + " characters, masked)");
    }
}
