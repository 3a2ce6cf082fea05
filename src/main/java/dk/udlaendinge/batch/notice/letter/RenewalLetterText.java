package dk.udlaendinge.batch.notice.letter;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dk.udlaendinge.batch.deposit.AmountTrack;

/**
 * The Danish wording of a renewal notice (docs/RENEWAL-RULES.md §3–4), apart from its
 * layout. The words for the codes (legal basis, security form, Danish test) live here and
 * nowhere else.
 */
final class RenewalLetterText {

    static final String AGENCY = "Udlændingestyrelsen";
    static final String SUBJECT = "Forlængelse af økonomisk sikkerhed";

    /** Non-breaking spaces: a phone number is never split over two lines. */
    static final String PHONE = "35\u00a036\u00a066\u00a000";
    static final String CVR = "77940413";
    static final String HOURS = "mandag kl.\u00a008–15, tirsdag–onsdag kl.\u00a010–15, torsdag kl.\u00a012–17, fredag kl.\u00a010–13";
    static final String FORM_TITLE = "Ansøgning om forlængelse af økonomisk sikkerhed";

    /**
     * An overdue notice asks for a new security: its letter and form say so in their
     * titles.
     */
    static final String OVERDUE_SUBJECT = "Ny økonomisk sikkerhed – din sikkerhed er udløbet";
    static final String OVERDUE_FORM_TITLE = "Ansøgning om ny økonomisk sikkerhed";

    /**
     * Where applications go by post: the agency's address in Næstved
     * (docs/RENEWAL-RULES.md §4, "Where to send", gives the source). Printed in the
     * letter, on the form and in the window's return address.
     */
    static final String POSTAL_ADDRESS = "Farimagsvej\u00a051A, 4700\u00a0Næstved";

    /**
     * The Digital Post route: every citizen's Digital Post can write to a public
     * authority.
     */
    static final String DIGITAL_POST_ROUTE = "borger.dk, i Digital Post-appen, på mit.dk eller i e-Boks";
    static final String CASE_DOCUMENTS = "Kopi af sagens dokumenter om sikkerhedsstillelsen";

    private static final Locale DANISH = Locale.forLanguageTag("da-DK");

    private RenewalLetterText() {
    }

    /** The info block beside the address window: who writes, when, and the references. */
    static List<String> infoBlock(RenewalLetter l) {
        return List.of("Telefon " + PHONE, "CVR " + CVR, "", "Dato: " + DanishFormat.date(l.runDate()),
                "Sagsnr.: " + l.caseNumber(), "Brevnr.: " + l.noticeId());
    }

    /**
     * The letter's title and the PDF's: "ny økonomisk sikkerhed" when the old one has
     * expired.
     */
    static String subject(RenewalLetter l) {
        return l.overdue() ? OVERDUE_SUBJECT : SUBJECT;
    }

    static String formTitle(boolean overdue) {
        return overdue ? OVERDUE_FORM_TITLE : FORM_TITLE;
    }

    /**
     * @param caseDocuments how many of the case's documents travel with the letter; the
     * list of enclosures names them only when there are any
     */
    static List<Block> body(RenewalLetter l, int caseDocuments) {
        String amount = DanishFormat.amount(l.amountRequired());
        String expiry = DanishFormat.date(l.expiryDate());
        String replyBy = DanishFormat.date(l.replyBy());
        String citation = RuleSource.citationFor(l.ruleSet());

        List<Block> b = new ArrayList<>();
        b.add(Block.title(subject(l)));
        b.add(Block.body("Kære " + l.referenceName()));
        b.add(Block
            .body("Du har stillet økonomisk sikkerhed over for " + MunicipalityNames.official(l.municipalityName())
                    + " i forbindelse med, at din ægtefælle, " + l.spouseName() + ", har fået opholdstilladelse efter "
                    + legalBasis(l.legalBasis()) + ". Sikkerheden blev stillet den " + DanishFormat.date(l.postedDate())
                    + " som " + securityForm(l.securityForm()) + "."));

        if (l.overdue()) {
            b.add(Block.body("Sikkerheden udløb den " + expiry + ". Efter " + citation
                    + " skal sikkerheden forlænges, når den udløber, medmindre din ægtefælle har fået tidsubegrænset"
                    + " opholdstilladelse."));
            b.add(Block.emphasis("Sikkerheden er udløbet og kan ikke længere forlænges. Du skal i stedet stille en ny"
                    + " økonomisk sikkerhed."));
        }
        else {
            b.add(Block.body("Sikkerheden udløber den " + expiry + ". Efter " + citation
                    + " skal sikkerheden forlænges, når den udløber, medmindre din ægtefælle har fået tidsubegrænset"
                    + " opholdstilladelse."));
        }

        if (l.extendUntil() != null) {
            b.add(Block.body(extendUntil(l)));
        }

        b.add(Block.heading("Beløb"));
        // the amount on a line of its own, large and bold, before the words that explain
        // it
        b.add(Block.amount(amount));
        b.addAll(amount(l));

        b.add(Block.heading("Hvad skal du gøre?"));
        if (l.overdue()) {
            b.add(Block.body("Stil en ny sikkerhed på " + amount + " som anfordringsgaranti fra et pengeinstitut eller"
                    + " som pantsat indlånskonto. Udfyld og underskriv den vedlagte ansøgning om ny økonomisk"
                    + " sikkerhed, og send den til os sammen med dokumentation for den nye sikkerhed."));
            b.add(Block.emphasis(
                    "Vi skal have ansøgningen og dokumentationen senest den " + DanishFormat.date(l.replyBy()) + "."));
        }
        else {
            b.add(Block.body("Du kan forlænge din " + securityFormShort(l.securityForm()) + ", så længe den ikke er"
                    + " udløbet. Udfyld og underskriv den vedlagte ansøgning om forlængelse af økonomisk sikkerhed,"
                    + " og send den til os sammen med dokumentation fra dit pengeinstitut for forlængelsen."));
            b.add(Block
                .emphasis("Vi skal have ansøgningen og dokumentationen senest den " + DanishFormat.date(l.replyBy())
                        + (l.replyBy().equals(l.expiryDate()) ? ", den dag sikkerheden udløber." : ".")));
        }
        deadlineOnClosedDay(l).ifPresent(text -> b.add(Block.body(text)));
        b.add(Block.body("Hvis din ægtefælle har fået tidsubegrænset opholdstilladelse, skal sikkerheden ikke "
                + (l.overdue() ? "stilles på ny" : "forlænges") + ". Kontakt os i så fald."));

        b.add(Block.heading("Sådan sender du ansøgningen"));
        b.add(Block.body("Med Digital Post: skriv til " + AGENCY + " på " + DIGITAL_POST_ROUTE + ", og vedhæft"
                + " ansøgningen og dokumentationen (scannet eller fotograferet)."));
        b.add(Block.body("Med almindelig post: " + AGENCY + ", " + POSTAL_ADDRESS + "."));

        b.add(Block.heading("Kontakt"));
        b.add(Block.body("Har du spørgsmål, så ring til os på telefon " + PHONE + " (" + HOURS + "), og oplys"
                + " sagsnummer " + l.caseNumber() + "."));

        b.add(Block.line("Med venlig hilsen"));
        b.add(Block.body(AGENCY));

        b.add(Block.heading("Bilag"));
        b.add(Block.line("1. " + formTitle(l.overdue())));
        if (caseDocuments > 0) {
            b.add(Block.line("2. " + CASE_DOCUMENTS + " (" + caseDocuments
                    + (caseDocuments == 1 ? " dokument)" : " dokumenter)")));
        }
        return b;
    }

    /**
     * What a deadline on a Saturday, Sunday or public holiday means
     * (docs/RENEWAL-RULES.md §4, "The deadline"). A deadline we set ourselves (an overdue
     * notice's reply period) moves to the next working day, as deadlines generally do.
     * The expiry date does not move: the security ends that day whatever day it is, so
     * the letter says how to make it in time.
     */
    static java.util.Optional<String> deadlineOnClosedDay(RenewalLetter l) {
        LocalDate day = l.replyBy();
        return DanishWorkingDays.describeClosed(day).map(what -> {
            String date = DanishFormat.date(day);
            if (l.overdue() || !day.equals(l.expiryDate())) {
                return "Den " + date + " er " + what + ". Falder en frist på en lørdag, søndag eller helligdag, er"
                        + " det nok, at vi har ansøgningen den første hverdag efter, "
                        + weekdayAndDate(DanishWorkingDays.onOrAfter(day)) + ".";
            }
            return "Den " + date + " er " + what + ", men fristen flytter sig ikke, for sikkerheden udløber den dag."
                    + " Digital Post når frem alle dage; med almindelig post skal vi have ansøgningen senest "
                    + weekdayAndDate(DanishWorkingDays.before(day)) + ".";
        });
    }

    /** "tirsdag den 7. april 2015". */
    static String weekdayAndDate(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(TextStyle.FULL, DANISH) + " den " + DanishFormat.date(day);
    }

    /**
     * The shares of the full amount a municipality reduces a security to after a passed
     * test (docs/RENEWAL-RULES.md §3).
     */
    private static final List<Integer> REDUCED_SHARES = List.of(60, 40, 20);

    /**
     * The share the municipality reduced this security to, when the registry's amount
     * shows it. The registry holds only the current amount, with no flag for a reduction
     * (docs/RENEWAL-RULES.md §4, "A reduced amount"): an amount that is exactly 60, 40 or
     * 20 % of the full amount of the posting year, to the øre, can only be such a
     * reduction, so the letter says so; any other amount gets the general wording, which
     * names both cases.
     */
    static java.util.Optional<Integer> reducedShare(RenewalLetter l) {
        if (l.postedYearLevel() == null) {
            return java.util.Optional.empty();
        }
        java.math.BigDecimal full = l.postedYearLevel().amount();
        return REDUCED_SHARES.stream()
            .filter(share -> full.multiply(java.math.BigDecimal.valueOf(share))
                .divide(java.math.BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP)
                .compareTo(l.amountRequired()) == 0)
            .findFirst();
    }

    static String legalBasis(String code) {
        return switch (code) {
            case "9-1-1" -> "udlændingelovens § 9, stk. 1, nr. 1";
            case "9c-1" -> "udlændingelovens § 9 c, stk. 1";
            default -> throw new IllegalArgumentException("unknown legal basis " + code);
        };
    }

    static String securityForm(String code) {
        return switch (code) {
            case "BANK_GUARANTEE" -> "en anfordringsgaranti fra et pengeinstitut";
            case "PLEDGED_ACCOUNT" -> "en pantsat indlånskonto til fordel for kommunen";
            default -> throw new IllegalArgumentException("unknown security form " + code);
        };
    }

    private static String securityFormShort(String code) {
        return switch (code) {
            case "BANK_GUARANTEE" -> "anfordringsgaranti";
            case "PLEDGED_ACCOUNT" -> "pantsatte indlånskonto";
            default -> throw new IllegalArgumentException("unknown security form " + code);
        };
    }

    /**
     * Until when, in plain Danish (docs/RENEWAL-RULES.md §1: renewal stops at the years
     * in all from the start, the journal's {@code extend_until}).
     */
    static String extendUntil(RenewalLetter l) {
        String until = DanishFormat.date(l.extendUntil());
        String years = l.ruleSet().renewedUntilYears() + " år";
        return (l.overdue() ? "Den nye sikkerhed skal gælde til den " + until + "."
                : "Sikkerheden skal forlænges til den " + until + ".") + " Så har der i alt været stillet sikkerhed i "
                + years + " fra den dag, din ægtefælle fik"
                + " opholdstilladelse, og derefter skal sikkerheden ikke forlænges igen.";
    }

    /**
     * What the amount is and why, by the security's rule set (docs/RENEWAL-RULES.md §3,
     * "The amount to renew"): the security's own amount, as posted or as reduced, never a
     * level or share we compute; and what a test passed since the last reduction lets the
     * municipality do, which the municipality decides, by the reductions of the set's
     * amount track. On the 2012 track the wording is that of the letters since 2014, word
     * for word.
     */
    static List<Block> amount(RenewalLetter l) {
        FullAmountLevel full = l.postedYearLevel();
        String level = full == null ? "" : " (" + full.year() + "-niveau: " + DanishFormat.amount(full.amount()) + ")";
        String amount = DanishFormat.amount(l.amountRequired());
        String source = RuleSource.amountCitationFor(l.ruleSet());
        String what = (l.overdue() ? "Du skal stille en ny sikkerhed for det beløb, den udløbne er på: "
                : "Du skal forlænge sikkerheden med det beløb, den er på i dag: ") + amount;
        // on the 2012 track a reduction shows in the amount itself (exactly 60, 40 or 20
        // % of the level)
        java.util.Optional<Integer> reduced = l.ruleSet().track() == AmountTrack.LEVEL_2012 ? reducedShare(l)
                : java.util.Optional.empty();
        String why = reduced
            .map(share -> " Kommunen har nedsat sikkerheden til " + amount + ", " + share + "\u00a0% af det fulde"
                    + " beløb" + level + ", og den skal kun " + (l.overdue() ? "stilles på ny" : "forlænges")
                    + " for det nedsatte beløb (" + source + ").")
            .orElse(" Det er beløbet, da ansøgningen om familiesammenføring blev indgivet, eller det, kommunen"
                    + " har nedsat den til (" + source + ").");
        String fullLevel = reduced.isPresent() ? "" : level; // a reduced letter named the
                                                             // level already
        String shares = switch (l.ruleSet().track()) {
            case LEVEL_2012 -> " Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan"
                    + " kommunen nedsætte den til 60\u00a0% (A1), 40\u00a0% (A2) eller 20\u00a0% (afsluttende prøve,"
                    + " PD3, Studieprøven) af det fulde beløb" + fullLevel + ". Det afgør kommunen.";
            case LEVEL_2018 -> " Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan"
                    + " kommunen nedsætte den med 20\u00a0% af det fulde beløb for en prøve på A1-niveau, med"
                    + " yderligere 10\u00a0% for en prøve på A2-niveau og med yderligere 10\u00a0% for den"
                    + " afsluttende prøve, dog aldrig til under 60\u00a0% af det fulde beløb" + level
                    + ". Det afgør kommunen.";
            case LEVEL_2024 -> " Det fulde beløb er 57.000,00 kr. (2024-niveau), som reguleres hvert år fra 2025."
                    + " Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan du bede"
                    + " kommunen om at nedsætte den. Det afgør kommunen.";
            case LEVEL_2002 -> throw new IllegalArgumentException(
                    "rule set " + l.ruleSet().name() + " is never extended and gets no renewal letter");
        };
        return List.of(Block.body(what + why + shares));
    }

}
