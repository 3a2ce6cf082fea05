package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper letter is printed with its own pre-filled form, and the merged tagged PDFs stay
 * consistent.
 */
class PrintBatchOwnFormTest {

    private static final RenewalLetterRenderer RENDERER = new RenewalLetterRenderer();

    @TempDir
    Path dir;

    @Test
    void eachLetterIsFollowedByItsOwnFormAndTheTagsSurviveTheMerge() throws Exception {
        RenewalLetter first = SampleLetters.withId(101);
        RenewalLetter second = SampleLetters.overdue();
        Path target = dir.resolve("print.pdf");

        List<Integer> pages = PrintBatch.write(target,
                List.of(new PrintBatch.Entry(101, RENDERER.render(first), ExtensionForm.pdf(first), List.of()),
                        new PrintBatch.Entry(4712, RENDERER.render(second), ExtensionForm.pdf(second), List.of())));

        assertThat(pages).containsExactly(2, 2);
        try (PDDocument doc = Loader.loadPDF(target.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(4);
            assertThat(pageText(doc, 2)).contains("Ansøgning om forlængelse", "FAM/2011/100355", "101");
            assertThat(pageText(doc, 3)).contains("Ny økonomisk sikkerhed", "Brevnr.: 4712");
            assertThat(pageText(doc, 4)).contains("Ansøgning om ny økonomisk sikkerhed", "FAM/2012/100488", "4712");

            // whatever the merger keeps of the tags must be consistent: every page's key
            // has its
            // own entry in the ParentTree, with as many elements as the page has MCIDs
            PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
            assertThat(root).as("the merged batch keeps a structure tree").isNotNull();
            Map<Integer, COSObjectable> parents = root.getParentTree().getNumbers();
            java.util.Set<Integer> keys = new java.util.HashSet<>();
            for (PDPage page : doc.getPages()) {
                String content = new String(page.getContents().readAllBytes(), StandardCharsets.ISO_8859_1);
                int mcids = content.split("/MCID ", -1).length - 1;
                if (mcids == 0) {
                    continue; // a padding page
                }
                int key = page.getStructParents();
                assertThat(keys.add(key)).as("page keys are unique").isTrue();
                assertThat(parents).containsKey(key);
                assertThat(((COSArray) parents.get(key).getCOSObject()).size()).isEqualTo(mcids);
            }
            assertThat(keys).hasSize(4);
        }
    }

    private static String pageText(PDDocument doc, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc).replace('\u00a0', ' ');
    }

}
