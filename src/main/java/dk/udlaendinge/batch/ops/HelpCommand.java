package dk.udlaendinge.batch.ops;

import java.util.List;

/** {@code ./run.sh help}: the usage of every command, built from their declarations. */
public final class HelpCommand implements Command {

    /** Where a short usage ends and its summary starts (longer usages put the summary on the next line). */
    private static final int SUMMARY_COLUMN = 22;

    @Override
    public String name() {
        return "help";
    }

    @Override
    public List<String> aliases() {
        return List.of("--help", "-h");
    }

    @Override
    public String summary() {
        return "this text";
    }

    @Override
    public Runs runs() {
        return Runs.WITHOUT_APPLICATION;
    }

    /** Help is always given, whatever follows the word. */
    @Override
    public void check(Invocation inv) {
        // nothing to refuse
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        context.out().print(text());
        return ExitCodes.COMPLETED;
    }

    static String text() {
        StringBuilder b = new StringBuilder("Usage: ./run.sh [command] [options]\n\n");
        for (Command c : CommandCatalog.all()) {
            String usage = c.usage();
            if (c.name().equals(CommandCatalog.DEFAULT_COMMAND)) {
                usage = usage.replaceFirst("^" + c.name(), c.name() + " (default)");
            }
            b.append("  ").append(usage);
            if (usage.length() < SUMMARY_COLUMN - 1) {
                b.append(" ".repeat(SUMMARY_COLUMN - usage.length()));
            } else {
                b.append('\n').append(" ".repeat(SUMMARY_COLUMN + 2));
            }
            b.append(c.summary()).append('\n');
        }
        return b.append("""

                Every command also takes --verbose: the start-up and step log on the console too (always in data/logs).

                Exit codes: 0 completed, 1 failed or stopped, 2 bad usage or bad input, 3 refused (already running).
                """).toString();
    }
}
