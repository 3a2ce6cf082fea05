package dk.udlaendinge.batch.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.history.JobHistory;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.partition.EmbeddedBroker;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.notice.FullAmountLevels;
import dk.udlaendinge.batch.notice.NoticeRepository;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.quota.QuotaBenchmark;

/**
 * {@code ./run.sh bench}: the quota workbooks and the renewal job measured on a scratch
 * database and scratch folders of the benchmark's own (never the configured ones; see
 * {@link #scratchDatabase}).
 */
public final class BenchCommand implements Command {

    static final Option DEPOSITS = Option.whole("deposits", "N", 1, 10_000_000, 100_000);
    static final Option RUN_DATE = Option.date("run-date");
    static final Option REPETITIONS = Option.whole("repetitions", "N", 1, 1_000, 3);
    static final Option DATABASE = Option.oneOf("database", ScratchDatabase.KINDS);
    /** Only the time until the first notice is sent: the job is stopped gracefully there. */
    static final Option FIRST_NOTICE = Option.flag("first-notice");
    /** Where the partitions run: threads of the benchmark, or worker processes it starts. */
    static final Option PARTITIONING = Option.oneOf("partitioning", List.of("local", "remote"));
    static final Option WORKERS = Option.whole("workers", "N", 1, 16, 1);

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmark the renewal job on a scratch database of its own (never the configured one)";
    }

    @Override
    public List<Option> options() {
        return List.of(DEPOSITS, RUN_DATE, REPETITIONS, DATABASE, FIRST_NOTICE, PARTITIONING, WORKERS);
    }

    @Override
    public void check(Invocation inv) {
        Command.super.check(inv);
        if (inv.option(WORKERS.name()) != null && !remote(inv)) {
            throw new BadInputException("--workers needs --partitioning remote (with local partitions the"
                    + " benchmark runs them on threads of its own)");
        }
        if (remote(inv) && !DATABASE.choice(inv).equals("postgresql")) {
            throw new BadInputException("--partitioning remote needs --database postgresql: the workers share the"
                    + " database, and the embedded HSQLDB admits one process");
        }
    }

    /**
     * Remote: the benchmark is the manager, with the embedded broker on a free loopback port
     * (never the configured broker), so its workers cannot take another manager's requests.
     */
    @Override
    public List<String> applicationArguments(Invocation inv) {
        if (!remote(inv)) {
            return List.of("--app.renewal.partitioning=local");
        }
        return List.of("--app.renewal.partitioning=remote", "--app.renewal.embedded-broker=true",
                "--spring.artemis.broker-url=tcp://localhost:" + freePort());
    }

    @Override
    public Optional<String> scratchDatabase(Invocation inv) {
        return Optional.of(DATABASE.choice(inv));
    }

    /** Quota workbooks first, so the renewal job's machine-readable line stays the last line. */
    @Override
    public int run(Invocation inv, CommandContext context) {
        AppProperties app = context.settings();
        int repetitions = (int) REPETITIONS.whole(inv);
        QuotaBenchmark.Result quotaResult = QuotaBenchmark.run(app.dataDir().resolve("quota-bench"), repetitions);
        context.out().println("bench: quota " + quotaResult);
        BenchWorkers workers;
        try {
            workers = remote(inv) ? startWorkers((int) WORKERS.whole(inv), context) : BenchWorkers.none(context.out());
        } catch (RuntimeException e) {
            context.err().println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (workers) {
            return benchmark(inv, context, app, repetitions);
        }
    }

    private static int benchmark(Invocation inv, CommandContext context, AppProperties app, int repetitions) {
        return new Benchmark(app, context.bean(JdbcTemplate.class), context.bean(JobHistory.class), context.jobRunner(),
                context.job(RenewalNoticeJobConfiguration.JOB), context.bean(FullAmountLevels.class),
                context.bean(MessageComposer.class), context.bean(NoticeRepository.class), context.bean(Clock.class),
                context.out())
                .run((int) DEPOSITS.whole(inv), RUN_DATE.date(inv, LocalDate.of(2015, 12, 31)), repetitions,
                        FIRST_NOTICE.isSet(inv));
    }

    /** The embedded broker first, so that the workers find it at once, then the workers on the scratch database. */
    private static BenchWorkers startWorkers(int count, CommandContext context) {
        context.bean(EmbeddedBroker.class).start();
        Environment env = context.bean(Environment.class);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.artemis.broker-url",
                "app.output-dir")) {
            settings.put(key, env.getRequiredProperty(key));
        }
        settings.put("app.renewal.partitioning", "remote");
        settings.put("app.renewal.embedded-broker", "false");
        settings.put("app.renewal.broker-connect-timeout", "2m");
        // the scratch database's password goes in the environment, not on a command line that ps shows
        Map<String, String> environment = Map.of("SPRING_DATASOURCE_PASSWORD",
                env.getProperty("spring.datasource.password", ""));
        return BenchWorkers.start(count, settings, environment, context.settings().dataDir().resolve("bench-workers"),
                context.out());
    }

    private static boolean remote(Invocation inv) {
        return PARTITIONING.choice(inv).equals("remote");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the benchmark's broker", e);
        }
    }
}
