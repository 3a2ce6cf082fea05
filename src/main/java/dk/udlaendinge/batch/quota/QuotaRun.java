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
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * {@code ./run.sh quota --year Y --national-figure L --statistics FILE [--agreements FILE]}:
 * checks the inputs before anything is launched (bad input writes nothing), then runs
 * {@code quotaWorkbookJob} and prints a short summary. Same inputs as the published revision:
 * nothing changes.
 */
@Component
public class QuotaRun {

    /** The shipped demo statistics (made-up figures; "demo" in the name labels the workbooks). */
    public static final String DEMO_STATISTICS = "/demo/statistics-2015-demo.csv";
    public static final int DEMO_YEAR = 2015;
    /** The December 2014 revision of the 2015 national figure: first 4,000, then 12,000. */
    public static final long[] DEMO_NATIONAL_FIGURES = {4_000, 12_000};

    private static final Logger log = LoggerFactory.getLogger(QuotaRun.class);

    private final JobOperator jobOperator;
    private final Job job;
    private final AppProperties app;
    private final QuotaMessages messages;
    private final PrintStream out;
    private final PrintStream err;

    @Autowired
    public QuotaRun(JobOperator jobOperator, @Qualifier(QuotaJobConfiguration.JOB) Job job, AppProperties app,
            QuotaMessages messages) {
        this(jobOperator, job, app, messages, System.out, System.err);
    }

    QuotaRun(JobOperator jobOperator, Job job, AppProperties app, QuotaMessages messages, PrintStream out, PrintStream err) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.app = app;
        this.messages = messages;
        this.out = out;
        this.err = err;
    }

    /**
     * Computes, publishes and sends the quotas of {@code year}.
     *
     * @return {@link ExitCodes#COMPLETED} (also when nothing changed), {@link ExitCodes#BAD_USAGE}
     *         for bad input (nothing written), {@link ExitCodes#REFUSED} when the same run is
     *         already going, else {@link ExitCodes#FAILED}
     */
    public int run(int year, long nationalFigure, Path statistics, Path agreementsOrNull) {
        QuotaInputs inputs;
        try {
            inputs = QuotaInputs.read(year, nationalFigure, statistics, agreementsOrNull);
            inputs.compute(); // the sum checks only show while computing
        } catch (QuotaInputException e) {
            err.println("quota: bad input: " + e.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        YearFolder folder = new YearFolder(app.outputDir(), year);
        String hash = inputs.inputHash();
        int revision = folder.revisionFor(hash);
        JobParameters params = new JobParametersBuilder()
                .addLong(QuotaJobConfiguration.YEAR, (long) year)
                .addLong(QuotaJobConfiguration.REVISION, (long) revision)
                .addString(QuotaJobConfiguration.INPUT_HASH, hash)
                .addLong(QuotaJobConfiguration.NATIONAL_FIGURE, nationalFigure, false)
                .addString(QuotaJobConfiguration.STATISTICS, statistics.toAbsolutePath().toString(), false)
                .addString(QuotaJobConfiguration.AGREEMENTS,
                        agreementsOrNull == null ? "" : agreementsOrNull.toAbsolutePath().toString(), false)
                .toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(job, params);
        } catch (JobInstanceAlreadyCompleteException e) {
            out.printf("Quota %d: the inputs are those of revision %d, already published and sent; nothing changed (%s)%n",
                    year, revision, folder.dir());
            return ExitCodes.COMPLETED;
        } catch (JobExecutionAlreadyRunningException e) {
            err.println("quota: quota year " + year + " revision " + revision + " is already running; try again when it ends");
            return ExitCodes.REFUSED;
        } catch (Exception e) {
            err.println("quota: cannot start " + QuotaJobConfiguration.JOB + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String cause = execution.getAllFailureExceptions().stream().findFirst().map(Throwable::getMessage)
                    .orElse(execution.getExitStatus().getExitDescription());
            err.printf("quota: %s for %d revision %d ended %s: %s%nFix the cause and run the same command again to continue.%n",
                    QuotaJobConfiguration.JOB, year, revision, execution.getStatus(), cause);
            return ExitCodes.FAILED;
        }
        QuotaMessages.Delivery d = messages.count(year, revision, 0);
        // a rerun that only finished sending wrote nothing itself: count the published set
        int workbooks = execution.getExecutionContext().getInt(QuotaJobConfiguration.WORKBOOKS, 0);
        if (workbooks == 0) {
            workbooks = publishedWorkbooks(folder.dir());
        }
        out.printf(Locale.ROOT, "Quota %d revision %d: national figure %,d; %d workbooks in %s; "
                + "%d municipality messages (%d digital via %s, %d paper, %d to an alternative address)%n", year, revision,
                nationalFigure, workbooks, folder.dir(), d.total(), d.digital(), messages.gatewayDescription(), d.paper(),
                d.alternative());
        for (String line : messages.unusual(year, revision)) {
            out.println("  " + line);
        }
        return ExitCodes.COMPLETED;
    }

    /**
     * The demo: 2015 quotas from the shipped demo statistics, first with the national figure
     * 4,000, then the December 2014 revision to 12,000, so the revision flow and the change
     * column show. A step whose revision already exists is skipped.
     */
    public int runDemo() {
        Path statistics = demoStatistics();
        YearFolder folder = new YearFolder(app.outputDir(), DEMO_YEAR);
        for (long figure : DEMO_NATIONAL_FIGURES) {
            String hash = QuotaInputs.read(DEMO_YEAR, figure, statistics, null).inputHash();
            boolean done = folder.allRevisions().stream().anyMatch(m -> m.inputHash().equals(hash));
            boolean resumable = folder.current().map(m -> m.inputHash().equals(hash)).orElse(false);
            if (done && !resumable) {
                out.printf(Locale.ROOT, "Quota %d with national figure %,d: already published earlier; skipped%n", DEMO_YEAR, figure);
                continue;
            }
            int rc = run(DEMO_YEAR, figure, statistics, null);
            if (rc != ExitCodes.COMPLETED) {
                return rc;
            }
        }
        return ExitCodes.COMPLETED;
    }

    /** Copies the shipped demo file to {@code <data-dir>/demo/} so that it has a path and a date. */
    Path demoStatistics() {
        Path target = app.dataDir().resolve("demo").resolve(Path.of(DEMO_STATISTICS).getFileName().toString());
        try (InputStream in = QuotaRun.class.getResourceAsStream(DEMO_STATISTICS)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_STATISTICS + " is missing from the class path");
            }
            byte[] content = in.readAllBytes();
            if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                OwnerOnlyFiles.write(target, content);
                log.info("Demo statistics copied to {}", target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo statistics to " + target + ": " + e.getMessage(), e);
        }
    }

    private static int publishedWorkbooks(Path dir) {
        try (var files = java.nio.file.Files.walk(dir, 2)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".xlsx"))
                    .filter(p -> !dir.relativize(p).startsWith("previous")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
