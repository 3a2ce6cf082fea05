package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DanishWorkingDaysTest {

    /**
     * Easter Sundays from published calendars, including the earliest and latest possible
     * dates.
     */
    @ParameterizedTest
    @CsvSource({ "1818-03-22", "1943-04-25", "2000-04-23", "2011-04-24", "2014-04-20", "2015-04-05", "2016-03-27",
            "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2038-04-25" })
    void easterSunday(LocalDate easter) {
        assertThat(DanishWorkingDays.easterSunday(easter.getYear())).isEqualTo(easter);
    }

    @ParameterizedTest
    @CsvSource({ "2015-01-01, nytårsdag", "2015-04-02, skærtorsdag", "2015-04-03, langfredag", "2015-04-05, påskedag",
            "2015-04-06, 2. påskedag", "2015-05-01, store bededag", "2015-05-14, Kristi himmelfartsdag",
            "2015-05-24, pinsedag", "2015-05-25, 2. pinsedag", "2015-06-05, grundlovsdag", "2015-12-24, juleaftensdag",
            "2015-12-25, juledag", "2015-12-26, 2. juledag", "2015-12-31, nytårsaftensdag",
            "2023-05-05, store bededag" })
    void closingDaysAreNamed(LocalDate day, String name) {
        assertThat(DanishWorkingDays.closingDay(day)).contains(name);
        assertThat(DanishWorkingDays.isWorkingDay(day)).isFalse();
    }

    @Test
    void storeBededagIsAWorkingDayFrom2024() {
        LocalDate fourthFridayAfterEaster2024 = LocalDate.of(2024, 4, 26);
        assertThat(DanishWorkingDays.closingDay(fourthFridayAfterEaster2024)).isEmpty();
        assertThat(DanishWorkingDays.isWorkingDay(fourthFridayAfterEaster2024)).isTrue();
    }

    @Test
    void weekendsAreClosedAndOrdinaryWeekdaysOpen() {
        assertThat(DanishWorkingDays.isWorkingDay(LocalDate.of(2015, 4, 4))).isFalse(); // Saturday
        assertThat(DanishWorkingDays.isWorkingDay(LocalDate.of(2015, 3, 1))).isFalse(); // Sunday
        assertThat(DanishWorkingDays.isWorkingDay(LocalDate.of(2015, 4, 7))).isTrue(); // Tuesday
                                                                                       // after
                                                                                       // Easter
        assertThat(DanishWorkingDays.describeClosed(LocalDate.of(2015, 4, 4))).contains("en lørdag");
        assertThat(DanishWorkingDays.describeClosed(LocalDate.of(2015, 3, 1))).contains("en søndag");
        assertThat(DanishWorkingDays.describeClosed(LocalDate.of(2015, 4, 6))).contains("en helligdag (2. påskedag)");
        assertThat(DanishWorkingDays.describeClosed(LocalDate.of(2015, 6, 5))).contains("grundlovsdag");
        assertThat(DanishWorkingDays.describeClosed(LocalDate.of(2015, 4, 7))).isEmpty();
    }

    @Test
    void nextAndPreviousWorkingDaySkipTheWholeEaster() {
        assertThat(DanishWorkingDays.onOrAfter(LocalDate.of(2015, 4, 2))).isEqualTo(LocalDate.of(2015, 4, 7));
        assertThat(DanishWorkingDays.onOrAfter(LocalDate.of(2015, 4, 7))).isEqualTo(LocalDate.of(2015, 4, 7));
        assertThat(DanishWorkingDays.before(LocalDate.of(2015, 4, 6))).isEqualTo(LocalDate.of(2015, 4, 1));
        // christmas to new year: 24, 25, 26 (Saturday), 27 (Sunday) closed; 31 and 1
        // closed
        assertThat(DanishWorkingDays.onOrAfter(LocalDate.of(2015, 12, 24))).isEqualTo(LocalDate.of(2015, 12, 28));
        assertThat(DanishWorkingDays.before(LocalDate.of(2015, 1, 1))).isEqualTo(LocalDate.of(2014, 12, 30));
    }

}
