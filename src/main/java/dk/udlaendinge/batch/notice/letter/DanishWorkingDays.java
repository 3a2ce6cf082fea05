package dk.udlaendinge.batch.notice.letter;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

/**
 * Which days an office in Denmark is closed, for saying what a deadline on such a day
 * means (docs/RENEWAL-RULES.md §4, "The deadline"). Closed: Saturdays, Sundays, the
 * public holidays (folkekirkens helligdage: nytårsdag, skærtorsdag, langfredag, påskedag,
 * 2. påskedag, store bededag until 2023, Kristi himmelfartsdag, pinsedag, 2. pinsedag,
 * juledag, 2. juledag) and the days Danish deadline rules treat like them: grundlovsdag
 * (5 June), juleaftensdag and nytårsaftensdag (forældelsesloven § 27, stk. 2, names
 * exactly these). Store bededag was abolished as a public holiday from 2024 (lov nr. 207
 * af 28. februar 2023).
 *
 * <p>
 * Plain Java, no clock: the same date always gives the same answer.
 */
public final class DanishWorkingDays {

    /**
     * The last year store bededag (the fourth Friday after Easter) was a public holiday.
     */
    static final int LAST_STORE_BEDEDAG = 2023;

    private DanishWorkingDays() {
    }

    /**
     * Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm,
     * "Meeus/Jones/Butcher").
     */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /**
     * The Danish name of the holiday or closing day on {@code date}, if it is one;
     * weekends are not named.
     */
    public static Optional<String> closingDay(LocalDate date) {
        MonthDay md = MonthDay.from(date);
        if (md.equals(MonthDay.of(1, 1))) {
            return Optional.of("nytårsdag");
        }
        if (md.equals(MonthDay.of(6, 5))) {
            return Optional.of("grundlovsdag");
        }
        if (md.equals(MonthDay.of(12, 24))) {
            return Optional.of("juleaftensdag");
        }
        if (md.equals(MonthDay.of(12, 25))) {
            return Optional.of("juledag");
        }
        if (md.equals(MonthDay.of(12, 26))) {
            return Optional.of("2. juledag");
        }
        if (md.equals(MonthDay.of(12, 31))) {
            return Optional.of("nytårsaftensdag");
        }
        long fromEaster = date.toEpochDay() - easterSunday(date.getYear()).toEpochDay();
        return Optional.ofNullable(switch ((int) fromEaster) {
            case -3 -> "skærtorsdag";
            case -2 -> "langfredag";
            case 0 -> "påskedag";
            case 1 -> "2. påskedag";
            case 26 -> date.getYear() <= LAST_STORE_BEDEDAG ? "store bededag" : null;
            case 39 -> "Kristi himmelfartsdag";
            case 49 -> "pinsedag";
            case 50 -> "2. pinsedag";
            default -> null;
        });
    }

    public static boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && closingDay(date).isEmpty();
    }

    /**
     * {@code date} itself when it is a working day, else the first working day after it.
     */
    public static LocalDate onOrAfter(LocalDate date) {
        LocalDate d = date;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The last working day before {@code date}. */
    public static LocalDate before(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /**
     * What {@code date} is when it is no working day, in Danish for a sentence ("en
     * lørdag", "en helligdag (2. påskedag)", "grundlovsdag"); empty on a working day.
     */
    public static Optional<String> describeClosed(LocalDate date) {
        Optional<String> named = closingDay(date);
        if (named.isPresent()) {
            String name = named.get();
            boolean holiday = !name.equals("grundlovsdag") && !name.equals("juleaftensdag")
                    && !name.equals("nytårsaftensdag");
            return Optional.of(holiday ? "en helligdag (" + name + ")" : name);
        }
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> Optional.of("en lørdag");
            case SUNDAY -> Optional.of("en søndag");
            default -> Optional.empty();
        };
    }

}
