package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * An overdue notice's own deadline is always a working day (docs/RENEWAL-RULES.md §4).
 */
class OverdueReplyByTest {

    @Test
    void thirtyDaysAfterTheRunOnAWorkingDay() {
        // 2 March 2015 + 30 days = Wednesday 1 April 2015
        assertThat(NoticePreparation.overdueReplyBy(LocalDate.of(2015, 3, 2))).isEqualTo(LocalDate.of(2015, 4, 1));
    }

    @Test
    void aSaturdayMovesToMonday() {
        // 5 March 2015 + 30 days = Saturday 4 April; Sunday 5 and Monday 6 April are
        // Easter: Tuesday 7 April
        assertThat(NoticePreparation.overdueReplyBy(LocalDate.of(2015, 3, 5))).isEqualTo(LocalDate.of(2015, 4, 7));
        // 1 December 2014 + 30 days = Wednesday 31 December (nytårsaftensdag), 1 January
        // closed: Friday 2 January
        assertThat(NoticePreparation.overdueReplyBy(LocalDate.of(2014, 12, 1))).isEqualTo(LocalDate.of(2015, 1, 2));
    }

}
