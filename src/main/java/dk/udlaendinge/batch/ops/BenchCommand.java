package dk.udlaendinge.batch.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.AppProperties;
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
        return List.of(DEPOSITS, RUN_DATE, REPETITIONS, DATABASE, FIRST_NOTICE);
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
        return new Benchmark(app, context.bean(JdbcTemplate.class), context.jobRunner(),
                context.job(RenewalNoticeJobConfiguration.JOB), context.bean(FullAmountLevels.class),
                context.bean(MessageComposer.class), context.bean(NoticeRepository.class), context.bean(Clock.class),
                context.out())
                .run((int) DEPOSITS.whole(inv), RUN_DATE.date(inv, LocalDate.of(2015, 12, 31)), repetitions,
                        FIRST_NOTICE.isSet(inv));
    }
}
