package dk.udlaendinge.batch.deposit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.file.FlatFileParseException;

import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.common.SpreadsheetSafe;

/**
 * Writes every rejected row of an import to {@code <out>/rejects/<file>-rejects.csv}
 * ({@code line;column;reason}). Reasons mask personal values, so the report may be shared
 * with the registry's owner. A fresh import truncates the report; a restart appends.
 */
public class RejectReport implements SkipListener<CsvRow, Object>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RejectReport.class);

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
        .setDelimiter(';')
        .setRecordSeparator('\n')
        .get();

    private final Path file;

    private long rejected;

    /** Where the reject reports go: the one place that names the folder. */
    public static Path folder(Path outputDir) {
        return outputDir.resolve("rejects");
    }

    public RejectReport(Path rejectsDir, String inputFileName) {
        this.file = rejectsDir.resolve(inputFileName + "-rejects.csv");
    }

    public Path file() {
        return file;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        boolean restart = stepExecution.getExecutionContext().containsKey("rejects.started");
        stepExecution.getExecutionContext().putString("rejects.started", "true");
        if (!restart) {
            OwnerOnlyFiles.write(file, "line;column;reason\n".getBytes(StandardCharsets.UTF_8));
        }
        rejected = 0;
    }

    @Override
    public void onSkipInRead(Throwable t) {
        if (t instanceof FlatFileParseException e && e.getCause() instanceof InvalidRowException invalid) {
            append(invalid);
        }
        else if (t instanceof FlatFileParseException e) {
            append(new InvalidRowException(e.getLineNumber(), "-", "the line cannot be read as CSV"));
        }
        else if (t instanceof InvalidRowException invalid) {
            append(invalid);
        }
    }

    @Override
    public void onSkipInProcess(CsvRow item, Throwable t) {
        if (t instanceof InvalidRowException invalid) {
            append(invalid);
        }
        else {
            append(new InvalidRowException(item.line(), "-", t.getClass().getSimpleName()));
        }
    }

    private synchronized void append(InvalidRowException reject) {
        rejected++;
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            OwnerOnlyFiles.write(file, "line;column;reason\n".getBytes(StandardCharsets.UTF_8));
        }
        // appended in place, never through a symbolic link planted under the report's
        // name: that
        // would write line numbers and reasons into a file of someone else's choosing
        try (Writer w = new OutputStreamWriter(
                Files.newOutputStream(file, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8); CSVPrinter printer = new CSVPrinter(w, FORMAT)) {
            // the column is one of ours ("-" for a whole line); the reason may hold a
            // value from the file
            printer.printRecord(reject.line(), reject.column(), SpreadsheetSafe.text(reject.reason()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write reject report " + file, e);
        }
    }

    /**
     * Read errors are reported before processing errors of the same chunk: put them back
     * in line order.
     */
    private void sortByLine() {
        try {
            java.util.List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            java.util.List<String> rows = new java.util.ArrayList<>(lines.subList(1, lines.size()));
            rows.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r.substring(0, r.indexOf(';')))));
            rows.add(0, lines.get(0));
            OwnerOnlyFiles.write(file, (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException | RuntimeException e) {
            log.warn("could not sort reject report {}: {}", file, e.getMessage());
        }
    }

    @Override
    public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
        if (rejected > 0) {
            sortByLine();
            log.warn("{} rows rejected in step {}; see {}", rejected, stepExecution.getStepName(), file);
        }
        return null;
    }

}
