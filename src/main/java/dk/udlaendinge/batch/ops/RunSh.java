package dk.udlaendinge.batch.ops;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.ApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./run.sh}: its commands, declared with picocli. A command line is read twice.
 * First without the application ({@link #parse}): picocli checks the command, its options
 * and their values, so a usage error is answered at once (exit 2) and the command that
 * runs without the application (help, stop, broker, hash-password) runs there. Then, for
 * a command that runs in the application, once more inside it ({@link #inApplication}):
 * the command is a Spring bean made by the application (constructor injection), and
 * picocli sets its options and maps its outcome to the exit code.
 */
@Command(name = "./run.sh",
        subcommands = { BrokerCommand.class, DaemonCommand.class, DemoCommand.class, HashPasswordCommand.class,
                HelpCommand.class, ImportCommand.class, QuotaCommand.class, RenewalCommand.class, RestartCommand.class,
                StatusCommand.class, StopCommand.class, WorkerCommand.class })
final class RunSh {

    /** What {@code ./run.sh} without a command runs. */
    static final String DEFAULT_COMMAND = "demo";

    /**
     * The command line read without the application: the command object it names, its
     * options set and checked. A command that needs the application's beans is made here
     * with none (its constructor gets nulls): it only holds the values, and is never run.
     * @throws ParameterException a usage error; {@link #usageError} says it in the
     * operator's words
     */
    static CommandLine parse(String[] args) {
        CommandLine line = new CommandLine(new RunSh(), RunSh::withoutBeans);
        line.parseArgs(withDefault(args));
        return line.getSubcommands().get(line.getParseResult().subcommand().commandSpec().name());
    }

    /**
     * The command a parsed line names, as the application makes it, with the same
     * arguments set.
     */
    static CommandLine inApplication(ApplicationContext application, Class<?> command) {
        IFactory beans = new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                // a command is a bean; what picocli makes besides (a converter, say) is
                // not
                K bean = application.getBeanProvider(type).getIfUnique();
                return bean != null ? bean : CommandLine.defaultFactory().create(type);
            }
        };
        return new CommandLine(command, beans);
    }

    /** Every command, by name: picocli's model of them, as {@code help} shows them. */
    static List<CommandSpec> commandSpecs() {
        return new CommandLine(new RunSh(), RunSh::withoutBeans).getSubcommands()
            .values()
            .stream()
            .map(CommandLine::getCommandSpec)
            .distinct()
            .sorted(Comparator.comparing(CommandSpec::name))
            .toList();
    }

    /** The arguments after the command's name ({@code demo} when there are none). */
    static String[] commandArguments(String[] args) {
        return args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
    }

    private static String[] withDefault(String[] args) {
        return args.length == 0 ? new String[] { DEFAULT_COMMAND } : args;
    }

    /**
     * A usage error as one sentence that names the command and what it takes: the words
     * the operator has read in these errors since before picocli, chosen by the kind of
     * error.
     */
    static String usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        String command = line.getCommandName();
        boolean top = line.getCommandSpec().userObject() instanceof RunSh;
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (top) {
                return "unknown command '" + arg + "'; ./run.sh help lists the commands";
            }
            if (arg.startsWith("--")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                List<String> takes = HelpCommand.inOrder(line.getCommandSpec())
                    .stream()
                    .map(OptionSpec::longestName)
                    .toList();
                return "'" + command + "' does not take " + name
                        + (takes.isEmpty() ? "" : " (it takes: " + String.join(", ", takes) + ")");
            }
            return "'" + command + "' does not take the argument '" + arg + "'";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            if (arg instanceof OptionSpec option) {
                String name = option.longestName();
                boolean given = Arrays.stream(args).anyMatch(a -> a.equals(name) || a.startsWith(name + "="));
                return given ? "option " + name + " needs a value" : "'" + command + "' needs " + name;
            }
            return "'" + command + "' needs " + String.join(" ", arg.description());
        }
        if (e instanceof OverwrittenOptionException twice && twice.getOverwritten() instanceof OptionSpec option) {
            return "option " + option.longestName() + " is given twice";
        }
        return e.getMessage();
    }

    /**
     * Makes a command object for reading its arguments only: with its no-argument
     * constructor, or else its constructor given no beans (nulls).
     */
    private static <K> K withoutBeans(Class<K> type) throws Exception {
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        for (Constructor<?> c : constructors) {
            if (c.getParameterCount() == 0) {
                c.setAccessible(true);
                return type.cast(c.newInstance());
            }
        }
        Constructor<?> c = constructors[0];
        c.setAccessible(true);
        return type.cast(c.newInstance(new Object[c.getParameterCount()]));
    }

}
