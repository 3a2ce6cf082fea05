package dk.udlaendinge.batch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dk.udlaendinge.batch.deposit.DanishExam;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * The demo registry's amounts follow docs/RENEWAL-RULES.md §3: as posted at the year's
 * level, or as reduced.
 */
class DemoRegistryTest {

    private static final Map<Integer, BigDecimal> LEVEL = Map.of(2011, new BigDecimal("50000.00"), 2012,
            new BigDecimal("50000.00"), 2013, new BigDecimal("50800.00"), 2014, new BigDecimal("51714.40"));

    @ParameterizedTest(name = "posted {0}, {1}, reduced {2} -> {3}")
    @CsvSource({ "2014-03-03, A2,    true,  20685.76", "2014-03-03, A2,    false, 51714.40",
            "2014-03-03, A1,    true,  31028.64", "2014-03-03, PD3,   true,  10342.88",
            "2013-01-15, A1,    true,  30480.00", "2013-01-15, NONE,  true,  50800.00",
            "2011-02-10, FINAL, true,  10000.00", "2011-02-10, A1,    false, 50000.00" })
    void amountIsTheLevelAsPostedOrTheShareItWasReducedTo(LocalDate posted, DanishExam test, boolean reduced,
            String expected) {
        assertThat(DemoRegistry.amount(posted, test, reduced)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void demoHasReducedSecuritiesAndSecuritiesNeverReducedDespiteAPassedTest() {
        List<Deposit> deposits = DemoRegistry.generate(2000, 20141201);

        long reduced = 0;
        long passedNeverReduced = 0;
        for (Deposit d : deposits) {
            BigDecimal level = d.postedDate().getYear() < 2012 ? LEVEL.get(2012) : LEVEL.get(d.postedDate().getYear());
            BigDecimal share = level.multiply(BigDecimal.valueOf(d.danishTest().sharePercent()))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            assertThat(d.amountDkk()).as(d.depositId()).isIn(level, share);
            assertThat(d.amountDkk().scale()).as(d.depositId()).isEqualTo(2);
            if (d.danishTest() != DanishExam.NONE) {
                if (d.amountDkk().equals(share)) {
                    reduced++;
                }
                else {
                    passedNeverReduced++;
                }
            }
        }
        assertThat(reduced).isGreaterThan(300);
        assertThat(passedNeverReduced).isGreaterThan(300);
    }

    /**
     * The demo's securities of every rule set (docs/RENEWAL-RULES.md): the 2014 demo run
     * sends what it always sent, and a run today notices only the two five-year
     * securities extended for less than ten years in all; the ten-year, extended-to-ten,
     * released and old ones stay silent.
     */
    @Test
    void theRuleSetExamplesStaySilentIn2014AndTodayOnlyTheOnesExtendedForLessAreDue() {
        List<Deposit> examples = DemoRegistry.ruleSetExamples();
        RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, 90);

        assertThat(examples.stream().map(d -> SecurityRules.THROUGH_TIME.term(d).set().name()).distinct().sorted())
            .containsExactly("A", "B", "C", "D", "E", "F");
        assertThat(examples.stream().filter(d -> rule.isDue(d, false, LocalDate.of(2014, 12, 1)))).isEmpty();
        assertThat(
                examples.stream().filter(d -> rule.isDue(d, false, LocalDate.of(2026, 12, 7))).map(Deposit::depositId))
            .containsExactlyInAnyOrder("DEMO-SET-C-EXTENDED-LESS", "DEMO-SET-C-EXTENDED-LESS-PAPER");
    }

}
