package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.CaseDocumentRoot;
import dk.udlaendinge.batch.common.CsvInputFile;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.deposit.RegistryImportJobConfiguration;
import dk.udlaendinge.batch.notice.FullAmountLevels;
import dk.udlaendinge.batch.notice.NoticePreparation;
import dk.udlaendinge.batch.notice.RenewalDryRun;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.notice.RenewalSummary;
import dk.udlaendinge.batch.notice.NoticeRepository;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.quota.QuotaBenchmark;
import dk.udlaendinge.batch.quota.QuotaRun;

/**
 * The commands of {@code ./run.sh} once the application is up. Each validates its input
 * before touching anything, so bad input leaves no half-written state.
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final AppProperties app;
    private final JobRunner runner;
    private final JobRepository repository;
    private final JdbcTemplate jdbc;
    private final Job registryImportJob;
    private final Job renewalNoticeJob;
    private final StatusReport status;
    private final FullAmountLevels levels;
    private final RenewalRule rule;
    private final MessageComposer composer;
    private final NoticeRepository records;
    private final Clock clock;
    private final RunningJobs running;
    private final QuotaCommand quota;
    private final PrintStream out = System.out;
    private final CountDownLatch daemonStop = new CountDownLatch(1);

    public Commands(AppProperties app, JobRunner runner, JobRepository repository, JdbcTemplate jdbc,
            @Qualifier("registryImportJob") Job registryImportJob, @Qualifier("renewalNoticeJob") Job renewalNoticeJob,
            StatusReport status, FullAmountLevels levels, RenewalRule rule, MessageComposer composer,
            NoticeRepository records, Clock clock, RunningJobs running, QuotaRun quotaRun,
            @Qualifier(QuotaRun.JOB) Job quotaWorkbookJob) {
        this.app = app;
        this.runner = runner;
        this.repository = repository;
        this.jdbc = jdbc;
        this.registryImportJob = registryImportJob;
        this.renewalNoticeJob = renewalNoticeJob;
        this.status = status;
        this.levels = levels;
        this.rule = rule;
        this.composer = composer;
        this.records = records;
        this.clock = clock;
        this.running = running;
        this.quota = new QuotaCommand(runner, quotaRun, quotaWorkbookJob, System.out, System.err);
    }

    public int execute(Invocation inv) {
        return switch (inv.command()) {
            case "demo" -> demo();
            case "import" -> importRegistry(Path.of(inv.required("registry")),
                    inv.option("documents") == null ? null : Path.of(inv.option("documents")));
            case "renewal" -> renewal(inv.dateOption("run-date", LocalDate.now(clock)), inv.flag("dry-run"));
            case "status" -> {
                status.print(out, limit(inv));
                yield ExitCodes.COMPLETED;
            }
            case "restart" -> restart(inv.positional().isEmpty() ? null : parseId(inv.positional().get(0)));
            case "daemon" -> daemon();
            case "quota" -> quota.run(quotaYear(inv), nationalFigure(inv),
                    Path.of(inv.required("statistics")),
                    inv.option("agreements") == null ? null : Path.of(inv.option("agreements")));
            case "bench" -> bench(inv);
            default -> throw new BadInputException("unknown command '" + inv.command() + "'");
        };
    }

    // --- numeric options: one place for their ranges, checked by Cli before the application starts ---

    static int limit(Invocation inv) {
        return inv.intOption("limit", 10, 1, 10_000);
    }

    /** The years QuotaInputs accepts. */
    static int quotaYear(Invocation inv) {
        return (int) inv.longOption("year", 2000, 2999);
    }

    /** Far above any national figure announced (about 12,000 at most), far below what the arithmetic holds. */
    static long nationalFigure(Invocation inv) {
        return inv.longOption("national-figure", 0, 1_000_000);
    }

    static int benchDeposits(Invocation inv) {
        return inv.intOption("deposits", 100_000, 1, 10_000_000);
    }

    static int benchRepetitions(Invocation inv) {
        return inv.intOption("repetitions", 3, 1, 1_000);
    }

    /** Quota workbooks first, so the renewal job's machine-readable line stays the last line. */
    private int bench(Invocation inv) {
        int repetitions = benchRepetitions(inv);
        QuotaBenchmark.Result quotaResult = QuotaBenchmark.run(app.dataDir().resolve("quota-bench"), repetitions);
        out.println("bench: quota " + quotaResult);
        return new Benchmark(app, jdbc, runner, renewalNoticeJob, levels, composer, records, clock, out)
                .run(benchDeposits(inv), inv.dateOption("run-date", LocalDate.of(2015, 12, 31)),
                        repetitions, inv.flag("first-notice"));
    }

    /** The daemon's way out: SIGTERM ends the wait. */
    public void stopDaemon() {
        daemonStop.countDown();
    }

    // --- demo -----------------------------------------------------------------------------

    int demo() {
        LocalDate runDate = app.demo().runDate();
        Long deposits = jdbc.queryForObject("SELECT COUNT(*) FROM deposit", Long.class);
        if (deposits == null || deposits == 0) {
            out.printf("Registry is empty: generating a demo registry of %d deposits (seed %d) and importing it…%n",
                    app.demo().deposits(), app.demo().seed());
            List<Deposit> generated = DemoRegistry.generate(app.demo().deposits(), app.demo().seed());
            Path folder = app.dataDir().resolve("demo");
            Path registry = folder.resolve("registry-demo.csv");
            Path documents = folder.resolve("documents-demo.csv");
            DemoRegistry.writeCsv(registry, generated);
            DemoRegistry.writeDocumentsCsv(documents, generated, runDate, app.renewal().leadDays(), 3, 8_200_000);
            int imported = importRegistry(registry, documents);
            if (imported != ExitCodes.COMPLETED) {
                return imported;
            }
        } else {
            out.printf("Registry holds %d deposits; using them for the demo.%n", deposits);
        }
        out.printf("Running the renewal job for the demo run date %s (the first renewal season).%n", runDate);
        int renewalCode = renewal(runDate, false);
        out.println();
        out.println("Quota demo: the 2015 quotas from demo statistics, national figure 4,000, then the December 2014"
                + " revision to 12,000.");
        int quotaCode = quota.runDemo();
        return renewalCode != ExitCodes.COMPLETED ? renewalCode : quotaCode;
    }

    // --- import ---------------------------------------------------------------------------

    int importRegistry(Path registry, Path documents) {
        String fingerprint = CsvInputFile.check(registry, "registry file", RegistryColumns.NAMES);
        if (documents != null) {
            fingerprint += CsvInputFile.check(documents, "documents file", RegistryColumns.DOCUMENT_NAMES);
            // a wrong app.documents-root is bad input (exit 2), found before the job starts
            CaseDocumentRoot.forImport(app.documentsRoot(), documents);
        }
        requireWritable(app.outputDir());
        JobParameters params = new JobParametersBuilder()
                .addString(RegistryImportJobConfiguration.PARAM_REGISTRY, registry.toAbsolutePath().normalize().toString())
                .addString(RegistryImportJobConfiguration.PARAM_DOCUMENTS,
                        documents == null ? "" : documents.toAbsolutePath().normalize().toString())
                .addString(RegistryImportJobConfiguration.PARAM_FINGERPRINT, fingerprint)
                .toJobParameters();
        JobRunner.Outcome outcome = runner.start(registryImportJob, params);
        if (outcome.alreadyComplete()) {
            out.println("This exact file was imported before; the registry already holds it.");
        }
        if (outcome.execution() != null) {
            out.println("Rejected rows (if any): " + app.outputDir().resolve("rejects").toAbsolutePath().normalize());
        }
        return outcome.exitCode();
    }

    // --- renewal --------------------------------------------------------------------------

    int renewal(LocalDate runDate, boolean dryRun) {
        if (dryRun) {
            NoticePreparation preparation = new NoticePreparation(runDate, levels,
                    app.digitalPost().limit().toBytes(), composer, clock);
            new RenewalDryRun(records, rule, preparation).run(runDate, out);
            return ExitCodes.COMPLETED;
        }
        requireWritable(app.outputDir());
        JobParameters params = new JobParametersBuilder()
                .addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, runDate)
                .toJobParameters();
        JobRunner.Outcome outcome = runner.start(renewalNoticeJob, params);
        if (outcome.alreadyComplete()) {
            out.println("Run date " + runDate + " already completed: nothing was sent again.");
        }
        if (outcome.execution() != null || outcome.alreadyComplete()) {
            new RenewalSummary(jdbc, new RenewalOutputs(app.outputDir())).print(out, runDate);
        }
        return outcome.exitCode();
    }

    // --- restart --------------------------------------------------------------------------

    int restart(Long executionId) {
        JobExecution target;
        if (executionId != null) {
            // asked of the table first: the repository answers an unknown id with "Incorrect result size"
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                    Integer.class, executionId);
            target = known == null || known == 0 ? null : repository.getJobExecution(executionId);
            if (target == null) {
                throw new BadInputException("there is no execution " + executionId + "; ./run.sh status lists them");
            }
        } else {
            List<Long> candidates = jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION"
                    + " WHERE STATUS IN ('FAILED', 'STOPPED', 'STARTED', 'STARTING', 'STOPPING')"
                    + " ORDER BY JOB_EXECUTION_ID DESC", Long.class);
            target = null;
            for (Long id : candidates) {
                JobExecution e = repository.getJobExecution(id);
                if (e != null && isLatestOfInstance(e) && (e.getStatus() == BatchStatus.FAILED
                        || e.getStatus() == BatchStatus.STOPPED || running.isStale(e))) {
                    target = e;
                    break;
                }
            }
            if (target == null) {
                out.println("Nothing to restart: no failed, stopped or stale execution.");
                return ExitCodes.COMPLETED;
            }
        }
        JobRunner.Outcome outcome = runner.restart(target);
        if (outcome.execution() != null
                && outcome.execution().getJobInstance().getJobName().equals(RenewalNoticeJobConfiguration.JOB)) {
            LocalDate runDate = outcome.execution().getJobParameters().getLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE);
            new RenewalSummary(jdbc, new RenewalOutputs(app.outputDir())).print(out, runDate);
        }
        return outcome.exitCode();
    }

    private boolean isLatestOfInstance(JobExecution e) {
        JobExecution last = repository.getLastJobExecution(e.getJobInstance());
        return last != null && last.getId() == e.getId();
    }

    // --- daemon ---------------------------------------------------------------------------

    int daemon() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.initialize();
        // The trigger only hands the run to this thread and returns: a cron task that ran the job
        // itself would never fire while the job runs, and a missed firing would go unlogged.
        ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "scheduled-renewal"));
        AtomicBoolean renewalRunning = new AtomicBoolean();
        String cron = app.schedule().renewalCron();
        if (!cron.equals("-")) {
            scheduler.schedule(() -> {
                if (daemonStop.getCount() == 0) {
                    return; // stopping: no new run
                }
                if (!renewalRunning.compareAndSet(false, true)) {
                    log.warn("Renewal schedule fired while {} still runs; skipped this time", RenewalNoticeJobConfiguration.JOB);
                    return;
                }
                jobs.execute(() -> {
                    try {
                        int code = renewal(LocalDate.now(clock), false);
                        log.info("Scheduled renewal run finished with exit code {}", code);
                    } catch (RuntimeException e) {
                        log.error("Scheduled renewal run could not start: {}", e.getMessage());
                    } finally {
                        renewalRunning.set(false);
                    }
                });
            }, new CronTrigger(cron));
            out.println("Daemon: renewal runs on schedule '" + cron + "' (app.schedule.renewal-cron). Stop with SIGTERM.");
        }
        try {
            daemonStop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdown();
        // SIGTERM has asked a running job to stop at its next chunk boundary: let it end
        // STOPPED before the context (and the database) closes under it
        jobs.shutdown();
        try {
            if (!jobs.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("A scheduled run did not stop within 5 minutes; ./run.sh status will show it as stale");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.COMPLETED;
    }

    static long parseId(String text) {
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInputException("an execution id is a number, not '" + text + "'; ./run.sh status lists them");
        }
        if (id < 0) {
            throw new BadInputException("there is no execution " + id + "; ./run.sh status lists them");
        }
        return id;
    }

    private static void requireWritable(Path dir) {
        try {
            OwnerOnlyFiles.directory(dir);
        } catch (RuntimeException e) {
            throw new BadInputException("output folder " + dir.toAbsolutePath().normalize()
                    + " cannot be written; check app.output-dir (APP_OUTPUT_DIR) and its permissions");
        }
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new BadInputException("output folder " + dir.toAbsolutePath().normalize()
                    + " is not writable; check app.output-dir (APP_OUTPUT_DIR) and its permissions");
        }
    }
}
