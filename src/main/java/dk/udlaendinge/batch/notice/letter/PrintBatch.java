package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
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
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * The paper print batch of a run (docs/RENEWAL-RULES.md §5): one PDF holding every paper
 * letter with its enclosures, for a duplex printer.
 *
 * <p>
 * Per entry, in this order: the letter, the extension form, the case documents. Each
 * entry is padded with a blank A4 page to an even page count, so every letter starts on
 * the front of a new sheet (an odd page of the batch).
 *
 * <p>
 * Built incrementally: {@link #open}, {@link #add} per letter, {@link #finish}. Sources
 * are closed as soon as they are copied, and copied page content goes to a scratch file
 * in an owner-only folder beside the target rather than the heap, so thousands of letters
 * with large case documents do not need to fit in memory. The extension form is copied
 * once and shared by every entry's form page. {@link #finish} writes to a temporary name
 * and moves it into place, readable by its owner only ({@link OwnerOnlyFiles}). Not
 * thread-safe: one writer per batch.
 */
public final class PrintBatch implements AutoCloseable {

    /**
     * One paper letter: its PDF, its own pre-filled form
     * ({@link ExtensionForm#pdf(String, long, boolean)}) or {@code null} for the batch's
     * shared blank form, and the case documents to print behind the form.
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

    private final CaseDocumentLimits limits;

    private List<PDPage> sharedFormPages;

    private boolean broken;

    private boolean finished;

    /**
     * An entry that could not be added, and which part of it: 0 its letter (or the
     * document of {@link #addDocument}), 1.. its case documents in the order given. The
     * problem is in our own words: never a file name nor text PDFBox read from the file
     * (it can quote the file's content), since it becomes a skip reason that
     * {@code status} shows.
     */
    public static final class EntryFailed extends UncheckedIOException {

        private final long noticeId;

        private final int part;

        private final String problem;

        EntryFailed(long noticeId, int part, String problem) {
            super(new IOException((part == 0 ? "the letter of notice " + noticeId
                    : "case document " + part + " of notice " + noticeId) + " " + problem));
            this.noticeId = noticeId;
            this.part = part;
            this.problem = problem;
        }

        public long noticeId() {
            return noticeId;
        }

        /**
         * 0: the letter; 1..: the case document at that place in
         * {@link Entry#attachments()}.
         */
        public int part() {
            return part;
        }

        /**
         * What is wrong with that part, for example "is not a readable PDF
         * (IOException)".
         */
        public String problem() {
            return problem;
        }

        @Override
        public String getMessage() {
            return getCause().getMessage();
        }

    }

    private PrintBatch(Path target, byte[] formPdf, CaseDocumentLimits limits) throws IOException {
        this.limits = limits;
        this.target = target.toAbsolutePath();
        // a new folder with a random name: never one another user could have planted
        this.scratchDir = OwnerOnlyFiles.scratchDirectory(this.target.getParent(),
                "." + target.getFileName() + ".scratch-");
        StreamCacheCreateFunction scratch = MemoryUsageSetting.setupTempFileOnly()
            .setTempDir(scratchDir.toFile()).streamCache;
        PDDocument created = new PDDocument(scratch);
        try {
            this.form = Loader.loadPDF(formPdf);
        }
        catch (IOException e) {
            created.close();
            throw e;
        }
        this.batch = created;
    }

    /**
     * A batch whose letters each enclose {@link ExtensionForm#pdf()}, with the default
     * size limit only.
     */
    public static PrintBatch open(Path target) {
        return open(target, ExtensionForm.pdf());
    }

    /**
     * A batch whose letters each enclose {@link ExtensionForm#pdf()}, reading case
     * documents within {@code limits}.
     */
    public static PrintBatch open(Path target, CaseDocumentLimits limits) {
        return open(target, ExtensionForm.pdf(), limits);
    }

    /**
     * A batch whose letters each enclose {@code formPdf}, printed right behind the
     * letter.
     */
    public static PrintBatch open(Path target, byte[] formPdf) {
        return open(target, formPdf, CaseDocumentLimits.sizeOnly(CaseDocumentLimits.DEFAULT_MAX_SIZE.toBytes()));
    }

    private static PrintBatch open(Path target, byte[] formPdf, CaseDocumentLimits limits) {
        try {
            return new PrintBatch(target, formPdf, limits);
        }
        catch (IOException e) {
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
     * @return the entry's printed pages: letter + form + case documents, without the
     * blank padding page
     * @throws EntryFailed when the letter or a case document cannot be read: nothing of
     * the entry is added then, and the batch goes on with the next entry; or when one
     * cannot be merged: the pages the merge had appended are removed again, and since the
     * merge may have left other traces in the batch's catalog (structure tree, form
     * fields), this batch takes no more entries and writes nothing: the caller starts a
     * new one without that entry
     */
    public int add(Entry entry) {
        requireUsable();
        List<PDDocument> sources = new ArrayList<>();
        try {
            // Open everything first: an unreadable document then leaves the batch
            // untouched.
            PDDocument letter = loadLetter(entry.noticeId(), entry.letterPdf());
            sources.add(letter);
            PDDocument ownForm = entry.formPdf() == null ? null : loadLetter(entry.noticeId(), entry.formPdf());
            if (ownForm != null) {
                sources.add(ownForm);
            }
            List<PDDocument> documents = loadCaseDocuments(entry.noticeId(), entry.attachments(), limits, sources);
            broken = true; // until the entry is complete: a half-added entry spoils the
                           // batch
            int before = batch.getNumberOfPages();
            mergeInto(batch, entry.noticeId(), letter,
                    ownForm == null ? this::appendForm : merger -> merger.appendDocument(batch, ownForm), documents,
                    () -> removePagesFrom(before));
            return completeEntry(before);
        }
        finally {
            closeAll(sources);
        }
    }

    /**
     * The merge {@link #add} does, into a throwaway document in memory: the letter, the
     * form and the case documents, read within {@code limits}. A paper notice is tried
     * like this when it is prepared, so a document that loads but cannot be merged (a
     * malformed structure tree) skips its notice there, with its reason, instead of
     * surfacing in the print batch.
     * @throws EntryFailed naming the part that failed
     */
    public static void trial(long noticeId, byte[] letterPdf, List<Path> attachments, CaseDocumentLimits limits) {
        List<PDDocument> sources = new ArrayList<>();
        // the case documents are at most app.documents-max-size each; their raw streams
        // are what the merge copies
        PDDocument scratch = new PDDocument(IOUtils.createMemoryOnlyStreamCache());
        sources.add(scratch);
        try {
            PDDocument letter = loadLetter(noticeId, letterPdf);
            sources.add(letter);
            PDDocument form = loadLetter(noticeId, ExtensionForm.pdf());
            sources.add(form);
            List<PDDocument> documents = loadCaseDocuments(noticeId, attachments, limits, sources);
            mergeInto(scratch, noticeId, letter, merger -> merger.appendDocument(scratch, form), documents, () -> {
            });
        }
        finally {
            closeAll(sources);
        }
    }

    private interface FormAppender {

        void append(PDFMergerUtility merger) throws IOException;

    }

    /**
     * Letter, form, case documents into {@code target}; on failure {@code undo} runs and
     * the part is named.
     */
    private static void mergeInto(PDDocument target, long noticeId, PDDocument letter, FormAppender form,
            List<PDDocument> documents, Runnable undo) {
        int part = 0;
        try {
            PDFMergerUtility merger = new PDFMergerUtility();
            merger.appendDocument(target, letter);
            form.append(merger);
            for (PDDocument document : documents) {
                part++;
                merger.appendDocument(target, document);
            }
        }
        catch (IOException | RuntimeException e) {
            undo.run();
            // PDFBox's message can quote the file's content: only the kind of failure is
            // kept
            throw new EntryFailed(noticeId, part,
                    "cannot be merged into the print batch (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PDDocument loadLetter(long noticeId, byte[] pdf) {
        try {
            PDDocument doc = Loader.loadPDF(pdf);
            doc.setAllSecurityToBeRemoved(true);
            return doc;
        }
        catch (IOException e) {
            throw new EntryFailed(noticeId, 0, "is not a readable PDF (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Each case document is opened through {@link CaseDocumentPdf#load}, as for sending:
     * no symbolic link followed, a PDF header, within the size limit, parsed from the
     * file.
     */
    private static List<PDDocument> loadCaseDocuments(long noticeId, List<Path> files, CaseDocumentLimits limits,
            List<PDDocument> sources) {
        List<PDDocument> documents = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            PDDocument doc;
            try {
                doc = CaseDocumentPdf.load(files.get(i), limits);
            }
            catch (CaseDocumentRoot.Refused e) {
                throw new EntryFailed(noticeId, i + 1, e.getMessage());
            }
            catch (IOException | RuntimeException e) {
                throw new EntryFailed(noticeId, i + 1, "is not a readable PDF (" + e.getClass().getSimpleName() + ")");
            }
            sources.add(doc);
            doc.setAllSecurityToBeRemoved(true);
            documents.add(doc);
        }
        return documents;
    }

    /**
     * Takes away the pages a failed merge appended: a failed entry leaves no page in the
     * batch.
     */
    private void removePagesFrom(int before) {
        while (batch.getNumberOfPages() > before) {
            batch.removePage(batch.getNumberOfPages() - 1);
        }
    }

    /**
     * Appends a document printed on its own, without the extension form (a municipality's
     * list that went on paper), padded to a whole sheet like a letter.
     * @return its printed pages, without the padding page
     */
    public int addDocument(String label, byte[] pdf) {
        requireUsable();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            broken = true;
            int before = batch.getNumberOfPages();
            try {
                new PDFMergerUtility().appendDocument(batch, document);
            }
            catch (IOException | RuntimeException e) {
                removePagesFrom(before);
                throw new UncheckedIOException(
                        "cannot add " + label + " to print batch " + target + " (" + e.getClass().getSimpleName() + ")",
                        new IOException(e.getClass().getSimpleName()));
            }
            return completeEntry(before);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot add " + label + " to print batch " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Ends the entry that began at page {@code before}: pads it to a whole sheet, so the
     * next one starts on a front page, and records its printed pages (without the
     * padding).
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

    /**
     * Whether the batch takes more entries: false after an entry failed half-way through
     * its merge.
     */
    public boolean usable() {
        return !finished && !broken;
    }

    /** Pages in the batch so far, padding included. */
    public int pageCount() {
        return batch.getNumberOfPages();
    }

    /**
     * Writes the batch to its target and returns each entry's printed pages (as
     * {@link #add} returned them), in order. A batch without entries writes no file.
     */
    public List<Integer> finish() {
        requireOpen();
        if (broken) {
            throw new IllegalStateException(
                    "print batch " + target + " is incomplete after a failed entry; not written");
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
        }
        finally {
            deleteScratch();
        }
    }

    /**
     * The form is copied into the batch once; later entries get new pages that share its
     * content and resources, so a thousand letters do not carry a thousand copies of its
     * font.
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

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("print batch " + target + " is already finished or closed");
        }
    }

    /**
     * Open, and no entry has failed half-way: a batch that may hold traces of a failed
     * merge takes nothing more.
     */
    private void requireUsable() {
        requireOpen();
        if (broken) {
            throw new IllegalStateException("print batch " + target + " is incomplete after a failed entry;"
                    + " start a new batch without that entry");
        }
    }

    private static void closeAll(List<PDDocument> docs) {
        for (PDDocument doc : docs) {
            try {
                doc.close();
            }
            catch (IOException ignored) {
                // a source that fails to close has already been copied or is being
                // discarded
            }
        }
    }

    private void deleteScratch() {
        try (Stream<Path> files = Files.walk(scratchDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ignored) {
            // a left-over scratch folder is owner-only; it holds only this batch's pages
        }
    }

}
