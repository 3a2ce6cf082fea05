package dk.udlaendinge.batch.notice;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.SpreadsheetSafe;

/**
 * {@code journal/<run-date>/notices.csv}: one row per notice this run sent, rebuilt whole
 * from the notice records, so after any failure and restart it still shows every one of
 * them. {@code extend_until} is the date the notice asked to extend the security until
 * (start + 10 years in all, docs/RENEWAL-RULES.md); the last column, so readers of the
 * earlier columns by position are not disturbed.
 */
public class JournalWriter implements Tasklet {

    static final String[] HEADER = { "notice_id", "deposit_id", "municipality_code", "expiry_date", "overdue",
            "amount_dkk", "channel", "reason", "message_bytes", "extend_until", "transport" };

    private final NoticeRepository records;

    private final RenewalOutputs outputs;

    private final LocalDate runDate;

    public JournalWriter(NoticeRepository records, RenewalOutputs outputs, LocalDate runDate) {
        this.records = records;
        this.outputs = outputs;
        this.runDate = runDate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
            .setDelimiter(';')
            .setRecordSeparator('\n')
            .setHeader(HEADER)
            .get();
        long[] rows = { 0 };
        OwnerOnlyFiles.write(outputs.journal(runDate), out -> {
            var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, format);
            records.forEachSent(runDate, n -> {
                try {
                    // deposit ids come from the registry: a spreadsheet must not run them
                    printer.printRecord(SpreadsheetSafe.row(n.noticeId(), n.depositId(), n.municipalityCode(),
                            n.expiry(), n.overdue(), n.amount().toPlainString(), n.channel(),
                            n.reason() == null ? "" : n.reason(), n.messageBytes(),
                            n.extendUntil() == null ? "" : n.extendUntil(), transport(n.channel(), n.messageId())));
                    rows[0]++;
                }
                catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            printer.flush();
        });
        contribution.incrementWriteCount(rows[0]);
        return RepeatStatus.FINISHED;
    }

    /**
     * How a digital notice went (docs/DIGITAL-POST.md): {@code memo} (recorded under its
     * {@code urn:uuid:}) or {@code smtp} (a Message-ID, also for the .eml outbox); empty
     * for paper.
     */
    static String transport(String channel, String messageId) {
        if (!"DIGITAL".equals(channel)) {
            return "";
        }
        return messageId != null && messageId.startsWith(MemoComposer.RECORDED_ID_PREFIX) ? "memo" : "smtp";
    }

}
