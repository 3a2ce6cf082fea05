package dk.udlaendinge.batch.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@link Command} of {@code ./run.sh}, found on the class path in this package, so a new
 * command is one new class and nothing else to edit. Read before the application starts (it
 * builds nothing of Spring's but reads class files), once per process.
 */
public final class CommandCatalog {

    /** What {@code ./run.sh} without a command runs. */
    static final String DEFAULT_COMMAND = "demo";

    private static volatile List<Command> commands;

    private CommandCatalog() {
    }

    /** Every command, by name. */
    public static List<Command> all() {
        List<Command> found = commands;
        if (found == null) {
            found = scan();
            commands = found;
        }
        return found;
    }

    public static Optional<Command> find(String word) {
        return all().stream().filter(c -> c.name().equals(word) || c.aliases().contains(word)).findFirst();
    }

    /**
     * The options that take no value, of every command: the parser must know them before it
     * knows whether the command takes them (it then says "does not take", not "needs a value").
     */
    static Set<String> flagNames() {
        Set<String> flags = new TreeSet<>();
        all().forEach(c -> c.options().stream().filter(Option::isFlag).forEach(o -> flags.add(o.name())));
        return flags;
    }

    private static List<Command> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Command.class));
        List<Command> found = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(Command.class.getPackageName())) {
            Command command;
            try {
                command = (Command) ClassUtils.forName(candidate.getBeanClassName(), Command.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("command class " + candidate.getBeanClassName()
                        + " needs a public no-argument constructor", e);
            }
            for (String word : words(command)) {
                String before = owners.put(word, command.getClass().getSimpleName());
                if (before != null) {
                    throw new IllegalStateException("'" + word + "' is claimed by both " + before + " and "
                            + command.getClass().getSimpleName());
                }
            }
            found.add(command);
        }
        found.sort(Comparator.comparing(Command::name));
        return List.copyOf(found);
    }

    private static List<String> words(Command command) {
        List<String> words = new ArrayList<>(command.aliases());
        words.add(command.name());
        return words;
    }
}
