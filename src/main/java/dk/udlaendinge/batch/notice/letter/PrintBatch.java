package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * The paper print batch of a run (SPEC §3): one PDF holding every paper letter with its
 * enclosures, for a duplex printer.
 *
 * <p>Per entry, in this order: the letter, the extension form, the case documents. Each
 * entry is padded with a blank A4 page to an even page count, so every letter starts on the
 * front of a new sheet (an odd page of the batch).
 *
 * <p>Built incrementally: {@link #open}, {@link #add} per letter, {@link #finish}. Sources are
 * closed as soon as they are copied, and copied page content goes to a scratch file in an
 * owner-only folder beside the target rather than the heap, so thousands of letters with
 * large case documents do not need to fit in memory. The extension form is copied once and
 * shared by every entry's form page. {@link #finish} writes to a temporary name and moves it
 * into place, readable by its owner only ({@link OwnerOnlyFiles}). Not thread-safe: one
 * writer per batch.
 */
public final class PrintBatch implements AutoCloseable {

    /**
     * One paper letter: its PDF, its own pre-filled form ({@link ExtensionForm#pdf(String, long, boolean)})
     * or {@code null} for the batch's shared blank form, and the case documents to print behind the form.
     */
    public record Entry(long noticeId, byte[] letterPdf, byte[] formPdf, List<Path> attachments) {
        public Entry {
            Objects.requireNonNull(letterPdf, () -> "letterPdf missing on notice " + noticeId);
            attachments = List.copyOf(attachments);
        }

        /** An entry with the batch's shared blank form. */
        public Entry(long noticeId, byte[] letterPdf, List<Path> attachments) {
            this(noticeId, letterPdf, null, attachments);
        }
    }

    private final Path target;
    private final Path scratchDir;
    private final PDDocument batch;
    private final PDDocument form;
    private final List<Integer> pageCounts = new ArrayList<>();
    private List<PDPage> sharedFormPages;
    private boolean broken;
    private boolean finished;

    private PrintBatch(Path target, byte[] formPdf) throws IOException {
        this.target = target.toAbsolutePath();
        // a new folder with a random name: never one another user could have planted
        this.scratchDir = OwnerOnlyFiles.scratchDirectory(this.target.getParent(), "." + target.getFileName() + ".scratch-");
        StreamCacheCreateFunction scratch = MemoryUsageSetting.setupTempFileOnly().setTempDir(scratchDir.toFile()).streamCache;
        PDDocument created = new PDDocument(scratch);
        try {
            this.form = Loader.loadPDF(formPdf);
        } catch (IOException e) {
            created.close();
            throw e;
        }
        this.batch = created;
    }

    /** A batch whose letters each enclose {@link ExtensionForm#pdf()}. */
    public static PrintBatch open(Path target) {
        return open(target, ExtensionForm.pdf());
    }

    /** A batch whose letters each enclose {@code formPdf}, printed right behind the letter. */
    public static PrintBatch open(Path target, byte[] formPdf) {
        try {
            return new PrintBatch(target, formPdf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start print batch " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes a whole batch in one go; see {@link #finish()} for the result. */
    public static List<Integer> write(Path target, List<Entry> entries) {
        try (PrintBatch batch = open(target)) {
            entries.forEach(batch::add);
            return batch.finish();
        }
    }

    /**
     * Appends one letter with its form and case documents.
     *
     * @return the entry's printed pages: letter + form + case documents, without the blank padding page
     * @throws UncheckedIOException when the letter or a case document cannot be read; nothing of the
     *                              entry is added then, and the batch can go on with the next entry
     */
    public int add(Entry entry) {
        requireOpen();
        List<PDDocument> sources = new ArrayList<>();
        try {
            // Open everything first: an unreadable document then leaves the batch untouched.
            PDDocument letter = load(entry, sources, () -> Loader.loadPDF(entry.letterPdf()), "its letter");
            PDDocument ownForm = entry.formPdf() == null ? null
                    : load(entry, sources, () -> Loader.loadPDF(entry.formPdf()), "its form");
            List<PDDocument> documents = new ArrayList<>();
            for (Path file : entry.attachments()) {
                documents.add(load(entry, sources, () -> loadCaseDocument(file), "case document " + file.getFileName()));
            }

            broken = true; // until the entry is complete: a half-added entry spoils the batch
            int before = batch.getNumberOfPages();
            PDFMergerUtility merger = new PDFMergerUtility();
            merger.appendDocument(batch, letter);
            if (ownForm != null) {
                merger.appendDocument(batch, ownForm);
            } else {
                appendForm(merger);
            }
            for (PDDocument document : documents) {
                merger.appendDocument(batch, document);
            }
            return completeEntry(before);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add notice " + entry.noticeId() + " to print batch " + target
                    + ": " + e.getMessage(), e);
        } finally {
            closeAll(sources);
        }
    }

    /**
     * Appends a document printed on its own, without the extension form (a municipality's list
     * that went on paper), padded to a whole sheet like a letter.
     *
     * @return its printed pages, without the padding page
     */
    public int addDocument(String label, byte[] pdf) {
        requireOpen();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            broken = true;
            int before = batch.getNumberOfPages();
            new PDFMergerUtility().appendDocument(batch, document);
            return completeEntry(before);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + label + " to print batch " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends the entry that began at page {@code before}: pads it to a whole sheet, so the next
     * one starts on a front page, and records its printed pages (without the padding).
     */
    private int completeEntry(int before) {
        int pages = batch.getNumberOfPages() - before;
        if (pages % 2 == 1) {
            batch.addPage(new PDPage(PDRectangle.A4));
        }
        broken = false;
        pageCounts.add(pages);
        return pages;
    }

    /** Pages in the batch so far, padding included. */
    public int pageCount() {
        return batch.getNumberOfPages();
    }

    /**
     * Writes the batch to its target and returns each entry's printed pages (as {@link #add}
     * returned them), in order. A batch without entries writes no file.
     */
    public List<Integer> finish() {
        requireOpen();
        if (broken) {
            throw new IllegalStateException("print batch " + target + " is incomplete after a failed entry; not written");
        }
        if (!pageCounts.isEmpty()) {
            PdfOutput.describe(batch, "Udskriftsbunke: " + RenewalLetterText.SUBJECT, null);
            PdfOutput.identify(batch, "print-batch:" + target.getFileName() + ":" + pageCounts.size());
            OwnerOnlyFiles.write(target, batch::save);
        }
        finished = true;
        return List.copyOf(pageCounts);
    }

    /** Releases the scratch space; an unfinished batch leaves no file behind. */
    @Override
    public void close() {
        finished = true;
        try {
            closeAll(List.of(form, batch));
        } finally {
            deleteScratch();
        }
    }

    /**
     * The form is copied into the batch once; later entries get new pages that share its
     * content and resources, so a thousand letters do not carry a thousand copies of its font.
     */
    private void appendForm(PDFMergerUtility merger) throws IOException {
        if (sharedFormPages == null) {
            int before = batch.getNumberOfPages();
            merger.appendDocument(batch, form);
            sharedFormPages = new ArrayList<>();
            for (int i = before; i < batch.getNumberOfPages(); i++) {
                sharedFormPages.add(batch.getPage(i));
            }
            return;
        }
        for (PDPage original : sharedFormPages) {
            PDPage copy = new PDPage(original.getMediaBox());
            copy.getCOSObject().setItem(COSName.CONTENTS, original.getCOSObject().getItem(COSName.CONTENTS));
            copy.setResources(original.getResources());
            copy.setRotation(original.getRotation());
            batch.addPage(copy);
        }
    }

    /**
     * A case document is opened through {@link CaseDocumentRoot#open}, as for sending: no
     * symbolic link followed, a PDF header required. It is read into memory, one at a time.
     */
    private static PDDocument loadCaseDocument(Path file) throws IOException {
        try (InputStream in = CaseDocumentRoot.open(file)) {
            return Loader.loadPDF(new RandomAccessReadBuffer(in));
        }
    }

    private interface Opener {
        PDDocument open() throws IOException;
    }

    private PDDocument load(Entry entry, List<PDDocument> sources, Opener opener, String what) throws IOException {
        try {
            PDDocument doc = opener.open();
            sources.add(doc);
            doc.setAllSecurityToBeRemoved(true);
            return doc;
        } catch (IOException e) {
            throw new IOException("cannot read " + what + " of notice " + entry.noticeId() + ": " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("print batch " + target + " is already finished or closed");
        }
    }

    private static void closeAll(List<PDDocument> docs) {
        for (PDDocument doc : docs) {
            try {
                doc.close();
            } catch (IOException ignored) {
                // a source that fails to close has already been copied or is being discarded
            }
        }
    }

    private void deleteScratch() {
        try (Stream<Path> files = Files.walk(scratchDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a left-over scratch folder is owner-only; it holds only this batch's pages
        }
    }
}
