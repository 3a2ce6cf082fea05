package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalRuleTest {

    /** Posted in the 4-year group: expiry = permit + 4 years. */
    private static final LocalDate POSTED_4Y = LocalDate.of(2011, 6, 1);
    /** Posted in the 5-year group: expiry = permit + 5 years. */
    private static final LocalDate POSTED_5Y = LocalDate.of(2012, 7, 1);

    private final RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, 90);

    private boolean due(LocalDate posted, LocalDate permit, LocalDate permanent, boolean noticed, LocalDate run) {
        return rule.isDue(posted, permit, permanent, noticed, run);
    }

    @Test
    void expiryOn31December2014NeverGetsANoticeEvenOnOrAfterItsExpiry() {
        LocalDate permit = LocalDate.of(2010, 12, 31); // + 4 years = 2014-12-31
        assertThat(SecurityRules.THROUGH_TIME.expiryDate(POSTED_4Y, permit)).isEqualTo(LocalDate.of(2014, 12, 31));

        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 10, 2))).isFalse();
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 12, 31))).isFalse();
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2015, 1, 1))).isFalse();
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2016, 6, 1))).isFalse();
    }

    @Test
    void expiryOn1January2015GetsANotice() {
        LocalDate permit = LocalDate.of(2011, 1, 1); // + 4 years = 2015-01-01
        assertThat(SecurityRules.THROUGH_TIME.expiryDate(POSTED_4Y, permit)).isEqualTo(LocalDate.of(2015, 1, 1));

        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 10, 3))).isTrue(); // horizon 2015-01-01
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 12, 1))).isTrue();
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2015, 1, 1))).isTrue();
    }

    @Test
    void expiryOn1January2015IsNotDueBeforeTheLeadWindowOpens() {
        LocalDate permit = LocalDate.of(2011, 1, 1);
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 10, 2))).isFalse(); // horizon 2014-12-31
    }

    @ParameterizedTest(name = "posted {0}: renewable {1}")
    @CsvSource({
            "2010-12-31, false",
            "2011-01-01, true",
            "2012-06-30, true",
            "2012-07-01, true"
    })
    void onlyRenewableGroupsGetANotice(LocalDate posted, boolean expected) {
        // Permit chosen so every group expires inside the window of a run on 2016-01-01.
        LocalDate run = LocalDate.of(2016, 1, 1);
        LocalDate expiry = LocalDate.of(2016, 2, 1);
        int years = SecurityRules.THROUGH_TIME.ruleSetFor(posted).validYears();
        LocalDate permit = expiry.minusYears(years);

        assertThat(SecurityRules.THROUGH_TIME.expiryDate(posted, permit)).isEqualTo(expiry);
        assertThat(due(posted, permit, null, false, run)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "permanent residence {0} with run 2015-06-01 -> due {1}")
    @CsvSource({
            "2010-01-01, false",
            "2015-05-31, false",
            "2015-06-01, false",
            "2015-06-02, true",
            "2015-07-01, true",
            "2030-01-01, true",
            "          , true"
    })
    void permanentResidenceOnOrBeforeTheRunDateStopsTheNoticeAfterItDoesNot(LocalDate permanent, boolean expected) {
        LocalDate run = LocalDate.of(2015, 6, 1);
        LocalDate permit = LocalDate.of(2011, 7, 1); // expiry 2015-07-01, inside the 90-day window

        assertThat(due(POSTED_4Y, permit, permanent, false, run)).isEqualTo(expected);
    }

    @Test
    void expiryExactlyAtRunDatePlusLeadDaysIsDueAndOneDayLaterIsNot() {
        LocalDate run = LocalDate.of(2015, 3, 1);
        LocalDate horizon = run.plusDays(90);
        assertThat(horizon).isEqualTo(LocalDate.of(2015, 5, 30));
        assertThat(rule.horizon(run)).isEqualTo(horizon);

        assertThat(due(POSTED_4Y, horizon.minusYears(4), null, false, run)).isTrue();
        assertThat(due(POSTED_4Y, horizon.plusDays(1).minusYears(4), null, false, run)).isFalse();
        assertThat(due(POSTED_5Y, horizon.minusYears(5), null, false, run)).isTrue();
        assertThat(due(POSTED_5Y, horizon.plusDays(1).minusYears(5), null, false, run)).isFalse();
    }

    @Test
    void expiryAlreadyPastIsOverdueAndStillDue() {
        LocalDate run = LocalDate.of(2015, 9, 1);
        LocalDate permit = LocalDate.of(2011, 3, 1); // expiry 2015-03-01, six months ago
        LocalDate expiry = SecurityRules.THROUGH_TIME.expiryDate(POSTED_4Y, permit);

        assertThat(expiry).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(due(POSTED_4Y, permit, null, false, run)).isTrue();
        assertThat(RenewalRule.isOverdue(expiry, run)).isTrue();
    }

    @Test
    void alreadyNoticedForThisExpiryIsNotDueAgain() {
        LocalDate run = LocalDate.of(2015, 1, 1);
        LocalDate permit = LocalDate.of(2011, 2, 1); // expiry 2015-02-01

        assertThat(due(POSTED_4Y, permit, null, false, run)).isTrue();
        assertThat(due(POSTED_4Y, permit, null, true, run)).isFalse();
        // nor when overdue
        assertThat(due(POSTED_4Y, permit, null, true, LocalDate.of(2015, 6, 1))).isFalse();
    }

    @Test
    void leadZeroGivesNoticeOnlyForExpiriesOnOrBeforeTheRunDate() {
        RenewalRule noLead = new RenewalRule(SecurityRules.THROUGH_TIME, 0);
        LocalDate run = LocalDate.of(2015, 4, 10);

        assertThat(noLead.horizon(run)).isEqualTo(run);
        assertThat(noLead.isDue(POSTED_4Y, LocalDate.of(2011, 4, 10), null, false, run)).isTrue();  // expiry = run
        assertThat(noLead.isDue(POSTED_4Y, LocalDate.of(2011, 4, 9), null, false, run)).isTrue();   // expiry = run - 1
        assertThat(noLead.isDue(POSTED_4Y, LocalDate.of(2011, 4, 11), null, false, run)).isFalse(); // expiry = run + 1
    }

    @Test
    void configurableLeadDaysMoveTheHorizon() {
        RenewalRule longLead = new RenewalRule(SecurityRules.THROUGH_TIME, 120);
        LocalDate run = LocalDate.of(2015, 1, 1);

        assertThat(longLead.horizon(run)).isEqualTo(LocalDate.of(2015, 5, 1));
        assertThat(longLead.isDue(POSTED_4Y, LocalDate.of(2011, 5, 1), null, false, run)).isTrue();
        assertThat(longLead.isDue(POSTED_4Y, LocalDate.of(2011, 5, 2), null, false, run)).isFalse();
        assertThat(rule.isDue(POSTED_4Y, LocalDate.of(2011, 5, 1), null, false, run)).isFalse();
    }

    @Test
    void leapDayPermitInFiveYearGroupIsDueFor28February2017() {
        LocalDate permit = LocalDate.of(2012, 2, 29);
        LocalDate posted = LocalDate.of(2012, 7, 1);
        LocalDate run = LocalDate.of(2016, 11, 30); // horizon 2017-02-28

        assertThat(rule.horizon(run)).isEqualTo(LocalDate.of(2017, 2, 28));
        assertThat(due(posted, permit, null, false, run)).isTrue();
        assertThat(due(posted, permit, null, false, run.minusDays(1))).isFalse();
    }

    @Test
    void negativeLeadDaysAreRejected() {
        assertThatThrownBy(() -> new RenewalRule(SecurityRules.THROUGH_TIME, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @ParameterizedTest(name = "expiry {0}, run {1} -> overdue {2}")
    @CsvSource({
            "2015-03-01, 2015-02-28, false",
            "2015-03-01, 2015-03-01, false",
            "2015-03-01, 2015-03-02, true",
            "2015-03-01, 2016-03-01, true"
    })
    void overdueMeansExpiredBeforeTheRunDate(LocalDate expiry, LocalDate run, boolean overdue) {
        assertThat(RenewalRule.isOverdue(expiry, run)).isEqualTo(overdue);
    }
}
