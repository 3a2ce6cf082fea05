package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule sets through time (docs/RENEWAL-RULES.md) read by their one class: which set
 * governs a security on each side of every boundary, the end it runs to, the ten-year
 * cap, and the 18-column registry's answers by posting date alone, which are those of
 * late 2014.
 */
class SecurityRulesTest {

    private final SecurityRules rules = SecurityRules.THROUGH_TIME;

    @ParameterizedTest(name = "posted {0} -> {1} years, renewable {2}")
    @CsvSource({ "1995-03-01, 7, false", "2006-09-05, 7, false", "2010-12-31, 7, false", "2011-01-01, 4, true",
            "2011-09-15, 4, true", "2012-02-29, 4, true", "2012-06-30, 4, true", "2012-07-01, 5, true",
            "2014-12-31, 5, true", "2017-11-15, 5, true" })
    void postingDateSelectsGroupAtEveryBoundary(LocalDate posted, int years, boolean renewable) {
        RuleSet group = rules.ruleSetFor(posted);

        assertThat(group.validYears()).isEqualTo(years);
        assertThat(group.renewable()).isEqualTo(renewable);
        assertThat(rules.mustBeRenewed(posted)).isEqualTo(renewable);
    }

    @ParameterizedTest(name = "posted {0}, applied {1} -> set {2}")
    @CsvSource({
            // posting decides up to 30 June 2012, whatever the application date
            "2010-12-31,           , A", "2010-12-31, 2010-11-01, A", "2011-01-01,           , B",
            "2011-01-01, 2010-12-01, B", "2012-06-30,           , B", "2012-06-30, 2012-05-14, B",
            "2012-07-01,           , C", "2012-07-01, 2012-05-15, C",
            // from then on the application date
            "2017-11-15,           , C", "2017-12-01, 2017-11-15, C", "2017-12-01, 2017-11-16, D",
            "2018-08-01, 2018-06-30, D", "2018-08-01, 2018-07-01, E", "2024-06-30, 2024-01-10, E",
            // posted from 1 July 2024: F for the applications of E's range
            "2024-07-01, 2024-01-10, F", "2024-07-01, 2018-07-01, F", "2025-03-01, 2025-01-02, F",
            // earlier applications keep their sets
            "2024-07-01, 2018-06-30, D", "2024-07-01, 2017-11-15, C" })
    void theSetThatGovernsEachSideOfEveryBoundary(LocalDate posted, LocalDate applied, String set) {
        assertThat(rules.ruleSetFor(posted, applied)).map(RuleSet::name).contains(set);
    }

    @ParameterizedTest(name = "posted {0} without application date -> no set")
    @CsvSource({ "2017-11-16", "2018-07-01", "2024-07-01", "2026-01-01" })
    void aMissingApplicationDateFromThe16thOfNovember2017LeavesTheSetOpen(LocalDate posted) {
        assertThat(rules.ruleSetFor(posted, null)).isEmpty();
        assertThatThrownBy(() -> rules.require(posted, null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(posted.toString())
            .hasMessageContaining("without an application date");
        assertThat(rules.ruleSetFor(LocalDate.of(2017, 11, 15), null)).as("the day before: necessarily C")
            .map(RuleSet::name)
            .contains("C");
    }

    @Test
    void noTwoSetsEverGovernTheSameSecurity() {
        List<LocalDate> days = new ArrayList<>();
        for (String d : List.of("2000-01-01", "2010-12-31", "2011-01-01", "2012-05-14", "2012-05-15", "2012-06-30",
                "2012-07-01", "2017-11-15", "2017-11-16", "2018-06-30", "2018-07-01", "2024-06-30", "2024-07-01",
                "2030-01-01")) {
            days.add(LocalDate.parse(d));
        }
        List<LocalDate> applied = new ArrayList<>(days);
        applied.add(null);
        for (LocalDate p : days) {
            for (LocalDate a : applied) {
                long covering = rules.sets().stream().filter(s -> s.covers(p, a)).count();
                assertThat(covering).as("posted %s, applied %s", p, a).isLessThanOrEqualTo(1);
                if (a != null || p.isBefore(SecurityRules.APPLICATION_DATE_REQUIRED_FROM)) {
                    assertThat(covering).as("posted %s, applied %s", p, a).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void theSetsAsTheTableGivesThem() {
        assertThat(rules.sets()).extracting(RuleSet::name).containsExactly("A", "B", "C", "D", "E", "F");
        assertThat(rules.sets()).extracting(RuleSet::validYears).containsExactly(7, 4, 5, 10, 10, 10);
        assertThat(rules.sets()).extracting(RuleSet::renewedUntilYears).containsExactly(0, 10, 10, 0, 0, 0);
        assertThat(rules.sets()).extracting(RuleSet::track)
            .containsExactly(AmountTrack.LEVEL_2002, AmountTrack.LEVEL_2012, AmountTrack.LEVEL_2012,
                    AmountTrack.LEVEL_2012, AmountTrack.LEVEL_2018, AmountTrack.LEVEL_2024);
        assertThat(rules.sets()).allSatisfy(s -> assertThat(s.sources()).isNotEmpty());
        assertThat(rules.named("E").citation()).contains("lov nr. 742 af 8. juni 2018");
        assertThat(rules.named("F").citation()).contains("lov nr. 686 af 11. juni 2024");
    }

    @ParameterizedTest(name = "posted {0}, permit {1} -> expires {2}")
    @CsvSource({ "2010-12-31, 2010-06-15, 2017-06-15", "2011-01-01, 2011-03-01, 2015-03-01",
            "2012-06-30, 2012-07-20, 2016-07-20", "2012-07-01, 2012-08-15, 2017-08-15",
            // permit granted before the posting (permit counts, not posting)
            "2011-06-01, 2010-12-31, 2014-12-31", "2011-06-01, 2011-01-01, 2015-01-01" })
    void expiryIsPermitDatePlusTheGroupsYears(LocalDate posted, LocalDate permit, LocalDate expiry) {
        assertThat(rules.expiryDate(posted, permit)).isEqualTo(expiry);
    }

    @ParameterizedTest(name = "set {0}: permit {1}, valid until {2} -> end {3}, renewable {4}, extend until {5}")
    @CsvSource({
            // B and C: start + 4 or 5 years, renewed until start + 10
            "2011-06-01, ,           2011-07-01,           , 2015-07-01, true,  2021-07-01",
            "2013-06-01, 2013-01-01, 2013-07-01,           , 2018-07-01, true,  2023-07-01",
            // extended for less than 10 years in all: still renewed, to the same date
            "2013-06-01, 2013-01-01, 2013-07-01, 2020-07-01, 2020-07-01, true,  2023-07-01",
            "2013-06-01, 2013-01-01, 2013-07-01, 2023-06-30, 2023-06-30, true,  2023-07-01",
            // extended to 10 years in all, or beyond: never again
            "2013-06-01, 2013-01-01, 2013-07-01, 2023-07-01, 2023-07-01, false, 2023-07-01",
            "2011-06-01, ,           2011-07-01, 2022-01-01, 2022-01-01, false, 2021-07-01",
            // A and the ten-year sets: never, whatever the end
            "2010-06-01, ,           2010-07-01,           , 2017-07-01, false, ",
            "2018-01-01, 2017-11-16, 2018-02-01,           , 2028-02-01, false, ",
            "2019-01-01, 2018-07-01, 2019-02-01, 2024-02-01, 2024-02-01, false, ",
            "2024-07-01, 2024-01-01, 2024-08-01,           , 2034-08-01, false, ",
            // the leap day: 28 February ten years on
            "2012-07-01, ,           2012-02-29,           , 2017-02-28, true,  2022-02-28" })
    void theTermRunsToValidUntilOrTheComputedEndAndRenewsUntilTenYearsInAll(LocalDate posted, LocalDate applied,
            LocalDate permit, LocalDate validUntil, LocalDate end, boolean renewable, LocalDate extendUntil) {
        SecurityRules.Term term = rules.term(posted, applied, permit, validUntil);

        assertThat(term.end()).isEqualTo(end);
        assertThat(term.renewable()).isEqualTo(renewable);
        assertThat(term.extendUntil()).isEqualTo(extendUntil);
    }

    @Test
    void leapDayPlusFourYearsLandsOnLeapDay() {
        assertThat(rules.expiryDate(LocalDate.of(2012, 2, 1), LocalDate.of(2012, 2, 29)))
            .isEqualTo(LocalDate.of(2016, 2, 29));
    }

    @Test
    void leapDayPlusFiveYearsFallsOnTwentyEighthOfFebruary() {
        assertThat(rules.expiryDate(LocalDate.of(2012, 7, 1), LocalDate.of(2012, 2, 29)))
            .isEqualTo(LocalDate.of(2017, 2, 28));
    }

    @Test
    void leapDayPlusSevenYearsFallsOnTwentyEighthOfFebruary() {
        assertThat(rules.expiryDate(LocalDate.of(2008, 3, 1), LocalDate.of(2008, 2, 29)))
            .isEqualTo(LocalDate.of(2015, 2, 28));
    }

    @Test
    void firstRenewalIsFirstOfJanuary2015() {
        assertThat(SecurityRules.FIRST_RENEWAL).isEqualTo(LocalDate.of(2015, 1, 1));
    }

    @Test
    void groupsCarryTheirLegalSource() {
        assertThat(rules.ruleSetFor(LocalDate.of(2010, 1, 1)).citation()).contains("bekendtgørelse nr. 934");
        assertThat(rules.ruleSetFor(LocalDate.of(2011, 1, 1)).citation()).contains("bekendtgørelse nr. 1405");
        assertThat(rules.ruleSetFor(LocalDate.of(2012, 7, 1)).citation()).contains("bekendtgørelse nr. 646");
    }

    @Test
    void aNewRuleSetIsANewEntry() {
        RuleSet future = new RuleSet("G", LocalDate.of(2030, 1, 1), null, null, null, 8, 12, AmountTrack.LEVEL_2024,
                "test", "test", List.of("test"));
        SecurityRules withG = new SecurityRules(List.of(rules.named("A"), future));

        assertThat(withG.ruleSetFor(LocalDate.of(2031, 1, 1), null)).contains(future);
        assertThat(withG.term(LocalDate.of(2031, 1, 1), null, LocalDate.of(2031, 2, 1), null))
            .isEqualTo(new SecurityRules.Term(future, LocalDate.of(2039, 2, 1), true, LocalDate.of(2043, 2, 1)));
    }

    @Test
    void postingDateNoGroupCoversIsRejectedNamingTheDate() {
        SecurityRules partial = new SecurityRules(List.of(new RuleSet("B", LocalDate.of(2011, 1, 1),
                LocalDate.of(2012, 6, 30), null, null, 4, 10, AmountTrack.LEVEL_2012, "test", "test", List.of())));

        assertThatThrownBy(() -> partial.ruleSetFor(LocalDate.of(2010, 12, 31)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2010-12-31");
        assertThatThrownBy(() -> partial.expiryDate(LocalDate.of(2012, 7, 1), LocalDate.of(2012, 7, 1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2012-07-01");
    }

    @ParameterizedTest(name = "group {0}..{1} covers {2}: {3}")
    @CsvSource({ "2011-01-01, 2012-06-30, 2010-12-31, false", "2011-01-01, 2012-06-30, 2011-01-01, true",
            "2011-01-01, 2012-06-30, 2012-06-30, true", "2011-01-01, 2012-06-30, 2012-07-01, false",
            "2012-07-01,           , 2012-06-30, false", "2012-07-01,           , 2012-07-01, true",
            "2012-07-01,           , 2999-12-31, true" })
    void ruleGroupCoversItsBoundsInclusively(LocalDate from, LocalDate to, LocalDate posted, boolean covered) {
        assertThat(new RuleSet("T", from, to, null, null, 4, 10, AmountTrack.LEVEL_2012, "test", "test", List.of())
            .covers(posted, null)).isEqualTo(covered);
    }

    @Test
    void aRuleSetThatRenewsForFewerYearsInAllThanItRunsIsRefused() {
        assertThatThrownBy(
                () -> new RuleSet("X", null, null, null, null, 10, 5, AmountTrack.LEVEL_2018, "t", "t", List.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("rule set X");
        assertThat(Arrays.asList(ReleaseReason.values())).hasSize(4);
    }

}
