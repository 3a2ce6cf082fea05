package dk.udlaendinge.batch.notice;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.notice.NoticeRepository.PaperNotice;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.SpreadsheetSafe;
import dk.udlaendinge.batch.delivery.Channel;
import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.notice.letter.ExtensionForm;
import dk.udlaendinge.batch.notice.letter.PrintBatch;
import dk.udlaendinge.batch.notice.letter.TablePrint;

/**
 * The paper print batch of a run: {@code print-batch.pdf} with every paper letter, its
 * extension form and case documents (each letter on a new sheet), and
 * {@code manifest.csv} for the print service. Rebuilt whole from the notice records, so a
 * restart gives the same batch with nothing missing and nothing twice.
 */
public class PrintBatchAssembly implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PrintBatchAssembly.class);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private final DecimalFormat amount = new DecimalFormat("#,##0.00",
            DecimalFormatSymbols.getInstance(Locale.forLanguageTag("da-DK")));

    static final String[] MANIFEST_HEADER = { "notice_id", "deposit_id", "name", "address", "page_count", "reason" };

    private final JdbcTemplate jdbc;

    private final RenewalOutputs outputs;

    private final NoticeRepository records;

    private final LocalDate runDate;

    private final CaseDocumentLimits documentLimits;

    public PrintBatchAssembly(JdbcTemplate jdbc, RenewalOutputs outputs, NoticeRepository records, LocalDate runDate,
            CaseDocumentLimits documentLimits) {
        this.documentLimits = documentLimits;
        this.jdbc = jdbc;
        this.outputs = outputs;
        this.records = records;
        this.runDate = runDate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<PaperNotice> paper = records.paperNotices(runDate);
        List<Integer> lists = jdbc.queryForList(
                "SELECT municipality_code FROM municipality_list"
                        + " WHERE run_date = ? AND channel = 'PAPER' ORDER BY municipality_code",
                Integer.class, Date.valueOf(runDate));
        // a run killed while it wrote letters or a batch left scratch files with letter
        // content behind
        int removed = OwnerOnlyFiles.removeLeftovers(outputs.outputDir().resolve("paper"));
        if (removed > 0) {
            log.info("Removed {} scratch file(s) or folder(s) that an interrupted run left under {}", removed,
                    outputs.outputDir().resolve("paper"));
        }
        List<PaperNotice> printed = new ArrayList<>();
        List<Integer> pages = List.of();
        if (!paper.isEmpty() || !lists.isEmpty()) {
            List<PaperNotice> toPrint = new ArrayList<>(paper);
            List<Integer> written = null;
            while (written == null) {
                printed.clear();
                written = assemble(toPrint, lists, printed, contribution);
            }
            pages = written;
        }
        List<Integer> pageCounts = pages;
        CSVFormat format = CSVFormat.DEFAULT.builder()
            .setDelimiter(';')
            .setRecordSeparator('\n')
            .setHeader(MANIFEST_HEADER)
            .get();
        OwnerOnlyFiles.write(outputs.manifest(runDate), out -> {
            CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format);
            for (int i = 0; i < printed.size(); i++) {
                PaperNotice n = printed.get(i);
                // names and addresses come from the registry: a spreadsheet must not run
                // them
                printer.printRecord(SpreadsheetSafe.row(n.noticeId(), n.depositId(), n.name(), n.address(),
                        pageCounts.get(i), n.reason()));
            }
            // a list is listed like a letter: its key where a letter has its notice id,
            // the municipality as addressee
            for (int i = 0; i < lists.size(); i++) {
                Municipality m = Municipalities.all().get(lists.get(i));
                printer.printRecord(SpreadsheetSafe.row(MessageKeys.municipalityList(runDate, m.kommunekode()), "",
                        m.name() + " Kommune", "Kommunekode " + m.kommunekode() + " (liste over fornyelsesbreve)",
                        pageCounts.get(printed.size() + i), "SIZE"));
            }
            printer.flush();
        });
        contribution.incrementWriteCount(printed.size() + lists.size());
        return RepeatStatus.FINISHED;
    }

    /**
     * One attempt at the batch: letter after letter (appended one by one so the heap
     * stays flat), then the municipality lists too large for Digital Post whose
     * municipality chose paper. A notice whose document cannot be read is left out and
     * the batch goes on; one whose document fails half-way through the merge is left out
     * too, but the batch it touched is thrown away (it may hold traces of that merge) and
     * null says: build it again without it. So the batch's pages are always the
     * manifest's, each letter on its own sheets.
     */
    private List<Integer> assemble(List<PaperNotice> toPrint, List<Integer> lists, List<PaperNotice> printed,
            StepContribution contribution) {
        try (PrintBatch batch = PrintBatch.open(outputs.printBatch(runDate), documentLimits)) {
            for (PaperNotice n : List.copyOf(toPrint)) {
                switch (add(batch, n)) {
                    case ADDED -> printed.add(n);
                    case LEFT_OUT -> {
                        toPrint.remove(n);
                        contribution.incrementProcessSkipCount();
                    }
                    case BATCH_SPOILT -> {
                        toPrint.remove(n);
                        contribution.incrementProcessSkipCount();
                        log.warn("A case document failed half-way into the print batch of {}; building the batch"
                                + " again without notice {}", runDate, n.noticeId());
                        return null;
                    }
                }
            }
            for (int code : lists) {
                batch.addDocument("the list of municipality " + code, printedList(code));
            }
            return batch.finish();
        }
    }

    private enum Added {

        ADDED, LEFT_OUT, BATCH_SPOILT

    }

    /**
     * Adds one paper letter. The send step already tried its case documents, but the disk
     * may have changed since: a document that cannot be added now must not stop the batch
     * of every other paper letter (nor fail the same way on restart), so this one notice
     * goes back to waiting with its reason, its letter leaves the paper folder, and the
     * batch goes on.
     */
    private Added add(PrintBatch batch, PaperNotice n) {
        Path letter = outputs.paperLetter(runDate, MessageKeys.notice(n.noticeId()));
        byte[] letterPdf = read(letter); // our own file: if it is gone, the step fails
                                         // and says so
        List<StoredDocument> documents = records.caseDocuments(n.depositId());
        try {
            // the letter's own form, pre-filled like the one its Digital Post twin
            // carries
            byte[] form = ExtensionForm.pdf(n.caseNumber(), n.noticeId(), n.overdue());
            batch.add(new PrintBatch.Entry(n.noticeId(), letterPdf, form,
                    documents.stream().map(StoredDocument::path).toList()));
            return Added.ADDED;
        }
        catch (PrintBatch.EntryFailed e) {
            // named by its line and deposit id: a file name can hold personal data, and
            // status shows this
            String what = e.part() == 0 ? "its letter"
                    : "its case document (" + documents.get(e.part() - 1).describe(n.depositId()) + ")";
            String reason = "notice " + n.noticeId() + " was left out of the print batch of " + runDate + ": " + what
                    + " " + e.problem() + "; the next run prepares it again";
            records.unsendPaper(n.noticeId(), reason);
            try {
                Files.deleteIfExists(letter);
            }
            catch (IOException ignored) {
                // the manifest does not list it, so a left-over letter is not printed
            }
            log.warn("Notice {} (deposit id {}) left out of the print batch: {}", n.noticeId(), n.depositId(), reason);
            return batch.usable() ? Added.LEFT_OUT : Added.BATCH_SPOILT;
        }
    }

    private byte[] printedList(int code) {
        Municipality m = Municipalities.all().get(code);
        List<List<String>> rows = records.listLines(runDate, code)
            .stream()
            .map(l -> List.of(l.caseNumber(), l.referenceName(), l.spouseName(), DAY.format(l.expiryDate()),
                    l.overdue() ? "Ja" : "Nej", amount.format(l.amount()),
                    l.channel() == Channel.DIGITAL ? "Digital Post" : "Papirpost"))
            .toList();
        return TablePrint.render(
                "Fornyelse af økonomisk sikkerhed - " + m.name() + " Kommune (" + code + "), kørsel " + runDate,
                MunicipalityListWorkbook.HEADERS, new float[] { 22, 32, 32, 14, 13, 16, 12 }, rows);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("paper letter " + file.getFileName() + " is missing from " + file.getParent()
                    + "; it was written when the notice was sent and must not be removed before the batch is printed",
                    e);
        }
    }

}
