package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dk.udlaendinge.batch.deposit.DanishExam;
import dk.udlaendinge.batch.notice.letter.FullAmountLevel;

/**
 * The reference levels of the full amount. They explain the reductions in the letter; the
 * amount a notice asks for is the registry's own (see RenewalAmountCommandTests), so a
 * year missing here is no error at all.
 */
class FullAmountLevelsTest {

    /**
     * The published levels of docs/RENEWAL-RULES.md §3, as shipped in
     * config/application.yml.
     */
    private static final Map<Integer, BigDecimal> PUBLISHED = Map.of(2012, new BigDecimal("50000.00"), 2013,
            new BigDecimal("50800.00"), 2014, new BigDecimal("51714.40"), 2015, new BigDecimal("52490.12"), 2016,
            new BigDecimal("53224.98"), 2017, new BigDecimal("54289.48"), 2018, new BigDecimal("55375.27"));

    private final FullAmountLevels levels = new FullAmountLevels(PUBLISHED);

    @ParameterizedTest(name = "{0} level -> {1}")
    @CsvSource({ "2012, 50000.00", "2013, 50800.00", "2014, 51714.40", "2015, 52490.12", "2016, 53224.98",
            "2017, 54289.48", "2018, 55375.27" })
    void levelsAreThoseOfTheSpec(int year, String expected) {
        assertThat(levels.level(year)).contains(new FullAmountLevel(year, new BigDecimal(expected)));
    }

    @ParameterizedTest(name = "no level for {0}, and no error")
    @ValueSource(ints = { 2008, 2011, 2019, 2020, 2026 })
    void aYearMissingFromTheTableHasNoLevelAndIsNoError(int year) {
        assertThat(levels.level(year)).isEmpty();
    }

    @Test
    void shippedConfigurationHasTheSpecLevelsAndNoOthers() throws Exception {
        String yml = java.nio.file.Files.readString(java.nio.file.Path.of("config/application.yml"));
        String table = yml.substring(yml.indexOf("full-amount-levels:"),
                yml.indexOf("\n\n", yml.indexOf("full-amount-levels:")));

        assertThat(table.lines().skip(1).map(String::strip).toList()).containsExactly("2012: 50000.00",
                "2013: 50800.00", "2014: 51714.40", "2015: 52490.12", "2016: 53224.98", "2017: 54289.48",
                "2018: 55375.27");
    }

    @Test
    void emptyTableHasNoLevels() {
        assertThat(new FullAmountLevels(Map.of()).level(2015)).isEmpty();
    }

    @ParameterizedTest(name = "configured level {0} is rejected")
    @CsvSource({ "0", "0.00", "-0.01", "-51714.40", "51714.405" })
    void nonPositiveOrSubOereLevelIsRejectedNamingTheYear(String amount) {
        assertThatThrownBy(() -> new FullAmountLevels(Map.of(2015, new BigDecimal(amount))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("app.renewal.full-amount-levels.2015")
            .hasMessageContaining("positive");
    }

    @Test
    void missingConfiguredLevelIsRejected() {
        Map<Integer, BigDecimal> withNull = new HashMap<>();
        withNull.put(2016, null);

        assertThatThrownBy(() -> new FullAmountLevels(withNull)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("app.renewal.full-amount-levels.2016");
    }

    @Test
    void laterChangesToTheCallersMapDoNotChangeTheLevels() {
        Map<Integer, BigDecimal> table = new HashMap<>(Map.of(2015, new BigDecimal("52490.12")));
        FullAmountLevels copy = new FullAmountLevels(table);

        table.put(2015, new BigDecimal("1.00"));
        table.put(2019, new BigDecimal("56000.00"));

        assertThat(copy.level(2015)).contains(new FullAmountLevel(2015, new BigDecimal("52490.12")));
        assertThat(copy.level(2019)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} %")
    @CsvSource({ "NONE, 100", "A1, 60", "A2, 40", "FINAL, 20", "PD3, 20", "STUDIEPROEVEN, 20" })
    void danishTestSharesAreThoseOfTheSpec(DanishExam test, int percent) {
        assertThat(test.sharePercent()).isEqualTo(percent);
    }

}
