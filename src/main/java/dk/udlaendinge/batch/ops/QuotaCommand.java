package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh quota --year Y --national-figure L --statistics FILE [--agreements FILE]}:
 * the yearly refugee quota workbooks (docs/QUOTA-KEY.md), launched through
 * {@link QuotaLaunch}.
 */
@Component
@Scope("prototype")
@Command(name = "quota", description = "the yearly refugee quota workbooks (docs/QUOTA-KEY.md)")
final class QuotaCommand implements Callable<Integer> {

    private final QuotaLaunch launch;

    @Spec
    CommandSpec spec;

    private int year;

    private long nationalFigure;

    @Option(names = "--statistics", paramLabel = "FILE", required = true, order = 3)
    Path statistics;

    @Option(names = "--agreements", paramLabel = "FILE", order = 4)
    Path agreements;

    QuotaCommand(QuotaLaunch launch) {
        this.launch = launch;
    }

    /** The years QuotaInputs accepts. */
    @Option(names = "--year", paramLabel = "Y", required = true, order = 1)
    void year(String value) {
        year = (int) OptionValues.whole(spec, "year", value, 2000, 2999);
    }

    /**
     * Far above any national figure announced (about 12,000 at most), far below what the
     * arithmetic holds.
     */
    @Option(names = "--national-figure", paramLabel = "L", required = true, order = 2)
    void nationalFigure(String value) {
        nationalFigure = OptionValues.whole(spec, "national-figure", value, 0, 1_000_000);
    }

    @Override
    public Integer call() {
        return launch.run(year, nationalFigure, statistics, agreements, System.out, System.err);
    }

}
