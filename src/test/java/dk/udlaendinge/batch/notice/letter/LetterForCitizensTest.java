package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * The letter and its form as a citizen meets them (issue 21, "Citizens: the letter"):
 * where to send, what is enclosed, one deadline and what a weekend or holiday does to it,
 * the amount, the overdue letter on one page, the pre-filled form, and the tags a screen
 * reader reads.
 */
class LetterForCitizensTest {

    private final RenewalLetterRenderer renderer = new RenewalLetterRenderer();

    @Test
    void letterSaysWhereAndHowToSend() throws Exception {
        String text = PdfText.text(renderer.render(SampleLetters.due()));

        assertThat(text).contains("Sådan sender du ansøgningen")
            .contains("Med Digital Post: skriv til Udlændingestyrelsen på borger.dk, i Digital Post-appen,"
                    + " på mit.dk eller i e-Boks")
            .contains("Med almindelig post: Udlændingestyrelsen, Farimagsvej 51A, 4700 Næstved.");
    }

    @Test
    void deadlineOnAWorkingDayIsSaidOnceAndOneWay() throws Exception {
        // expiry on Friday 2 January 2015, a working day
        String text = PdfText.text(renderer.render(due(LocalDate.of(2015, 1, 2))));

        assertThat(count(text, "senest")).isEqualTo(1);
        assertThat(text).contains("senest den 2. januar 2015, den dag sikkerheden udløber.")
            .doesNotContain("før sikkerheden udløber")
            .doesNotContain("lørdag, søndag eller helligdag")
            .doesNotContain("flytter sig ikke");
    }

    @Test
    void expiryOnAHolidayDoesNotMoveAndTheLetterSaysWhenPostMustArrive() throws Exception {
        // 1 January 2015 is nytårsdag; 31 December is closed too, so post must arrive on
        // Tuesday 30 December
        String text = PdfText.text(renderer.render(SampleLetters.due()));

        assertThat(text).contains("senest den 1. januar 2015, den dag sikkerheden udløber.")
            .contains("Den 1. januar 2015 er en helligdag (nytårsdag), men fristen flytter sig ikke")
            .contains("med almindelig post skal vi have ansøgningen senest tirsdag den 30. december 2014.");
    }

    @Test
    void overdueDeadlineOnASaturdayMovesToTheNextWorkingDay() throws Exception {
        RenewalLetter l = SampleLetters.overdue();
        LocalDate saturday = LocalDate.of(2015, 4, 4); // Easter Saturday: Sunday and
                                                       // Monday are closed too
        String text = PdfText.text(renderer.render(withReplyBy(l, saturday)));

        assertThat(text).contains("senest den 4. april 2015.")
            .contains("Den 4. april 2015 er en lørdag. Falder en frist på en lørdag, søndag eller helligdag,"
                    + " er det nok, at vi har ansøgningen den første hverdag efter, tirsdag den 7. april 2015.");
    }

    @Test
    void overdueLetterAsksForNySikkerhedAndFitsOnePage() throws Exception {
        byte[] pdf = renderer.render(SampleLetters.overdue(), 3);
        String text = PdfText.text(pdf);

        assertThat(Pdfs.pageCount(pdf)).isEqualTo(1);
        assertThat(text).contains("Ny økonomisk sikkerhed – din sikkerhed er udløbet")
            .contains("1. Ansøgning om ny økonomisk sikkerhed")
            .contains("2. Kopi af sagens dokumenter om sikkerhedsstillelsen (3 dokumenter)")
            .contains("Side 1 af 1");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getDocumentInformation().getTitle())
                .isEqualTo("Ny økonomisk sikkerhed – din sikkerhed er udløbet");
        }
    }

    @Test
    void overdueLetterWithLongNamesStillFitsOnePage() throws Exception {
        RenewalLetter o = SampleLetters.overdue();
        RenewalLetter l = new RenewalLetter(o.noticeId(), o.caseNumber(), "Karen Margrethe Vestergaard-Christoffersen",
                "Frederiksberg Allé 112, 4. tv, lejlighed 7", o.postalCode(), o.city(),
                "Nguyễn Thị Minh Khai Hoàng-Villanueva de la Cruz", o.legalBasis(), o.securityForm(), o.danishTest(),
                o.postedDate(), o.expiryDate(), o.amountRequired(), o.runDate(), true, "Ringkøbing-Skjern",
                LocalDate.of(2015, 4, 7), o.postedYearLevel());

        assertThat(Pdfs.pageCount(renderer.render(l, 2))).isEqualTo(1);
    }

    @Test
    void amountStandsOnItsOwnLineLargerThanTheText() throws Exception {
        List<Sized> lines = sizedLines(renderer.render(SampleLetters.due()));

        Sized amount = lines.stream().filter(l -> l.text().strip().equals("20.685,76 kr.")).findFirst().orElseThrow();
        Sized body = lines.stream().filter(l -> l.text().startsWith("Kære ")).findFirst().orElseThrow();
        assertThat(amount.size()).isGreaterThan(body.size() + 2);
        assertThat(amount.bold()).isTrue();
    }

    @Test
    void reducedAmountIsExplainedAsReduced() throws Exception {
        // posted 2012 at the 2012 level of 50.000 kr., reduced to 40 % after A2: 20.000
        // kr.
        RenewalLetter reduced = withAmount(SampleLetters.overdue(), "20000.00");
        byte[] pdf = renderer.render(reduced, 3);
        String text = PdfText.text(pdf);

        assertThat(text)
            .contains("Kommunen har nedsat sikkerheden til 20.000,00 kr., 40 % af det fulde beløb"
                    + " (2012-niveau: 50.000,00 kr.), og den skal kun stilles på ny for det nedsatte beløb")
            .doesNotContain("Det er beløbet, da ansøgningen");
        assertThat(count(text, "2012-niveau")).as("the full amount is quoted once").isEqualTo(1);
        assertThat(Pdfs.pageCount(pdf)).isEqualTo(1);
        assertThat(PdfText.text(renderer.render(withAmount(SampleLetters.overdue(), "30000.00"), 0)))
            .contains("nedsat sikkerheden til 30.000,00 kr., 60 % af det fulde beløb");
    }

    @Test
    void amountThatIsNoShareOfTheFullAmountIsNotCalledReduced() throws Exception {
        // as posted (the overdue sample), a share of no level (20.000,01 kr.), and no
        // level known (the due sample)
        for (RenewalLetter l : List.of(SampleLetters.overdue(), withAmount(SampleLetters.overdue(), "20000.01"),
                SampleLetters.due())) {
            assertThat(PdfText.text(renderer.render(l, 0))).as(l.amountRequired().toPlainString())
                .doesNotContain("Kommunen har nedsat")
                .contains("Det er beløbet, da ansøgningen om familiesammenføring blev indgivet, eller det,"
                        + " kommunen har nedsat den til");
        }
    }

    @Test
    void formIsPreFilledWithCaseAndLetterNumber() throws Exception {
        String due = PdfText.text(ExtensionForm.pdf(SampleLetters.due()));
        String overdue = PdfText.text(ExtensionForm.pdf(SampleLetters.overdue()));
        String blank = PdfText.text(ExtensionForm.pdf());

        assertThat(due).contains("Ansøgning om forlængelse af økonomisk sikkerhed")
            .contains("Sagsnummer FAM/2011/100355")
            .contains("Brevnr. 4711")
            .contains("X Forlængelse af den hidtidige sikkerhed")
            .contains("Farimagsvej 51A, 4700 Næstved");
        assertThat(overdue).contains("Ansøgning om ny økonomisk sikkerhed")
            .doesNotContain("Ansøgning om forlængelse")
            .contains("Sagsnummer FAM/2012/100488")
            .contains("Brevnr. 4712")
            .contains("X Ny sikkerhed (den hidtidige er udløbet)");
        assertThat(blank).doesNotContain("FAM/").doesNotContain("X ");
        assertThat(Pdfs.pageCount(ExtensionForm.pdf(SampleLetters.overdue()))).isEqualTo(1);
    }

    @Test
    void letterIsTaggedForScreenReaders() throws Exception {
        byte[] pdf = renderer.render(SampleLetters.due(), 1);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTagged(doc, "Forlængelse af økonomisk sikkerhed");
            List<String> types = structureTypes(doc);
            assertThat(types).startsWith("P", "P", "P", "H1").contains("H2").doesNotContain("Artifact");
            assertThat(types.stream().filter("H2"::equals).count()).isEqualTo(5);
        }
    }

    @Test
    void formIsTaggedForScreenReaders() throws Exception {
        try (PDDocument doc = Loader.loadPDF(ExtensionForm.pdf(SampleLetters.overdue()))) {
            assertTagged(doc, "Ansøgning om ny økonomisk sikkerhed");
            assertThat(structureTypes(doc)).contains("H1", "H2", "P");
        }
        try (PDDocument doc = Loader.loadPDF(ExtensionForm.pdf())) {
            assertTagged(doc, "Ansøgning om forlængelse af økonomisk sikkerhed");
        }
    }

    /**
     * What a checker asks of a tagged PDF: Lang, MarkInfo, the title shown, the title in
     * the XMP, a Document root, and on every page exactly as many MCIDs in the content as
     * the ParentTree lists for it, each pointing at an element whose kids name that MCID.
     */
    static void assertTagged(PDDocument doc, String title) throws IOException {
        var catalog = doc.getDocumentCatalog();
        assertThat(catalog.getLanguage()).isEqualTo("da");
        assertThat(catalog.getMarkInfo().isMarked()).isTrue();
        assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
        assertThat(doc.getDocumentInformation().getTitle()).isEqualTo(title);
        String xmp = new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8);
        assertThat(xmp).contains("<rdf:li xml:lang=\"x-default\">" + title + "</rdf:li>")
            .contains("<rdf:li>da</rdf:li>");

        PDStructureTreeRoot root = catalog.getStructureTreeRoot();
        assertThat(root).isNotNull();
        assertThat(root.getKids()).hasSize(1);
        assertThat(((PDStructureElement) root.getKids().get(0)).getStructureType()).isEqualTo("Document");
        PDNumberTreeNode parentTree = root.getParentTree();
        var numbers = parentTree.getNumbers();
        for (PDPage page : doc.getPages()) {
            int key = page.getStructParents();
            assertThat(numbers).containsKey(key);
            COSArray elements = (COSArray) numbers.get(key).getCOSObject();
            String content = new String(page.getContents().readAllBytes(), StandardCharsets.ISO_8859_1);
            List<Integer> mcids = mcids(content);
            assertThat(mcids).hasSize(elements.size());
            for (int mcid : mcids) {
                COSDictionary element = (COSDictionary) resolve(elements.get(mcid));
                assertThat(kidMcids(element)).contains(mcid);
            }
            assertThat(content).contains("/Artifact BMC");
        }
        assertThat(root.getParentTreeNextKey()).isEqualTo(doc.getNumberOfPages());
    }

    private static List<Integer> mcids(String content) {
        List<Integer> ids = new ArrayList<>();
        Matcher m = Pattern.compile("/MCID (\\d+)").matcher(content);
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    private static List<Integer> kidMcids(COSDictionary element) {
        List<Integer> ids = new ArrayList<>();
        COSBase kids = resolve(element.getDictionaryObject(COSName.K));
        List<COSBase> all = new ArrayList<>();
        if (kids instanceof COSArray array) {
            array.forEach(all::add);
        }
        else if (kids != null) {
            all.add(kids);
        }
        for (COSBase kid : all) {
            COSBase k = resolve(kid);
            if (k instanceof COSDictionary mcr) {
                ids.add(mcr.getInt(COSName.MCID));
            }
            else if (k instanceof org.apache.pdfbox.cos.COSInteger i) {
                ids.add(i.intValue());
            }
        }
        return ids;
    }

    private static COSBase resolve(COSBase b) {
        return b instanceof COSObject o ? o.getObject() : b;
    }

    static List<String> structureTypes(PDDocument doc) {
        PDStructureElement document = (PDStructureElement) doc.getDocumentCatalog()
            .getStructureTreeRoot()
            .getKids()
            .get(0);
        List<String> types = new ArrayList<>();
        for (Object kid : document.getKids()) {
            types.add(((PDStructureElement) kid).getStructureType());
        }
        return types;
    }

    private record Sized(String text, float size, boolean bold) {
    }

    private static List<Sized> sizedLines(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Sized> lines = new ArrayList<>();
            new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    TextPosition p = positions.get(0);
                    lines.add(new Sized(text, p.getFontSizeInPt(), p.getFont().getName().contains("Bold")));
                }
            }.getText(doc);
            return lines;
        }
    }

    private static int count(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }

    private static RenewalLetter due(LocalDate expiry) {
        RenewalLetter l = SampleLetters.due();
        return new RenewalLetter(l.noticeId(), l.caseNumber(), l.referenceName(), l.addressLine(), l.postalCode(),
                l.city(), l.spouseName(), l.legalBasis(), l.securityForm(), l.danishTest(), l.postedDate(), expiry,
                l.amountRequired(), l.runDate(), false, l.municipalityName(), expiry, l.postedYearLevel());
    }

    private static RenewalLetter withAmount(RenewalLetter l, String amount) {
        return new RenewalLetter(l.noticeId(), l.caseNumber(), l.referenceName(), l.addressLine(), l.postalCode(),
                l.city(), l.spouseName(), l.legalBasis(), l.securityForm(), "A2", l.postedDate(), l.expiryDate(),
                new java.math.BigDecimal(amount), l.runDate(), l.overdue(), l.municipalityName(), l.replyBy(),
                l.postedYearLevel());
    }

    private static RenewalLetter withReplyBy(RenewalLetter l, LocalDate replyBy) {
        return new RenewalLetter(l.noticeId(), l.caseNumber(), l.referenceName(), l.addressLine(), l.postalCode(),
                l.city(), l.spouseName(), l.legalBasis(), l.securityForm(), l.danishTest(), l.postedDate(),
                l.expiryDate(), l.amountRequired(), l.runDate(), l.overdue(), l.municipalityName(), replyBy,
                l.postedYearLevel());
    }

}
