package dk.udlaendinge.batch.ops;

import java.util.List;

/** {@code ./run.sh status [--limit N]}: the latest executions of every job, with their steps. */
public final class StatusCommand implements Command {

    static final Option LIMIT = Option.whole("limit", "N", 1, 10_000, 10);

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "the latest executions of every job, with their steps";
    }

    @Override
    public List<Option> options() {
        return List.of(LIMIT);
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        context.bean(StatusReport.class).print(context.out(), (int) LIMIT.whole(inv));
        return ExitCodes.COMPLETED;
    }
}
