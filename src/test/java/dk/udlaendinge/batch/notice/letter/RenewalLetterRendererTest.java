package dk.udlaendinge.batch.notice.letter;

import static dk.udlaendinge.batch.notice.letter.PdfText.mm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

class RenewalLetterRendererTest {

    private final RenewalLetterRenderer renderer = new RenewalLetterRenderer();

    @Test
    void letterNamesCaseSpousesDatesAmountAndLegalBasis() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due()));

        assertThat(text).contains("Forlængelse af økonomisk sikkerhed")
            .contains("FAM/2011/100355")
            .contains("Jens Østergaard")
            .contains("Maria Santos")
            .contains("20.685,76 kr.")
            .contains("Sikkerheden udløber den 1. januar 2015")
            .contains("Dato: 1. december 2014")
            .contains("Vi skal have ansøgningen og dokumentationen senest den 1. januar 2015")
            .contains("udlændingelovens § 9, stk. 1, nr. 1")
            .contains("bekendtgørelse nr. 1405 af 30. november 2010")
            .contains("pantsat indlånskonto")
            .contains("Aarhus Kommune")
            .contains("40 % (A2)");
    }

    @Test
    void letterGivesTheAgencysContactDetails() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due()));

        assertThat(text).contains("Udlændingestyrelsen")
            .contains("35 36 66 00")
            .contains("mandag kl. 08–15")
            .contains("tirsdag–onsdag kl. 10–15")
            .contains("torsdag kl. 12–17")
            .contains("fredag kl. 10–13")
            .contains("CVR 77940413");
    }

    @Test
    void letterListsItsEnclosures() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due(), 2));

        assertThat(text).contains("Bilag")
            .contains("1. Ansøgning om forlængelse af økonomisk sikkerhed")
            .contains("2. Kopi af sagens dokumenter om sikkerhedsstillelsen (2 dokumenter)");
    }

    @Test
    void letterWithoutCaseDocumentsListsOnlyTheForm() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due(), 0));

        assertThat(text).contains("Bilag 1. Ansøgning om forlængelse af økonomisk sikkerhed")
            .doesNotContain("sagens dokumenter")
            .doesNotContain("2. Kopi");
        assertThat(PdfText.text(renderer.render(SampleLetters.due(), 1)))
            .contains("2. Kopi af sagens dokumenter om sikkerhedsstillelsen (1 dokument)");
    }

    @Test
    void overdueLetterAsksForANewSecurity() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.overdue()));

        assertThat(text).contains("Sikkerheden udløb den 15. februar 2015")
            .contains("Sikkerheden er udløbet og kan ikke længere forlænges")
            .contains("ny økonomisk sikkerhed")
            .contains("senest den 1. april 2015")
            .contains("50.000,00 kr.")
            .contains("udlændingelovens § 9 c, stk. 1")
            .contains("§ 6 i bekendtgørelse nr. 646 af 21. juni 2012")
            .contains("anfordringsgaranti")
            .doesNotContain("Du kan forlænge");
    }

    @Test
    void letterNotYetExpiredHasNoOverdueWording() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due()));

        assertThat(text).contains("Du kan forlænge")
            .doesNotContain("kan ikke længere forlænges")
            .doesNotContain("ny økonomisk sikkerhed")
            .doesNotContain("udløb den");
    }

    @Test
    void everyPageIsA4() throws Exception {
        try (PDDocument doc = Loader.loadPDF(renderer.render(SampleLetters.due()))) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            for (PDPage page : doc.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(),
                        org.assertj.core.data.Offset.offset(0.01f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getHeight(),
                        org.assertj.core.data.Offset.offset(0.01f));
            }
        }
    }

    @Test
    void noTextInTheLeftMargin() throws Exception {
        for (RenewalLetter letter : List.of(SampleLetters.due(), SampleLetters.overdue())) {
            List<PdfText.Line> lines = PdfText.lines(renderer.render(letter));

            assertThat(lines).isNotEmpty()
                .allSatisfy(line -> assertThat(line.left()).as(line.text()).isGreaterThanOrEqualTo(mm(18)));
        }
    }

    @Test
    void senderAndAddressSitInTheEnvelopeWindow() throws Exception {
        List<PdfText.Line> lines = PdfText.lines(renderer.render(SampleLetters.due()));
        // The return address is whole (not cut with an ellipsis): undeliverable post goes
        // back there.
        List<String> windowTexts = List.of("Udlændingestyrelsen, Farimagsvej 51A, 4700 Næstved", "Jens Østergaard",
                "Åboulevarden 12, 2. th", "8000 Aarhus C");

        List<PdfText.Line> window = lines.stream()
            .filter(l -> windowTexts.contains(l.text().replace('\u00a0', ' ')) && l.left() < mm(105)
                    && l.top() < mm(90))
            .toList();

        assertThat(window).extracting(l -> l.text().replace('\u00a0', ' ')).containsExactlyElementsOf(windowTexts);
        assertThat(window).allSatisfy(l -> {
            assertThat(l.left()).as(l.text()).isGreaterThanOrEqualTo(mm(20));
            assertThat(l.right()).as(l.text()).isLessThanOrEqualTo(mm(105));
            assertThat(l.top()).as(l.text()).isGreaterThanOrEqualTo(mm(45));
            assertThat(l.baseline()).as(l.text()).isLessThanOrEqualTo(mm(90));
        });
    }

    @Test
    void longAddressShrinksToStayInTheWindow() throws Exception {
        RenewalLetter l = SampleLetters.due();
        String longName = "Maximiliane Konstantina Alexandra Wilhelmina von Hohenberg-Østergaard Christiansen";
        byte[] pdf = renderer.render(SampleLetters.withNames(longName, l.spouseName()));

        List<PdfText.Line> window = PdfText.lines(pdf)
            .stream()
            .filter(line -> line.page() == 1 && line.left() < mm(105) && line.top() < mm(95))
            .toList();

        assertThat(window).isNotEmpty().allSatisfy(line -> {
            assertThat(line.right()).as(line.text()).isLessThanOrEqualTo(mm(105));
            assertThat(line.top()).as(line.text()).isGreaterThanOrEqualTo(mm(45));
            assertThat(line.baseline()).as(line.text()).isLessThanOrEqualTo(mm(90));
        });
        assertThat(String.join(" ", window.stream().map(PdfText.Line::text).toList())).contains("Christiansen");
    }

    @Test
    void danishAndForeignLettersSurvive() throws Exception {
        byte[] pdf = renderer.render(SampleLetters.withNames("Æbelø Åge Øster", "Nguyễn Thị Lan Łukasz Ağca"));

        assertThat(PdfText.text(pdf)).contains("Æbelø Åge Øster").contains("Nguyễn Thị Lan Łukasz Ağca");
    }

    @Test
    void combiningAccentsAreComposed() throws Exception {
        String decomposed = java.text.Normalizer.normalize("Nguyễn Thị Lan", java.text.Normalizer.Form.NFD);

        byte[] pdf = renderer.render(SampleLetters.withNames("Jens Østergaard", decomposed));

        assertThat(PdfText.text(pdf)).contains("Nguyễn Thị Lan");
    }

    @Test
    void charactersTheFontLacksDoNotStopTheLetter() throws Exception {
        byte[] pdf = renderer.render(SampleLetters.withNames("Jens Østergaard", "李小龍 Maria\tSantos\n"));

        assertThat(PdfText.text(pdf)).contains("??? Maria Santos");
    }

    @Test
    void overflowingTextContinuesOnNumberedPages() throws Exception {
        String endlessName = "Santos ".repeat(900) + "Ende";
        byte[] pdf = renderer.render(SampleLetters.withNames("Jens Østergaard", endlessName));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
        }
        String text = PdfText.text(pdf);
        assertThat(text).contains("Side 1 af ").contains("Ende").contains("Med venlig hilsen");
        assertThat(PdfText.lines(pdf)).allSatisfy(line -> {
            assertThat(line.left()).isGreaterThanOrEqualTo(mm(18));
            assertThat(line.baseline()).isLessThanOrEqualTo(mm(297 - 10));
        });
    }

    @Test
    void metadataHoldsNoPersonalData() throws Exception {
        RenewalLetter letter = SampleLetters.due();
        try (PDDocument doc = Loader.loadPDF(renderer.render(letter))) {
            PDDocumentInformation info = doc.getDocumentInformation();

            assertThat(info.getTitle()).isEqualTo("Forlængelse af økonomisk sikkerhed");
            assertThat(info.getAuthor()).isEqualTo("Udlændingestyrelsen");
            assertThat(info.getSubject()).isNull();
            assertThat(info.getKeywords()).isNull();
            String all = info.getCOSObject().toString();
            assertThat(all).doesNotContain("Østergaard", "Santos", letter.caseNumber(), letter.city());
            // the XMP packet carries the title for PDF/UA, and nothing personal either
            String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xmp).contains("Forlængelse af økonomisk sikkerhed")
                .doesNotContain("Østergaard", "Santos", letter.caseNumber(), letter.city());
        }
    }

    @Test
    void sameLetterGivesSameBytes() {
        assertThat(renderer.render(SampleLetters.due())).isEqualTo(renderer.render(SampleLetters.due()));
    }

    @Test
    void rendersConcurrentlyWithOneInstance() throws Exception {
        byte[] expected = renderer.render(SampleLetters.due());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = pool
                .invokeAll(java.util.Collections.nCopies(40, () -> renderer.render(SampleLetters.due())));
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void inconsistentOverdueFlagIsRejectedWithoutPersonalData() {
        RenewalLetter l = SampleLetters.due();

        assertThatThrownBy(() -> new RenewalLetter(l.noticeId(), l.caseNumber(), l.referenceName(), l.addressLine(),
                l.postalCode(), l.city(), l.spouseName(), l.legalBasis(), l.securityForm(), l.danishTest(),
                l.postedDate(), l.expiryDate(), l.amountRequired(), l.runDate(), true, l.municipalityName(),
                l.replyBy(), l.postedYearLevel()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("overdue")
            .hasMessageContaining("4711")
            .message()
            .doesNotContain("Østergaard", "Santos");
    }

    @Test
    void amountWithMoreThanTwoDecimalsIsRejected() {
        RenewalLetter l = SampleLetters.due();

        assertThatThrownBy(() -> new RenewalLetter(l.noticeId(), l.caseNumber(), l.referenceName(), l.addressLine(),
                l.postalCode(), l.city(), l.spouseName(), l.legalBasis(), l.securityForm(), l.danishTest(),
                l.postedDate(), l.expiryDate(), new BigDecimal("20685.765"), l.runDate(), l.overdue(),
                l.municipalityName(), l.replyBy(), l.postedYearLevel()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("amountRequired");
    }

    @Test
    void letterAsksForTheSecuritysOwnAmountAndSaysWhy() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due()));

        assertThat(text).contains("Du skal forlænge sikkerheden med det beløb, den er på i dag: 20.685,76 kr.")
            .contains("Det er beløbet, da ansøgningen om familiesammenføring blev indgivet, eller det, kommunen"
                    + " har nedsat den til")
            .contains("§ 6, stk. 3, i bekendtgørelse nr. 646 af 21. juni 2012 med senere ændringer")
            .contains("KL's vejledning »Forlængelse af sikkerhedsstillelse«");
    }

    @Test
    void letterSaysTheMunicipalityDecidesAReductionAndNamesTheShares() throws Exception {
        for (RenewalLetter letter : List.of(SampleLetters.due(), SampleLetters.overdue())) {
            String text = PdfText.text(renderer.render(letter));

            assertThat(text)
                .contains("Har din ægtefælle bestået en danskprøve, siden sikkerheden sidst blev nedsat, kan"
                        + " kommunen nedsætte den til 60 % (A1), 40 % (A2) eller 20 % (afsluttende prøve, PD3,"
                        + " Studieprøven) af det fulde beløb")
                .contains("Det afgør kommunen.");
        }
    }

    @Test
    void letterNeverCallsTheAmountARunYearLevelOrAShareWeComputed() throws Exception {
        for (RenewalLetter letter : List.of(SampleLetters.due(), SampleLetters.overdue())) {
            String text = PdfText.text(renderer.render(letter));

            assertThat(text).doesNotContain(letter.runDate().getYear() + "-niveau")
                .doesNotContain("Sikkerheden skal stilles for")
                .doesNotContain("Beløbet er nedsat til")
                .doesNotContain("procent af det fulde beløb, fordi")
                .doesNotContain("Det er det fulde beløb, da");
        }
    }

    @Test
    void overdueLetterAsksForANewSecurityOfTheSameAmount() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.overdue()));

        assertThat(text).contains("Du skal stille en ny sikkerhed for det beløb, den udløbne er på: 50.000,00 kr.")
            .contains("Stil en ny sikkerhed på 50.000,00 kr.");
    }

    @Test
    void levelOfThePostedYearIsQuotedOnlyAsAnExampleAndOnlyWhenKnown() throws Exception {
        assertThat(PdfText.text(renderer.render(SampleLetters.overdue())))
            .contains("af det fulde beløb (2012-niveau: 50.000,00 kr.). Det afgør kommunen.");
        assertThat(PdfText.text(renderer.render(SampleLetters.due())))
            .contains("af det fulde beløb. Det afgør kommunen.")
            .doesNotContain("-niveau");
    }

    @Test
    void levelOfAnotherYearThanThePostedYearIsRejected() {
        RenewalLetter l = SampleLetters.overdue();

        assertThatThrownBy(() -> new RenewalLetter(l.noticeId(), l.caseNumber(), l.referenceName(), l.addressLine(),
                l.postalCode(), l.city(), l.spouseName(), l.legalBasis(), l.securityForm(), l.danishTest(),
                l.postedDate(), l.expiryDate(), l.amountRequired(), l.runDate(), l.overdue(), l.municipalityName(),
                l.replyBy(), new FullAmountLevel(2015, new BigDecimal("52490.12"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("postedYearLevel")
            .hasMessageContaining("4712");
    }

    @Test
    void securityPostedBefore2011GetsNoLetter() {
        assertThatThrownBy(() -> RuleSource.citationFor(LocalDate.of(2010, 12, 31)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("(before 2011-01-01)");
        assertThat(RuleSource.citationFor(LocalDate.of(2011, 1, 1))).isEqualTo("§ 6 og § 17 i bekendtgørelse nr. 1405"
                + " af 30. november 2010 og § 20 i bekendtgørelse nr. 646 af 21. juni 2012");
        assertThat(RuleSource.citationFor(LocalDate.of(2012, 6, 30))).contains("nr. 1405");
        assertThat(RuleSource.citationFor(LocalDate.of(2012, 7, 1)))
            .isEqualTo("§ 6 i bekendtgørelse nr. 646 af 21. juni 2012");
    }

}
