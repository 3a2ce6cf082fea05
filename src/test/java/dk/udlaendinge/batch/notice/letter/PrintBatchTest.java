package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.support.HostilePdfs;

class PrintBatchTest {

    private static final RenewalLetterRenderer RENDERER = new RenewalLetterRenderer();

    @TempDir
    Path dir;

    @Test
    void eachLetterStartsOnAFrontPageAndCountsItsPrintedPages() throws Exception {
        Path oneScan = CaseDocumentFactory.write(dir.resolve("a.pdf"), 50_000, "Garanti");
        Path twoPages = twoPageDocument(dir.resolve("b.pdf"));
        Path target = dir.resolve("out/print-2014-12-01.pdf");

        List<Integer> counts = PrintBatch.write(target, List.of(entry(1, List.of()), // letter
                                                                                     // +
                                                                                     // form
                                                                                     // =
                                                                                     // 2
                entry(2, List.of(oneScan)), // 3, padded to 4
                entry(3, List.of(oneScan, twoPages)))); // 1 + 1 + 1 + 2 = 5, padded to 6

        assertThat(counts).containsExactly(2, 3, 5);
        try (PDDocument doc = Loader.loadPDF(target.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2 + 4 + 6);
            assertThat(pageText(doc, 1)).contains("Brevnr.: 1");
            assertThat(pageText(doc, 2)).contains("Ansøgning om forlængelse af økonomisk sikkerhed");
            assertThat(pageText(doc, 3)).contains("Brevnr.: 2");
            assertThat(pageText(doc, 4)).contains("Ansøgning om forlængelse");
            assertThat(pageText(doc, 5)).contains("Garanti");
            assertThat(pageText(doc, 6)).isBlank();
            assertThat(pageText(doc, 7)).contains("Brevnr.: 3");
            assertThat(pageText(doc, 12)).isBlank();
        }
    }

    @Test
    void batchIsOwnerOnlyAndLeavesNoTemporaryFiles() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("print.pdf");

        PrintBatch.write(target, List.of(entry(1, List.of())));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void formIsStoredOnceHoweverManyLetters() throws Exception {
        Path one = dir.resolve("one.pdf");
        Path many = dir.resolve("many.pdf");
        PrintBatch.write(one, List.of(entry(1, List.of())));
        List<PrintBatch.Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            entries.add(entry(i, List.of()));
        }
        PrintBatch.write(many, entries);

        long perExtraLetter = (Files.size(many) - Files.size(one)) / 19;
        assertThat(perExtraLetter).isLessThan(RENDERER.render(SampleLetters.withId(2)).length + 2_000L);
        try (PDDocument doc = Loader.loadPDF(many.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(40);
            assertThat(pageText(doc, 40)).contains("Ansøgning om forlængelse af økonomisk sikkerhed");
        }
    }

    @Test
    void largeCaseDocumentsAreCopiedWhole() throws Exception {
        Path big = CaseDocumentFactory.write(dir.resolve("big.pdf"), 3_000_000, "Stor");
        Path target = dir.resolve("print.pdf");

        PrintBatch.write(target, List.of(entry(1, List.of(big)), entry(2, List.of(big))));

        assertThat(Files.size(target)).isGreaterThan(6_000_000L);
        assertThat(Pdfs.pageCount(target)).isEqualTo(8);
    }

    @Test
    void unreadableCaseDocumentSkipsOnlyThatEntry() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pdf"), "not a pdf");
        Path target = dir.resolve("print.pdf");

        try (PrintBatch batch = PrintBatch.open(target)) {
            batch.add(entry(1, List.of()));
            assertThatThrownBy(() -> batch.add(entry(2, List.of(broken)))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("notice 2")
                .hasMessageContaining("case document 1")
                .hasMessageNotContaining("broken.pdf"); // a file name can hold personal
                                                        // data
            batch.add(entry(3, List.of()));

            assertThat(batch.finish()).containsExactly(2, 2);
        }
        assertThat(Pdfs.pageCount(target)).isEqualTo(4);
    }

    /**
     * Issue 20, item 2: a document that loads but fails half-way through its merge (a
     * malformed structure tree) leaves none of its entry's pages in the batch, and the
     * batch takes no more entries and writes nothing, since the merge may have left
     * traces in its catalog: the caller builds a new one without it. Before, its pages
     * stayed and the next good entry cleared the broken flag, so the manifest and the
     * batch disagreed.
     */
    @Test
    void aDocumentThatLoadsButCannotBeMergedLeavesNoPageAndTheBatchWritesNothing() throws Exception {
        Path good = twoPageDocument(dir.resolve("good.pdf"));
        Path malformed = HostilePdfs.malformedStructureTree(dir.resolve("Jens Hansen 120379-4411.pdf"), 3);
        Path target = dir.resolve("print.pdf");

        try (PrintBatch batch = PrintBatch.open(target)) {
            batch.add(entry(1, List.of()));
            int before = batch.pageCount();
            assertThatThrownBy(() -> batch.add(entry(2, List.of(good, malformed))))
                .isInstanceOfSatisfying(PrintBatch.EntryFailed.class, e -> {
                    assertThat(e.part()).isEqualTo(2);
                    assertThat(e.problem()).startsWith("cannot be merged into the print batch");
                })
                .hasMessageNotContaining("120379")
                .hasMessageNotContaining("Jens");
            assertThat(batch.pageCount()).as("no page of the failed entry").isEqualTo(before);
            assertThat(batch.usable()).isFalse();
            assertThatThrownBy(() -> batch.add(entry(3, List.of()))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(batch::finish).isInstanceOf(IllegalStateException.class);
        }
        assertThat(target).doesNotExist();
    }

    /**
     * The same merge, tried when the notice is prepared, finds the document and names its
     * place.
     */
    @Test
    void aTrialMergeFindsTheDocumentThatCannotBeMerged() throws Exception {
        Path good = twoPageDocument(dir.resolve("good.pdf"));
        Path malformed = HostilePdfs.malformedStructureTree(dir.resolve("malformed.pdf"), 3);
        CaseDocumentLimits limits = CaseDocumentLimits.sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes());
        byte[] letter = RENDERER.render(SampleLetters.withId(9));

        PrintBatch.trial(9, letter, List.of(good), limits); // a good one passes
        assertThatThrownBy(() -> PrintBatch.trial(9, letter, List.of(good, malformed), limits))
            .isInstanceOfSatisfying(PrintBatch.EntryFailed.class, e -> assertThat(e.part()).isEqualTo(2));
    }

    /**
     * Issue 20, item 3: a huge file is refused by its size before anything parses it (a
     * sparse file: no disk used).
     */
    @Test
    void aHugeCaseDocumentIsRefusedByItsSizeWithoutBeingRead() throws Exception {
        Path huge = HostilePdfs.sparsePdf(dir.resolve("huge.pdf"), 3L << 30);
        Path target = dir.resolve("print.pdf");

        try (PrintBatch batch = PrintBatch.open(target)) {
            batch.add(entry(1, List.of()));
            assertThatThrownBy(() -> batch.add(entry(2, List.of(huge))))
                .isInstanceOfSatisfying(PrintBatch.EntryFailed.class, e -> assertThat(e.problem())
                    .isEqualTo("is larger than 20 MB, the limit for case documents (app.documents-max-size)"));
            assertThat(batch.usable()).as("nothing was merged: the batch goes on").isTrue();
            batch.add(entry(3, List.of()));
            assertThat(batch.finish()).containsExactly(2, 2);
        }
    }

    @Test
    void unfinishedBatchWritesNothing() throws Exception {
        Path target = dir.resolve("print.pdf");

        try (PrintBatch batch = PrintBatch.open(target)) {
            batch.add(entry(1, List.of()));
        }

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void emptyBatchWritesNoFile() {
        Path target = dir.resolve("print.pdf");

        assertThat(PrintBatch.write(target, List.of())).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void pageCountsOfBytesAndFiles() throws Exception {
        Path twoPages = twoPageDocument(dir.resolve("two.pdf"));

        assertThat(Pdfs.pageCount(twoPages)).isEqualTo(2);
        assertThat(Pdfs.pageCount(ExtensionForm.pdf())).isEqualTo(1);
    }

    private static PrintBatch.Entry entry(long noticeId, List<Path> attachments) {
        return new PrintBatch.Entry(noticeId, RENDERER.render(SampleLetters.withId(noticeId)), attachments);
    }

    private static String pageText(PDDocument doc, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }

    private static Path twoPageDocument(Path target) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(target.toFile());
        }
        return target;
    }

}
