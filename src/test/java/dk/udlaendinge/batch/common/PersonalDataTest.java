package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "120379-4411, 120379-XXXX", "310299-1234, 310299-XXXX", "290200-4000, 290200-XXXX" })
    void cprKeepsBirthDateAndMasksTheSequenceNumber(String cpr, String masked) {
        assertThat(PersonalData.maskCpr(cpr)).isEqualTo(masked).doesNotContain(cpr.substring(7));
    }

    @ParameterizedTest(name = "''{0}'' -> ***")
    @NullAndEmptySource
    @ValueSource(strings = { "1203794411", "120379-441", "120379-44111", "12037-944111", "Jens Østergaard", "-" })
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
    @ValueSource(strings = { "9-1-1", "B1", "2011-02-30", "STUDIEPRØVEN", "51.714,40", "abc", "" })
    void shortPlainValuesAreQuoted(String value) {
        assertThat(PersonalData.quoteIfHarmless(value)).isEqualTo("'" + value + "'");
    }

    @ParameterizedTest(name = "''{0}'' is described")
    @ValueSource(strings = { "120379-4411", "1203794411", "=HYPERLINK(\"http://x\")", "+999999999-12-31",
            "a value that is far too long to quote", "semi;colon", "quote'd" })
    void cprShapedFormulaOrLongValuesAreDescribedNotQuoted(String value) {
        assertThat(PersonalData.quoteIfHarmless(value)).isEqualTo("(" + value.length() + " characters, masked)");
    }

    @Test
    void cprNumbersInFreeTextAreMaskedWhereverTheyStand() {
        assertThat(PersonalData.maskCprNumbers("no deposit for 120379-4411 (line 4); also 1203794411 and 120379 4411."))
            .isEqualTo("no deposit for 120379-XXXX (line 4); also 120379-XXXX and 120379-XXXX.");
        assertThat(PersonalData.maskCprNumbers("cpr=1203794411x")).isEqualTo("cpr=120379-XXXXx");
        assertThat(PersonalData.maskCprNumbers(null)).isEmpty();
    }

    @Test
    void aContentHashWithACprShapedRunOfDigitsInsideIsShownWhole() {
        // a SHA-256 (64 hex characters) whose middle holds ten digits, as an input file's
        // hash can
        String hash = "9f2c41ab" + "1203794411" + "cd07e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4";
        assertThat(hash).hasSize(64);
        assertThat(PersonalData.maskCprNumbers("inputHash " + hash)).isEqualTo("inputHash " + hash);
        assertThat(PersonalData.maskCprNumbers(hash + " for 120379-4411")).isEqualTo(hash + " for 120379-XXXX");
        // a short hex-looking word is no hash: a CPR number inside it is still masked
        assertThat(PersonalData.maskCprNumbers("ab1203794411cd")).isEqualTo("ab120379-XXXXcd");
    }

}
