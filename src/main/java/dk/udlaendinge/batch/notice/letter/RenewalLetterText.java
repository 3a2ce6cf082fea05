package dk.udlaendinge.batch.notice.letter;

import java.util.ArrayList;
import java.util.List;

/**
 * The Danish wording of a renewal notice (SPEC §2, §3), apart from its layout. The words for
 * the codes (legal basis, security form, Danish test) live here and nowhere else.
 */
final class RenewalLetterText {

    static final String AGENCY = "Udlændingestyrelsen";
    static final String SUBJECT = "Forlængelse af økonomisk sikkerhed";
    /** Non-breaking spaces: a phone number is never split over two lines. */
    static final String PHONE = "35\u00a036\u00a066\u00a000";
    static final String CVR = "77940413";
    static final String HOURS = "mandag kl.\u00a008–15, tirsdag–onsdag kl.\u00a010–15, torsdag kl.\u00a012–17, fredag kl.\u00a010–13";
    static final String FORM_TITLE = "Ansøgning om forlængelse af økonomisk sikkerhed";

    private RenewalLetterText() {
    }

    /** The info block beside the address window: who writes, when, and the references. */
    static List<String> infoBlock(RenewalLetter l) {
        return List.of(
                "Telefon " + PHONE,
                "CVR " + CVR,
                "",
                "Dato: " + DanishFormat.date(l.runDate()),
                "Sagsnr.: " + l.caseNumber(),
                "Brevnr.: " + l.noticeId());
    }

    static List<Block> body(RenewalLetter l) {
        String amount = DanishFormat.amount(l.amountRequired());
        String expiry = DanishFormat.date(l.expiryDate());
        String replyBy = DanishFormat.date(l.replyBy());
        String citation = RuleSource.citationFor(l.ruleSet());

        List<Block> b = new ArrayList<>();
        b.add(Block.title(SUBJECT));
        b.add(Block.body("Kære " + l.referenceName()));
        b.add(Block.body("Du har stillet økonomisk sikkerhed over for " + MunicipalityNames.official(l.municipalityName())
                + " i forbindelse med, at din ægtefælle, " + l.spouseName() + ", har fået opholdstilladelse efter "
                + legalBasis(l.legalBasis()) + ". Sikkerheden blev stillet den " + DanishFormat.date(l.postedDate())
                + " som " + securityForm(l.securityForm()) + "."));

        if (l.overdue()) {
            b.add(Block.body("Sikkerheden udløb den " + expiry + ". Efter " + citation
                    + " skal sikkerheden forlænges, når den udløber, medmindre din ægtefælle har fået tidsubegrænset"
                    + " opholdstilladelse."));
            b.add(Block.emphasis("Sikkerheden er udløbet og kan ikke længere forlænges. Du skal i stedet stille en ny"
                    + " økonomisk sikkerhed."));
        } else {
            b.add(Block.body("Sikkerheden udløber den " + expiry + ". Efter " + citation
                    + " skal sikkerheden forlænges, når den udløber, medmindre din ægtefælle har fået tidsubegrænset"
                    + " opholdstilladelse."));
        }

        if (l.extendUntil() != null) {
            b.add(Block.body(extendUntil(l)));
        }

        b.add(Block.heading("Beløb"));
        b.addAll(amount(l));

        b.add(Block.heading("Hvad skal du gøre?"));
        if (l.overdue()) {
            b.add(Block.body("Stil en ny sikkerhed på " + amount + " som anfordringsgaranti fra et pengeinstitut eller"
                    + " som pantsat indlånskonto. Udfyld og underskriv den vedlagte ansøgning, og send den til os"
                    + " sammen med dokumentation for den nye sikkerhed."));
            b.add(Block.emphasis("Vi skal have ansøgningen og dokumentationen senest den " + replyBy + "."));
        } else {
            b.add(Block.body("Du kan forlænge din " + securityFormShort(l.securityForm()) + ", så længe den ikke er"
                    + " udløbet. Udfyld og underskriv den vedlagte ansøgning om forlængelse af økonomisk sikkerhed,"
                    + " og send den til os sammen med dokumentation fra dit pengeinstitut for forlængelsen, før"
                    + " sikkerheden udløber den " + expiry + "."));
            b.add(Block.emphasis("Vi skal have ansøgningen senest den " + replyBy + "."));
        }
        b.add(Block.body("Hvis din ægtefælle har fået tidsubegrænset opholdstilladelse, skal sikkerheden ikke "
                + (l.overdue() ? "stilles på ny" : "forlænges") + ". Kontakt os i så fald."));
        b.add(Block.heading("Kontakt"));
        b.add(Block.body("Har du spørgsmål, er du velkommen til at ringe til os på telefon " + PHONE + ": " + HOURS
                + ". Skriv sagsnummer " + l.caseNumber() + " på ansøgningen og i alle henvendelser til os."));

        b.add(Block.line("Med venlig hilsen"));
        b.add(Block.body(AGENCY));

        b.add(Block.heading("Bilag"));
        b.add(Block.line("1. " + FORM_TITLE));
        b.add(Block.line("2. Kopi af sagens dokumenter om sikkerhedsstillelsen"));
        return b;
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
     * Until when, in plain Danish (SPEC §2: renewal stops at the years in all from the start, the
     * journal's {@code extend_until}).
     */
    static String extendUntil(RenewalLetter l) {
        String until = DanishFormat.date(l.extendUntil());
        String years = l.ruleSet().renewedUntilYears() + " år";
        return (l.overdue() ? "Den nye sikkerhed skal gælde til den " + until + "."
                : "Sikkerheden skal forlænges til den " + until + ".")
                + " Så har der i alt været stillet sikkerhed i " + years + " fra den dag, din ægtefælle fik"
                + " opholdstilladelse, og derefter skal sikkerheden ikke forlænges igen.";
    }

    /**
     * What the amount is and why, by the security's rule set (SPEC §2, "The amount to renew"):
     * the security's own amount, as posted or as reduced, never a level or share we compute; and
     * what a test passed since the last reduction lets the municipality do, which the municipality
     * decides, by the reductions of the set's amount track. On the 2012 track the wording is that of
     * the letters since 2014, word for word.
     */
    static List<Block> amount(RenewalLetter l) {
        FullAmountLevel full = l.postedYearLevel();
        String level = full == null ? "" : " (" + full.year() + "-niveau: " + DanishFormat.amount(full.amount()) + ")";
        String amount = DanishFormat.amount(l.amountRequired());
        String source = RuleSource.amountCitationFor(l.ruleSet());
        String what = (l.overdue() ? "Du skal stille en ny sikkerhed for det beløb, den udløbne er på: "
                : "Du skal forlænge sikkerheden med det beløb, den er på i dag: ") + amount;
        String why = " Det er beløbet, da ansøgningen om familiesammenføring blev indgivet, eller det, kommunen har"
                + " nedsat den til (" + source + ").";
        String shares = switch (l.ruleSet().track()) {
            case LEVEL_2012 -> " Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan"
                    + " kommunen nedsætte den til 60\u00a0% (A1), 40\u00a0% (A2) eller 20\u00a0% (afsluttende prøve,"
                    + " PD3, Studieprøven) af det fulde beløb" + level + ". Det afgør kommunen.";
            case LEVEL_2018 -> " Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan"
                    + " kommunen nedsætte den med 20\u00a0% af det fulde beløb for en prøve på A1-niveau, med"
                    + " yderligere 10\u00a0% for en prøve på A2-niveau og med yderligere 10\u00a0% for den"
                    + " afsluttende prøve, dog aldrig til under 60\u00a0% af det fulde beløb" + level
                    + ". Det afgør kommunen.";
            case LEVEL_2024 -> " Det fulde beløb er 57.000,00 kr. (2024-niveau), som reguleres hvert år fra 2025."
                    + " Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan du bede"
                    + " kommunen om at nedsætte den. Det afgør kommunen.";
            case LEVEL_2002 -> throw new IllegalArgumentException("rule set " + l.ruleSet().name()
                    + " is never extended and gets no renewal letter");
        };
        return List.of(Block.body(what + why + shares));
    }
}
