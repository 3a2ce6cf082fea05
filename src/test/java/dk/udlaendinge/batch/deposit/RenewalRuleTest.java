package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

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

        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 10, 3))).isTrue(); // horizon
                                                                                             // 2015-01-01
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 12, 1))).isTrue();
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2015, 1, 1))).isTrue();
    }

    @Test
    void expiryOn1January2015IsNotDueBeforeTheLeadWindowOpens() {
        LocalDate permit = LocalDate.of(2011, 1, 1);
        assertThat(due(POSTED_4Y, permit, null, false, LocalDate.of(2014, 10, 2))).isFalse(); // horizon
                                                                                              // 2014-12-31
    }

    @ParameterizedTest(name = "posted {0}: renewable {1}")
    @CsvSource({ "2010-12-31, false", "2011-01-01, true", "2012-06-30, true", "2012-07-01, true" })
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
    @CsvSource({ "2010-01-01, false", "2015-05-31, false", "2015-06-01, false", "2015-06-02, true", "2015-07-01, true",
            "2030-01-01, true", "          , true" })
    void permanentResidenceOnOrBeforeTheRunDateStopsTheNoticeAfterItDoesNot(LocalDate permanent, boolean expected) {
        LocalDate run = LocalDate.of(2015, 6, 1);
        LocalDate permit = LocalDate.of(2011, 7, 1); // expiry 2015-07-01, inside the
                                                     // 90-day window

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
        assertThat(noLead.isDue(POSTED_4Y, LocalDate.of(2011, 4, 10), null, false, run)).isTrue(); // expiry
                                                                                                   // =
                                                                                                   // run
        assertThat(noLead.isDue(POSTED_4Y, LocalDate.of(2011, 4, 9), null, false, run)).isTrue(); // expiry
                                                                                                  // =
                                                                                                  // run
                                                                                                  // -
                                                                                                  // 1
        assertThat(noLead.isDue(POSTED_4Y, LocalDate.of(2011, 4, 11), null, false, run)).isFalse(); // expiry
                                                                                                    // =
                                                                                                    // run
                                                                                                    // +
                                                                                                    // 1
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
    @CsvSource({ "2015-03-01, 2015-02-28, false", "2015-03-01, 2015-03-01, false", "2015-03-01, 2015-03-02, true",
            "2015-03-01, 2016-03-01, true" })
    void overdueMeansExpiredBeforeTheRunDate(LocalDate expiry, LocalDate run, boolean overdue) {
        assertThat(RenewalRule.isOverdue(expiry, run)).isEqualTo(overdue);
    }

    // --- rule sets through time (docs/RENEWAL-RULES.md)
    // -----------------------------------

    private static Deposit deposit(LocalDate posted, LocalDate applied, LocalDate permit, LocalDate validUntil,
            LocalDate permanent, LocalDate released, ReleaseReason reason) {
        return new Deposit("T-1", "FAM/T/1", "010190-1234", "Test Person", "Vej 1", "8000", "Aarhus C", false,
                "t@digitalpost.example", "Spouse", 751, LegalBasis.SECTION_9_1_1, SecurityForm.BANK_GUARANTEE,
                new java.math.BigDecimal("50000.00"), posted, permit, permanent, DanishExam.NONE, applied, validUntil,
                released, reason);
    }

    /** Every run date from 2014 to 2040, once a month: "on any run date". */
    private static java.util.stream.Stream<LocalDate> everyMonth() {
        return java.util.stream.Stream.iterate(LocalDate.of(2014, 1, 1), d -> d.isBefore(LocalDate.of(2041, 1, 1)),
                d -> d.plusMonths(1));
    }

    @ParameterizedTest(name = "posted {0}, applied {1}: set {2}, never noticed")
    @CsvSource({ "2010-12-31,           , A", "2017-12-01, 2017-11-16, D", "2018-08-01, 2018-06-30, D",
            "2018-08-01, 2018-07-01, E", "2024-06-30, 2019-01-01, E", "2024-07-01, 2019-01-01, F" })
    void aAndTheTenYearSetsNeverGetANoticeOnAnyRunDate(LocalDate posted, LocalDate applied, String set) {
        for (LocalDate permit : List.of(posted.minusYears(2), posted.minusMonths(3), posted.plusMonths(1))) {
            Deposit d = deposit(posted, applied, permit, null, null, null, null);
            assertThat(SecurityRules.THROUGH_TIME.term(d).set().name()).isEqualTo(set);
            assertThat(everyMonth().filter(run -> rule.isDue(d, false, run)).toList()).as("permit %s", permit)
                .isEmpty();
        }
    }

    @ParameterizedTest(name = "posted {0}, applied {1}: set {2}, noticed {3} years after the permit")
    @CsvSource({ "2011-01-01,           , B, 4", "2012-06-30,           , B, 4", "2012-07-01,           , C, 5",
            "2017-11-15,           , C, 5", "2017-12-01, 2017-11-15, C, 5" })
    void bAndCAreNoticedAtTheEndOfTheirYears(LocalDate posted, LocalDate applied, String set, int years) {
        LocalDate permit = posted.plusMonths(1);
        Deposit d = deposit(posted, applied, permit, null, null, null, null);
        LocalDate end = permit.plusYears(years);

        assertThat(SecurityRules.THROUGH_TIME.term(d).set().name()).isEqualTo(set);
        assertThat(rule.isDue(d, false, end.minusDays(90))).isTrue();
        assertThat(rule.isDue(d, false, end.minusDays(91))).isFalse();
        assertThat(rule.isDue(d, false, end.plusYears(1))).as("overdue").isTrue();
    }

    @Test
    void extendedForLessThanTenYearsInAllIsNoticedAgainForItsNewEnd() {
        LocalDate permit = LocalDate.of(2013, 7, 1);
        Deposit extended = deposit(LocalDate.of(2013, 6, 1), null, permit, LocalDate.of(2020, 7, 1), null, null, null);

        assertThat(SecurityRules.THROUGH_TIME.term(extended).extendUntil()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(rule.isDue(extended, false, LocalDate.of(2020, 4, 2))).isTrue();
        assertThat(rule.isDue(extended, false, LocalDate.of(2020, 4, 1))).isFalse();
        assertThat(rule.isDue(extended, true, LocalDate.of(2020, 4, 2))).as("noticed for this end").isFalse();
        assertThat(rule.isDue(extended, false, LocalDate.of(2018, 6, 1))).as("the old end is gone").isFalse();
    }

    @Test
    void extendedToTenYearsInAllIsNeverNoticedAgain() {
        LocalDate permit = LocalDate.of(2013, 7, 1);
        Deposit tenYears = deposit(LocalDate.of(2013, 6, 1), null, permit, LocalDate.of(2023, 7, 1), null, null, null);
        Deposit beyond = deposit(LocalDate.of(2011, 6, 1), null, LocalDate.of(2011, 7, 1), LocalDate.of(2022, 1, 1),
                null, null, null);

        assertThat(
                everyMonth().filter(run -> rule.isDue(tenYears, false, run) || rule.isDue(beyond, false, run)).toList())
            .isEmpty();
    }

    @Test
    void aRunOnOrAfterTheTenYearsInAllAsksForNothing() {
        // never extended: overdue since 2018, but from start + 10 years no security is
        // required
        Deposit d = deposit(LocalDate.of(2013, 6, 1), null, LocalDate.of(2013, 7, 1), null, null, null, null);

        assertThat(rule.isDue(d, false, LocalDate.of(2023, 6, 30))).isTrue();
        assertThat(rule.isDue(d, false, LocalDate.of(2023, 7, 1))).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1}, run 2015-06-01 -> due {2}")
    @CsvSource({ "PERMANENT_RESIDENCE, 2015-05-31, false", "PERMANENT_RESIDENCE, 2015-06-01, false",
            "PERMANENT_RESIDENCE, 2015-06-02, true", "NEW_BASIS,           2015-05-31, false",
            "NEW_BASIS,           2015-06-01, false", "NEW_BASIS,           2015-06-02, true",
            "DEPARTED,            2015-05-31, false", "DEPARTED,            2015-06-01, false",
            "DEPARTED,            2015-06-02, true", "DECEASED,            2015-05-31, false",
            "DECEASED,            2015-06-01, false", "DECEASED,            2015-06-02, true" })
    void aReleaseForAnyReasonOnOrBeforeTheRunDateStopsTheNoticeAfterItDoesNot(ReleaseReason reason, LocalDate released,
            boolean expected) {
        LocalDate run = LocalDate.of(2015, 6, 1);
        LocalDate permit = LocalDate.of(2011, 7, 1); // 4 years: 2015-07-01, inside the
                                                     // window

        assertThat(rule.isDue(deposit(POSTED_4Y, null, permit, null, null, released, reason), false, run))
            .isEqualTo(expected);
        // the old permanent_residence_date column counts the same
        if (reason == ReleaseReason.PERMANENT_RESIDENCE) {
            assertThat(rule.isDue(deposit(POSTED_4Y, null, permit, null, released, null, null), false, run))
                .isEqualTo(expected);
        }
    }

    @Test
    void theEarlierOfPermanentResidenceAndAReleaseCounts() {
        Deposit both = deposit(POSTED_4Y, null, LocalDate.of(2011, 7, 1), null, LocalDate.of(2016, 1, 1),
                LocalDate.of(2015, 5, 1), ReleaseReason.DEPARTED);

        assertThat(both.releasedOn()).isEqualTo(LocalDate.of(2015, 5, 1));
        assertThat(rule.isDue(both, false, LocalDate.of(2015, 6, 1))).isFalse();
    }

    @Test
    void theEighteenColumnRowGetsTheSameAnswerBothWays() {
        everyMonth().forEach(run -> {
            LocalDate permit = LocalDate.of(2011, 7, 1);
            assertThat(rule.isDue(deposit(POSTED_4Y, null, permit, null, LocalDate.of(2016, 3, 1), null, null), false,
                    run))
                .isEqualTo(rule.isDue(POSTED_4Y, permit, LocalDate.of(2016, 3, 1), false, run));
        });
    }

}
