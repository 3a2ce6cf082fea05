package dk.udlaendinge.batch.ops;

import java.util.List;

import dk.udlaendinge.batch.quota.QuotaRequests;

/**
 * {@code ./run.sh quota --year Y --national-figure L --statistics FILE [--agreements FILE]}:
 * the yearly refugee quota workbooks (QUOTA-METHOD), launched through {@link QuotaLaunch}.
 */
public final class QuotaCommand implements Command {

    /** The years QuotaInputs accepts. */
    static final Option YEAR = Option.whole("year", "Y", 2000, 2999);
    /** Far above any national figure announced (about 12,000 at most), far below what the arithmetic holds. */
    static final Option NATIONAL_FIGURE = Option.whole("national-figure", "L", 0, 1_000_000);
    static final Option STATISTICS = Option.file("statistics", true);
    static final Option AGREEMENTS = Option.file("agreements", false);

    @Override
    public String name() {
        return "quota";
    }

    @Override
    public String summary() {
        return "the yearly refugee quota workbooks (docs/QUOTA-KEY.md)";
    }

    @Override
    public List<Option> options() {
        return List.of(YEAR, NATIONAL_FIGURE, STATISTICS, AGREEMENTS);
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        return launch(context).run((int) YEAR.whole(inv), NATIONAL_FIGURE.whole(inv), STATISTICS.path(inv),
                AGREEMENTS.path(inv));
    }

    static QuotaLaunch launch(CommandContext context) {
        return new QuotaLaunch(context.jobRunner(), context.bean(QuotaRequests.class), context.job(QuotaRequests.JOB),
                context.out(), context.err());
    }
}
