package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dk.udlaendinge.batch.common.Municipalities;

/**
 * The second import format's four columns (docs/REGISTRY.md): read when present, empty
 * when a row of the 18-column format leaves them out, and each rule of theirs rejecting
 * the row with its line and a reason that quotes no personal value.
 */
class RegistryRowValidatorSecondFormatTest {

    /** The registry example's row EX-0002, then the second format's four columns. */
    private static final String ROW = "EX-0002;FAM/2011/100355;030284-2917;Jens Østergaard;Vestergade 4;5000;Odense C;"
            + "false;jens.ostergaard@digitalpost.example;Maria Santos;461;9-1-1;PLEDGED_ACCOUNT;50000.00;"
            + "2011-02-10;2011-03-01;;A1;2010-11-01;2021-03-01;;";

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static final long LINE = 12;

    private final RegistryRowValidator validator = new RegistryRowValidator(Municipalities.all()::contains, TODAY);

    private static Map<String, String> row(String... columnValue) {
        String[] values = ROW.split(";", -1);
        assertThat(values).hasSize(RegistryColumns.SECOND_FORMAT_NAMES.size());
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(RegistryColumns.SECOND_FORMAT_NAMES.get(i), values[i]);
        }
        for (int i = 0; i < columnValue.length; i += 2) {
            row.put(columnValue[i], columnValue[i + 1]);
        }
        return row;
    }

    private Deposit valid(Map<String, String> row) {
        return validator.validate(LINE, row::get);
    }

    private InvalidRowException rejected(Map<String, String> row, String column) {
        InvalidRowException e = catchThrowableOfType(InvalidRowException.class, () -> valid(row));
        assertThat(e).as("must be rejected").isNotNull();
        assertThat(e.line()).isEqualTo(LINE);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.getMessage()).doesNotContain("030284-2917", "Jens", "Maria");
        return e;
    }

    @Test
    void theFourColumnsAreRead() {
        Deposit d = valid(row("released_date", "2020-05-01", "release_reason", "DEPARTED"));

        assertThat(d.applicationDate()).isEqualTo(LocalDate.of(2010, 11, 1));
        assertThat(d.validUntil()).isEqualTo(LocalDate.of(2021, 3, 1));
        assertThat(d.releasedDate()).isEqualTo(LocalDate.of(2020, 5, 1));
        assertThat(d.releaseReason()).isEqualTo(ReleaseReason.DEPARTED);
    }

    @Test
    void aRowOfTheFirstFormatHasThemEmpty() {
        Map<String, String> first = row();
        RegistryColumns.SECOND_FORMAT.forEach(c -> first.remove(c.name()));

        Deposit d = valid(first);

        assertThat(d.applicationDate()).isNull();
        assertThat(d.validUntil()).isNull();
        assertThat(d.releasedDate()).isNull();
        assertThat(d.releaseReason()).isNull();
    }

    @ParameterizedTest(name = "posted {0} without application date: rejected {1}")
    @CsvSource({ "2017-11-15, false", "2017-11-16, true", "2018-07-01, true", "2024-07-01, true" })
    void aMissingApplicationDateFromThe16thOfNovember2017IsRejectedWithItsReason(LocalDate posted, boolean rejected) {
        Map<String, String> row = row("posted_date", posted.toString(), "permit_granted_date",
                posted.plusDays(20).toString(), "application_date", "", "valid_until", "");
        if (!rejected) {
            assertThat(valid(row).applicationDate()).isNull();
            return;
        }
        InvalidRowException e = rejected(row, "application_date");
        assertThat(e.reason()).contains("2017-11-16", posted.toString(), "rule set",
                "depends on the date the" + " application was submitted");
        // with the date the same row is taken
        assertThat(valid(row("posted_date", posted.toString(), "permit_granted_date", posted.plusDays(20).toString(),
                "application_date", "2017-11-20", "valid_until", ""))
            .applicationDate()).isEqualTo(LocalDate.of(2017, 11, 20));
    }

    @Test
    void aReleasedDateWithoutAReasonIsRejected() {
        assertThat(rejected(row("released_date", "2020-05-01"), "release_reason").reason())
            .contains("required when released_date is given");
    }

    @Test
    void aReasonWithoutADateIsRejected() {
        assertThat(rejected(row("release_reason", "DECEASED"), "released_date").reason())
            .contains("required when release_reason is given");
    }

    @Test
    void aReleaseInTheFutureIsRejected() {
        assertThat(
                rejected(row("released_date", "2026-12-08", "release_reason", "NEW_BASIS"), "released_date").reason())
            .contains("in the future");
        assertThat(valid(row("released_date", "2026-12-07", "release_reason", "NEW_BASIS")).releasedDate())
            .isEqualTo(TODAY);
    }

    @Test
    void anUnknownReasonIsRejected() {
        assertThat(rejected(row("released_date", "2020-05-01", "release_reason", "DIVORCE"), "release_reason").reason())
            .contains("PERMANENT_RESIDENCE", "DIVORCE");
    }

    @ParameterizedTest
    @EnumSource(ReleaseReason.class)
    void everyReasonIsTaken(ReleaseReason reason) {
        assertThat(valid(row("released_date", "2020-05-01", "release_reason", reason.name())).releaseReason())
            .isEqualTo(reason);
    }

    @Test
    void validUntilBeforeThePermitDateIsRejected() {
        assertThat(rejected(row("valid_until", "2011-02-28"), "valid_until").reason())
            .contains("before the permit date 2011-03-01");
        assertThat(valid(row("valid_until", "2011-03-01")).validUntil()).isEqualTo(LocalDate.of(2011, 3, 1));
    }

    @Test
    void aBadDateInTheNewColumnsIsRejectedNamingTheColumn() {
        rejected(row("application_date", "01-11-2010"), "application_date");
        rejected(row("valid_until", "2021-02-30"), "valid_until");
    }

}
