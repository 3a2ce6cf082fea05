package dk.udlaendinge.batch.quota;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.quota.internal.YearFolder;
import dk.udlaendinge.batch.quota.model.QuotaInputs;

/**
 * A request to publish a year's quotas, the quota side of {@code ./run.sh quota …} (named
 * for what it holds, not a runner: it launches nothing): checks the inputs before
 * anything is launched (bad input writes nothing), names the revision and the job
 * parameters, and reports what a finished run published and sent. Launching is not done
 * here: every job goes through the command line's one launch path (stale-run recovery,
 * refusal while live, exit codes), so this package knows nothing of processes or exit
 * codes.
 */
@Component
public class QuotaRequests {

    /** The job this prepares; the command line launches it by this bean name. */
    public static final String JOB = QuotaJobConfiguration.JOB;

    /**
     * The shipped demo statistics (made-up figures; "demo" in the name labels the
     * workbooks).
     */
    public static final String DEMO_STATISTICS = "/demo/statistics-2015-demo.csv";

    public static final int DEMO_YEAR = 2015;

    /**
     * The December 2014 revision of the 2015 national figure: first 4,000, then 12,000.
     */
    public static final long[] DEMO_NATIONAL_FIGURES = { 4_000, 12_000 };

    private static final Logger log = LoggerFactory.getLogger(QuotaRequests.class);

    private final Folders app;

    private final QuotaWorkbookSender messages;

    public QuotaRequests(Folders app, QuotaWorkbookSender messages) {
        this.app = app;
        this.messages = messages;
    }

    /**
     * A checked request: which revision of which year, and the parameters that identify
     * its run.
     */
    public record Request(int year, int revision, long nationalFigure, Path folder, JobParameters parameters) {
    }

    /**
     * Reads and checks the inputs (the sum checks only show while computing) and names
     * the revision: a new one for new inputs, the published or interrupted one for the
     * same inputs.
     * @throws QuotaInputException naming the file, line and municipality; nothing was
     * written
     */
    public Request prepare(int year, long nationalFigure, Path statistics, Path agreementsOrNull) {
        QuotaInputs inputs = QuotaInputs.read(year, nationalFigure, statistics, agreementsOrNull);
        inputs.compute();
        YearFolder folder = new YearFolder(app.outputDir(), year);
        String hash = inputs.inputHash();
        int revision = folder.revisionFor(hash);
        JobParameters params = new JobParametersBuilder().addLong(QuotaJobConfiguration.YEAR, (long) year)
            .addLong(QuotaJobConfiguration.REVISION, (long) revision)
            .addString(QuotaJobConfiguration.INPUT_HASH, hash)
            .addLong(QuotaJobConfiguration.NATIONAL_FIGURE, nationalFigure, false)
            .addString(QuotaJobConfiguration.STATISTICS, statistics.toAbsolutePath().toString(), false)
            .addString(QuotaJobConfiguration.AGREEMENTS,
                    agreementsOrNull == null ? "" : agreementsOrNull.toAbsolutePath().toString(), false)
            .toJobParameters();
        return new Request(year, revision, nationalFigure, folder.dir(), params);
    }

    /** The same inputs as a revision that was published and sent: nothing changed. */
    public void reportUnchanged(Request request, PrintStream out) {
        out.printf("Quota %d: the inputs are those of revision %d, already published and sent; nothing changed (%s)%n",
                request.year(), request.revision(), request.folder());
    }

    /** What a completed run published and sent. */
    public void reportCompleted(Request request, JobExecution execution, PrintStream out) {
        QuotaWorkbookSender.Delivery d = messages.count(request.year(), request.revision(), 0);
        // a rerun that only finished sending wrote nothing itself: count the published
        // set
        int workbooks = execution.getExecutionContext().getInt(QuotaJobConfiguration.WORKBOOKS, 0);
        if (workbooks == 0) {
            workbooks = publishedWorkbooks(request.folder());
        }
        out.printf(Locale.ROOT,
                "Quota %d revision %d: national figure %,d; %d workbooks in %s; "
                        + "%d municipality messages (%d digital via %s, %d paper, %d to an alternative address)%n",
                request.year(), request.revision(), request.nationalFigure(), workbooks, request.folder(), d.total(),
                d.digital(), messages.gatewayDescription(), d.paper(), d.alternative());
        for (String line : messages.unusual(request.year(), request.revision())) {
            out.println("  " + line);
        }
    }

    /**
     * A run that failed or stopped: published revisions stay; the same command continues
     * it.
     */
    public void reportUnfinished(Request request, JobExecution execution, PrintStream err) {
        String cause = execution.getAllFailureExceptions()
            .stream()
            .findFirst()
            .map(Throwable::getMessage)
            .orElse(execution.getExitStatus().getExitDescription());
        err.printf(
                "quota: %s for %d revision %d ended %s: %s%nFix the cause and run the same command again to continue.%n",
                JOB, request.year(), request.revision(), execution.getStatus(), cause);
    }

    /**
     * The demo: 2015 quotas from the shipped demo statistics, first with the national
     * figure 4,000 ({@link #DEMO_NATIONAL_FIGURES}), then the December 2014 revision to
     * 12,000, so the revision flow and the change column show. A figure whose revision
     * was published earlier and has since been replaced is not run again (said on
     * {@code out}); the current one is, so an unfinished run is resumed and a finished
     * one reports "nothing changed".
     */
    public boolean demoFigureToRun(long figure, PrintStream out) {
        Path statistics = demoStatistics();
        YearFolder folder = new YearFolder(app.outputDir(), DEMO_YEAR);
        String hash = QuotaInputs.read(DEMO_YEAR, figure, statistics, null).inputHash();
        boolean done = folder.allRevisions().stream().anyMatch(m -> m.inputHash().equals(hash));
        boolean resumable = folder.current().map(m -> m.inputHash().equals(hash)).orElse(false);
        if (done && !resumable) {
            out.printf(Locale.ROOT, "Quota %d with national figure %,d: already published earlier; skipped%n",
                    DEMO_YEAR, figure);
            return false;
        }
        return true;
    }

    /**
     * Copies the shipped demo file to {@code <data-dir>/demo/} so that it has a path and
     * a date.
     */
    public Path demoStatistics() {
        Path target = app.dataDir().resolve("demo").resolve(Path.of(DEMO_STATISTICS).getFileName().toString());
        try (InputStream in = QuotaRequests.class.getResourceAsStream(DEMO_STATISTICS)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_STATISTICS + " is missing from the class path");
            }
            byte[] content = in.readAllBytes();
            if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                OwnerOnlyFiles.write(target, content);
                log.info("Demo statistics copied to {}", target);
            }
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo statistics to " + target + ": " + e.getMessage(), e);
        }
    }

    private static int publishedWorkbooks(Path dir) {
        try (var files = Files.walk(dir, 2)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".xlsx"))
                .filter(p -> !dir.relativize(p).startsWith("previous"))
                .count();
        }
        catch (IOException e) {
            return 0;
        }
    }

}
