package dk.udlaendinge.batch.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./run.sh help}: the usage of every command, made from picocli's model of the
 * commands (their names, options, labels and descriptions), so the text cannot drift from
 * what they take. Help is always given, whatever follows the word.
 */
@Command(name = "help", aliases = { "--help", "-h" }, description = "this text")
final class HelpCommand implements BeforeApplication {

    /**
     * Where a short usage ends and its description starts (longer usages put it on the
     * next line).
     */
    private static final int SUMMARY_COLUMN = 22;

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> ignored = new ArrayList<>();

    @Override
    public int run(LaunchSettings settings) {
        System.out.print(text());
        return ExitCodes.COMPLETED;
    }

    static String text() {
        StringBuilder b = new StringBuilder("Usage: ./run.sh [command] [options]\n\n");
        for (CommandSpec c : RunSh.commandSpecs()) {
            String usage = usage(c);
            if (c.name().equals(RunSh.DEFAULT_COMMAND)) {
                usage = usage.replaceFirst("^" + c.name(), c.name() + " (default)");
            }
            b.append("  ").append(usage);
            if (usage.length() < SUMMARY_COLUMN - 1) {
                b.append(" ".repeat(SUMMARY_COLUMN - usage.length()));
            }
            else {
                b.append('\n').append(" ".repeat(SUMMARY_COLUMN + 2));
            }
            b.append(String.join(" ", c.usageMessage().description())).append('\n');
        }
        // the benchmark is not in the jar (docs/PERFORMANCE.md): run.sh starts its own
        // launcher
        b.append("  bench [options]")
            .append(" ".repeat(SUMMARY_COLUMN - "bench [options]".length()))
            .append("benchmark the renewal job on a scratch database of its own (never the configured one);")
            .append('\n')
            .append(" ".repeat(SUMMARY_COLUMN + 2))
            .append("not in the jar: run.sh builds and starts it, ./run.sh bench --help lists its options\n");
        return b.append("""

                Every command also takes --verbose: the start-up and step log on the console too (always in data/logs).

                Exit codes: 0 completed, 1 failed or stopped, 2 bad usage or bad input, 3 refused (already running).
                """).toString();
    }

    /**
     * {@code import --registry FILE [--documents FILE]}: the options in their declared
     * order, then the argument.
     */
    static String usage(CommandSpec c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.name());
        for (OptionSpec o : inOrder(c)) {
            String text = o.longestName() + (o.typeInfo().isBoolean() ? "" : " " + o.paramLabel());
            parts.add(o.required() ? text : "[" + text + "]");
        }
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (!p.hidden()) {
                parts.add(p.arity().min() == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel());
            }
        }
        return String.join(" ", parts);
    }

    /**
     * A command's options in their declared order ({@code order}), as help and the errors
     * list them.
     */
    static List<OptionSpec> inOrder(CommandSpec c) {
        return c.options().stream().sorted(Comparator.comparingInt(OptionSpec::order)).toList();
    }

}
