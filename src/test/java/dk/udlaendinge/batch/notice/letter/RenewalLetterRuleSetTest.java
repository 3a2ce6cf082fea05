package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.deposit.AmountTrack;
import dk.udlaendinge.batch.deposit.RuleSet;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * The letter's sentences that follow the security's rule set (docs/RENEWAL-RULES.md):
 * until when to extend (start + ten years in all, in plain Danish), the order and amount
 * source it cites, and the amount paragraph by the set's amount track, while the amount
 * asked is always the registry's own.
 */
class RenewalLetterRuleSetTest {

    private static final LocalDate RUN = LocalDate.of(2022, 10, 1);

    private static RenewalLetter letter(RuleSet set, LocalDate applied, LocalDate expiry, String amount,
            FullAmountLevel level, LocalDate extendUntil) {
        boolean overdue = expiry.isBefore(RUN);
        return new RenewalLetter(9001L, "FAM/2017/900001", "Jens Østergaard", "Åboulevarden 12", "8000", "Aarhus C",
                "Maria Santos", "9-1-1", "BANK_GUARANTEE", "NONE", LocalDate.of(2017, 12, 1), expiry,
                new BigDecimal(amount), RUN, overdue, "Aarhus", overdue ? RUN.plusDays(30) : expiry, level, applied,
                set, extendUntil);
    }

    private static String text(RenewalLetter l) {
        return RenewalLetterText.body(l, 0).stream().map(Block::text).collect(Collectors.joining("\n"));
    }

    @Test
    void aSetCLetterSaysUntilWhenInPlainDanishAndCitesTheOrder() {
        RuleSet c = SecurityRules.THROUGH_TIME.named("C");
        String text = text(letter(c, LocalDate.of(2017, 11, 15), LocalDate.of(2022, 12, 15), "54289.48",
                new FullAmountLevel(2017, new BigDecimal("54289.48")), LocalDate.of(2027, 12, 15)));

        assertThat(text).contains("Sikkerheden skal forlænges til den 15. december 2027.",
                "i alt været stillet sikkerhed i 10 år", "bekendtgørelse nr. 646 af 21. juni 2012", "54.289,48 kr.",
                "60\u00a0% (A1), 40\u00a0% (A2) eller 20\u00a0%");
    }

    @Test
    void anOverdueLetterSaysTheNewSecurityRunsUntilThatDay() {
        RuleSet b = SecurityRules.THROUGH_TIME.named("B");
        String text = text(letter(b, null, LocalDate.of(2022, 7, 15), "50000.00", null, LocalDate.of(2027, 7, 15)));

        assertThat(text).contains("Den nye sikkerhed skal gælde til den 15. juli 2027.",
                "bekendtgørelse nr. 1405 af 30. november 2010",
                // the amount's sources as the letters of 2014 cited them
                // (docs/RENEWAL-RULES.md)
                "§ 6, stk.\u00a03, i bekendtgørelse nr. 646 af 21. juni 2012 med senere ændringer",
                "KL's vejledning »Forlængelse af sikkerhedsstillelse«");
    }

    @Test
    void withoutADateToExtendUntilTheSentenceIsLeftOut() {
        String text = text(letter(SecurityRules.THROUGH_TIME.named("C"), null, LocalDate.of(2022, 12, 15), "54289.48",
                null, null));

        assertThat(text).doesNotContain("forlænges til den", "skal gælde til den");
    }

    @Test
    void aReducedAmountIsAskedExactlyBesideTheLevelOfTheApplicationYear() {
        String text = text(
                letter(SecurityRules.THROUGH_TIME.named("C"), LocalDate.of(2017, 6, 1), LocalDate.of(2022, 12, 15),
                        "21715.79", new FullAmountLevel(2017, new BigDecimal("54289.48")), LocalDate.of(2027, 12, 15)));

        // exactly 40 % of the 2017 level: the letter calls it reduced and quotes the
        // level there, once
        assertThat(text).contains("den er på i dag: 21.715,79 kr.",
                "Kommunen har nedsat sikkerheden til 21.715,79 kr., 40\u00a0% af det fulde beløb (2017-niveau: 54.289,48 kr.)")
            .containsOnlyOnce("2017-niveau");
    }

    /**
     * A set that renews on the 2018 track does not exist yet; the paragraph must follow
     * the track when one does.
     */
    @Test
    void theAmountParagraphFollowsTheTrack2018ReductionsWithTheFloor() {
        RuleSet renewing2018 = new RuleSet("X", LocalDate.of(2030, 1, 1), null, null, null, 5, 10,
                AmountTrack.LEVEL_2018, "lov X", "lov X om beløbet", List.of("lov X"));
        String text = text(letter(renewing2018, LocalDate.of(2019, 3, 1), LocalDate.of(2022, 12, 15), "102000.00",
                new FullAmountLevel(2019, new BigDecimal("102000.00")), LocalDate.of(2027, 12, 15)));

        assertThat(text)
            .contains("den er på i dag: 102.000,00 kr.", "med 20\u00a0% af det fulde beløb",
                    "yderligere 10\u00a0% for en prøve på A2-niveau", "yderligere 10\u00a0% for den afsluttende prøve",
                    "aldrig til under 60\u00a0%", "2019-niveau: 102.000,00 kr.", "(lov X om beløbet)")
            .doesNotContain("40\u00a0% (A2)");
    }

    @Test
    void theAmountParagraphFollowsThe2024Level() {
        RuleSet renewing2024 = new RuleSet("Y", LocalDate.of(2030, 1, 1), null, null, null, 5, 10,
                AmountTrack.LEVEL_2024, "lov Y", "lov Y om beløbet", List.of("lov Y"));
        String text = text(letter(renewing2024, LocalDate.of(2024, 8, 1), LocalDate.of(2022, 12, 15), "57000.00", null,
                LocalDate.of(2027, 12, 15)));

        assertThat(text).contains("den er på i dag: 57.000,00 kr.", "57.000,00 kr. (2024-niveau)", "(lov Y om beløbet)")
            .doesNotContain("20\u00a0%");
    }

    @Test
    void aSetThatNeverRenewsGetsNoLetter() {
        for (String name : List.of("A", "D", "E", "F")) {
            assertThatThrownBy(() -> letter(SecurityRules.THROUGH_TIME.named(name), LocalDate.of(2019, 1, 1),
                    LocalDate.of(2022, 12, 15), "57000.00", null, null))
                .as(name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never extended");
        }
    }

    @Test
    void aDateToExtendUntilThatIsNotAfterTheExpiryIsRefused() {
        assertThatThrownBy(() -> letter(SecurityRules.THROUGH_TIME.named("C"), null, LocalDate.of(2022, 12, 15),
                "54289.48", null, LocalDate.of(2022, 12, 15)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not after the expiry date");
    }

}
