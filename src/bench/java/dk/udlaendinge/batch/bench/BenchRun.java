package dk.udlaendinge.batch.bench;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.partition.EmbeddedBroker;
import dk.udlaendinge.batch.notice.NoticePreparations;
import dk.udlaendinge.batch.notice.NoticeRepository;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.JobRunner;
import dk.udlaendinge.batch.quota.QuotaBenchmark;

/**
 * What {@code ./run.sh bench} measures once the application is up on the scratch database
 * ({@link BenchLauncher}): the quota workbooks, then the renewal job ({@link Benchmark}),
 * with the worker processes of {@code --partitioning remote} around it.
 */
final class BenchRun {

    private final ApplicationContext application;

    private final PrintStream out;

    private final PrintStream err;

    BenchRun(ApplicationContext application, PrintStream out, PrintStream err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    /**
     * Quota workbooks first, so the renewal job's machine-readable line stays the last
     * line.
     */
    int run(BenchOptions options) {
        Benchmark.Settings app = Benchmark.Settings.of(application);
        QuotaBenchmark.Result quotaResult = QuotaBenchmark.run(app.folders().dataDir().resolve("quota-bench"),
                options.repetitions());
        out.println("bench: quota " + quotaResult);
        BenchWorkers workers;
        try {
            workers = options.remote() ? startWorkers(options.workers(), app) : BenchWorkers.none(out);
        }
        catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (workers) {
            return new Benchmark(app, application.getBean(JdbcTemplate.class),
                    application.getBean(dk.udlaendinge.batch.common.batch.history.JobHistory.class),
                    application.getBean(JobRunner.class),
                    application.getBean(RenewalNoticeJobConfiguration.JOB, Job.class),
                    application.getBean(NoticePreparations.class), application.getBean(NoticeRepository.class),
                    application.getBean(Clock.class), out)
                .run(options.deposits(), options.runDate(), options.repetitions(), options.firstNotice());
        }
    }

    /**
     * The embedded broker first, so that the workers find it at once, then the workers on
     * the scratch database.
     */
    private BenchWorkers startWorkers(int count, Benchmark.Settings app) {
        application.getBean(EmbeddedBroker.class).start();
        Environment env = application.getEnvironment();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.artemis.broker-url",
                "app.output-dir")) {
            settings.put(key, env.getRequiredProperty(key));
        }
        settings.put("app.renewal.partitioning", "remote");
        settings.put("app.renewal.embedded-broker", "false");
        settings.put("app.renewal.broker-connect-timeout", "2m");
        // the scratch database's password goes in the environment, not on a command line
        // that ps shows
        Map<String, String> environment = Map.of("SPRING_DATASOURCE_PASSWORD",
                env.getProperty("spring.datasource.password", ""));
        return BenchWorkers.start(count, settings, environment, app.folders().dataDir().resolve("bench-workers"), out);
    }

}
