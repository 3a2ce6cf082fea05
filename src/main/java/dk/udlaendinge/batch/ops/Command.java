package dk.udlaendinge.batch.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One command of {@code ./run.sh}, declared in one class: its name, options, usage line, the
 * checks made before the application starts, and what it does. {@code help} and the argument
 * checks are built from these declarations ({@link CommandCatalog}), so the usage text cannot
 * drift from what the commands take.
 *
 * <p>Adding a command is adding one class in this package that implements this interface and
 * has a public no-argument constructor: the catalog finds it on the class path. The class must
 * not hold state between runs; what it needs from the application it asks {@link CommandContext}.
 */
public interface Command {

    /** Where a command runs. */
    enum Runs {
        /** Without the application (no database opened): {@code help}, {@code stop}. */
        WITHOUT_APPLICATION,
        /** In the application, on the configured database and folders. */
        IN_APPLICATION
    }

    /** The word after {@code ./run.sh}. */
    String name();

    /** Other words for it ({@code --help} for {@code help}); not shown in {@code help}. */
    default List<String> aliases() {
        return List.of();
    }

    /** The rest of the line in {@code help}, one sentence. */
    String summary();

    /** The options it takes, in the order {@code help} shows them. */
    default List<Option> options() {
        return List.of();
    }

    /** Its positional argument as {@code help} shows it ({@code EXECUTION_ID}, {@code [EXECUTION_ID]}), or empty. */
    default String positional() {
        return "";
    }

    default Runs runs() {
        return Runs.IN_APPLICATION;
    }

    /**
     * Whether the command serves HTTP (the console, health and metrics): only the daemon does;
     * every other command starts without a web server.
     */
    default boolean servesWeb() {
        return false;
    }

    /**
     * The checks that need no application, before it opens the database: no option or argument
     * it does not take, then each option's own check. Override to add checks, calling this first.
     */
    default void check(Invocation inv) {
        inv.allow(positional().isEmpty() ? 0 : 1, options().stream().map(Option::name).toArray(String[]::new));
        options().forEach(o -> o.check(inv));
    }

    /**
     * A refusal the job repository alone can give, asked before the whole application starts so
     * that a plain mistake is answered at once ({@code restart 9999}): the sentence, or empty to
     * go on. Only the database is opened for it ({@link RepositoryProbe}), and only when
     * {@link #asksBeforeStart} says there is a question.
     */
    default Optional<String> refusalBeforeStart(Invocation inv, JdbcTemplate jdbc) {
        return Optional.empty();
    }

    /** Whether {@link #refusalBeforeStart} has a question for the database. */
    default boolean asksBeforeStart(Invocation inv) {
        return false;
    }

    /** @return the exit code ({@link ExitCodes}) */
    int run(Invocation inv, CommandContext context);

    /** The usage line {@code help} shows, built from the declarations above. */
    default String usage() {
        List<String> parts = new ArrayList<>();
        parts.add(name());
        options().forEach(o -> parts.add(o.usage()));
        if (!positional().isEmpty()) {
            parts.add(positional());
        }
        return String.join(" ", parts);
    }
}
