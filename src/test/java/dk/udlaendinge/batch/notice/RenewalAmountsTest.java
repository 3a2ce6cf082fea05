package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dk.udlaendinge.batch.deposit.DanishTest;

class RenewalAmountsTest {

    /** The published levels of SPEC §2, as shipped in configuration. */
    private static final Map<Integer, BigDecimal> PUBLISHED = Map.of(
            2012, new BigDecimal("50000.00"),
            2013, new BigDecimal("50800.00"),
            2014, new BigDecimal("51714.40"),
            2015, new BigDecimal("52490.12"),
            2016, new BigDecimal("53224.98"),
            2017, new BigDecimal("54289.48"),
            2018, new BigDecimal("55375.27"),
            2020, new BigDecimal("57612.43"));

    private final RenewalAmounts amounts = new RenewalAmounts(PUBLISHED);

    @ParameterizedTest(name = "2014, {0} -> {1}")
    @CsvSource({
            "NONE,          51714.40",
            "A1,            31028.64",
            "A2,            20685.76",
            "FINAL,         10342.88",
            "PD3,           10342.88",
            "STUDIEPROEVEN, 10342.88"
    })
    void amountsAt2014LevelMatchTheSpecTable(DanishTest test, String expected) {
        assertThat(amounts.required(2014, test)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "2015, {0} -> {1}")
    @CsvSource({
            "NONE,          52490.12",  // 100 %
            "A1,            31494.07",  // 31494.072
            "A2,            20996.05",  // 20996.048
            "FINAL,         10498.02",  // 10498.024
            "PD3,           10498.02",
            "STUDIEPROEVEN, 10498.02"
    })
    void amountsAt2015LevelAreIndexedAndRoundedToTheOere(DanishTest test, String expected) {
        assertThat(amounts.required(2015, test)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "{0}, {1} -> {2}")
    @CsvSource({
            "2016, A1,    31934.99",  // 31934.988
            "2016, A2,    21289.99",  // 21289.992
            "2016, FINAL, 10645.00",  // 10644.996
            "2018, A1,    33225.16",  // 33225.162
            "2020, A2,    23044.97",  // 23044.972
            "2012, NONE,  50000.00"
    })
    void otherYearsUseTheirOwnIndexedAmount(int year, DanishTest test, String expected) {
        assertThat(amounts.required(year, test)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void resultAlwaysHasTwoDecimals() {
        assertThat(amounts.required(2012, DanishTest.FINAL)).isEqualTo(new BigDecimal("10000.00"));
        assertThat(amounts.required(2012, DanishTest.FINAL).scale()).isEqualTo(2);
        assertThat(amounts.required(2013, DanishTest.A1).toPlainString()).isEqualTo("30480.00");
    }

    /*
     * A two-decimal amount times 60/40/20 % never has a third decimal of exactly 5, so
     * HALF_UP and HALF_EVEN cannot differ for the real shares; these check that a third
     * decimal above 5 rounds up and below 5 rounds down.
     */
    @ParameterizedTest(name = "full {0}, {1} -> {2}")
    @CsvSource({
            "1.09, A1,    0.65",  // 0.654 -> down
            "1.08, A1,    0.65",  // 0.648 -> up
            "1.01, A1,    0.61",  // 0.606 -> up
            "1.07, FINAL, 0.21",  // 0.214 -> down
            "1.04, FINAL, 0.21",  // 0.208 -> up
            "1.03, A2,    0.41",  // 0.412 -> down
            "1.02, A2,    0.41",  // 0.408 -> up
            "0.01, A1,    0.01",  // 0.006 -> up
            "0.01, FINAL, 0.00"   // 0.002 -> down
    })
    void thirdDecimalIsRoundedHalfUp(String full, DanishTest test, String expected) {
        RenewalAmounts oneYear = new RenewalAmounts(Map.of(2015, new BigDecimal(full)));

        assertThat(oneYear.required(2015, test)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void fullAmountIsTheConfiguredValueForTheYear() {
        assertThat(amounts.fullAmount(2014)).isEqualTo(new BigDecimal("51714.40"));
        assertThat(amounts.fullAmount(2017)).isEqualTo(new BigDecimal("54289.48"));
        assertThat(amounts.hasYear(2018)).isTrue();
        assertThat(amounts.hasYear(2019)).isFalse();
    }

    @Test
    void yearWithoutConfiguredAmountIsAClearErrorNotAFallBack() {
        assertThatThrownBy(() -> amounts.required(2019, DanishTest.NONE))
                .isInstanceOf(RenewalAmounts.MissingAmountException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2019")
                .hasMessageContaining("app.renewal.amounts")
                .hasMessageContaining("[2012, 2013, 2014, 2015, 2016, 2017, 2018, 2020]");
        assertThatThrownBy(() -> amounts.fullAmount(2021))
                .isInstanceOf(RenewalAmounts.MissingAmountException.class)
                .hasMessageContaining("2021");
        assertThatThrownBy(() -> amounts.fullAmount(2011))
                .isInstanceOf(RenewalAmounts.MissingAmountException.class)
                .hasMessageContaining("2011");
    }

    @Test
    void emptyTableFailsForAnyYear() {
        RenewalAmounts none = new RenewalAmounts(Map.of());

        assertThatThrownBy(() -> none.required(2015, DanishTest.A1))
                .isInstanceOf(RenewalAmounts.MissingAmountException.class)
                .hasMessageContaining("2015")
                .hasMessageContaining("app.renewal.amounts");
    }

    @ParameterizedTest(name = "configured amount {0} is rejected")
    @CsvSource({"0", "0.00", "-0.01", "-51714.40"})
    void nonPositiveConfiguredAmountIsRejectedNamingTheYear(String amount) {
        assertThatThrownBy(() -> new RenewalAmounts(Map.of(2015, new BigDecimal(amount))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.renewal.amounts.2015")
                .hasMessageContaining("positive");
    }

    @Test
    void missingConfiguredAmountIsRejected() {
        Map<Integer, BigDecimal> withNull = new HashMap<>();
        withNull.put(2016, null);

        assertThatThrownBy(() -> new RenewalAmounts(withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.renewal.amounts.2016");
    }

    @Test
    void laterChangesToTheCallersMapDoNotChangeTheAmounts() {
        Map<Integer, BigDecimal> table = new HashMap<>(Map.of(2015, new BigDecimal("52490.12")));
        RenewalAmounts copy = new RenewalAmounts(table);

        table.put(2015, new BigDecimal("1.00"));
        table.put(2019, new BigDecimal("56000.00"));

        assertThat(copy.fullAmount(2015)).isEqualTo(new BigDecimal("52490.12"));
        assertThat(copy.hasYear(2019)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1} %")
    @CsvSource({"NONE, 100", "A1, 60", "A2, 40", "FINAL, 20", "PD3, 20", "STUDIEPROEVEN, 20"})
    void danishTestSharesAreThoseOfTheSpec(DanishTest test, int percent) {
        assertThat(test.sharePercent()).isEqualTo(percent);
    }
}
