package dk.udlaendinge.batch.ops;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh status [--limit N]}: the latest executions of every job, with their
 * steps.
 */
@Component
@Scope("prototype")
@Command(name = "status", description = "the latest executions of every job, with their steps")
final class StatusCommand implements Callable<Integer> {

    private final StatusReport report;

    @Spec
    CommandSpec spec;

    private int limit = 10;

    StatusCommand(StatusReport report) {
        this.report = report;
    }

    @Option(names = "--limit", paramLabel = "N")
    void limit(String value) {
        limit = (int) OptionValues.whole(spec, "limit", value, 1, 10_000);
    }

    @Override
    public Integer call() {
        report.print(System.out, limit);
        return ExitCodes.COMPLETED;
    }

}
