package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityRulesTest {

    private final SecurityRules rules = SecurityRules.LATE_2014;

    @ParameterizedTest(name = "posted {0} -> {1} years, renewable {2}")
    @CsvSource({
            "1995-03-01, 7, false",
            "2006-09-05, 7, false",
            "2010-12-31, 7, false",
            "2011-01-01, 4, true",
            "2011-09-15, 4, true",
            "2012-02-29, 4, true",
            "2012-06-30, 4, true",
            "2012-07-01, 5, true",
            "2014-12-31, 5, true",
            "2030-01-01, 5, true"
    })
    void postingDateSelectsGroupAtEveryBoundary(LocalDate posted, int years, boolean renewable) {
        RuleGroup group = rules.groupFor(posted);

        assertThat(group.validYears()).isEqualTo(years);
        assertThat(group.renewable()).isEqualTo(renewable);
        assertThat(rules.mustBeRenewed(posted)).isEqualTo(renewable);
    }

    @ParameterizedTest(name = "posted {0}, permit {1} -> expires {2}")
    @CsvSource({
            "2010-12-31, 2010-06-15, 2017-06-15",
            "2011-01-01, 2011-03-01, 2015-03-01",
            "2012-06-30, 2012-07-20, 2016-07-20",
            "2012-07-01, 2012-08-15, 2017-08-15",
            // permit granted before the posting (permit counts, not posting)
            "2011-06-01, 2010-12-31, 2014-12-31",
            "2011-06-01, 2011-01-01, 2015-01-01"
    })
    void expiryIsPermitDatePlusTheGroupsYears(LocalDate posted, LocalDate permit, LocalDate expiry) {
        assertThat(rules.expiryDate(posted, permit)).isEqualTo(expiry);
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
        assertThat(rules.groupFor(LocalDate.of(2010, 1, 1)).citation()).contains("bekendtgørelse nr. 934");
        assertThat(rules.groupFor(LocalDate.of(2011, 1, 1)).citation()).contains("bekendtgørelse nr. 1405");
        assertThat(rules.groupFor(LocalDate.of(2012, 7, 1)).citation()).contains("bekendtgørelse nr. 646");
    }

    @Test
    void postingDateNoGroupCoversIsRejectedNamingTheDate() {
        SecurityRules partial = new SecurityRules(List.of(
                new RuleGroup(LocalDate.of(2011, 1, 1), LocalDate.of(2012, 6, 30), 4, true, "test")));

        assertThatThrownBy(() -> partial.groupFor(LocalDate.of(2010, 12, 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2010-12-31");
        assertThatThrownBy(() -> partial.expiryDate(LocalDate.of(2012, 7, 1), LocalDate.of(2012, 7, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2012-07-01");
    }

    @ParameterizedTest(name = "group {0}..{1} covers {2}: {3}")
    @CsvSource({
            "2011-01-01, 2012-06-30, 2010-12-31, false",
            "2011-01-01, 2012-06-30, 2011-01-01, true",
            "2011-01-01, 2012-06-30, 2012-06-30, true",
            "2011-01-01, 2012-06-30, 2012-07-01, false",
            "2012-07-01,           , 2012-06-30, false",
            "2012-07-01,           , 2012-07-01, true",
            "2012-07-01,           , 2999-12-31, true"
    })
    void ruleGroupCoversItsBoundsInclusively(LocalDate from, LocalDate to, LocalDate posted, boolean covered) {
        assertThat(new RuleGroup(from, to, 4, true, "test").covers(posted)).isEqualTo(covered);
    }
}
