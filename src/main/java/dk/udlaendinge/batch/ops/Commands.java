package dk.udlaendinge.batch.ops;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs a command line inside the application: the command is a bean the application
 * makes, picocli sets its options and maps what it returns or throws to the exit code.
 * Each command validates its input before touching anything, so bad input leaves no
 * half-written state.
 */
@Component
public class Commands {

    private final ApplicationContext application;

    private final StopSignal stopSignal;

    Commands(ApplicationContext application, StopSignal stopSignal) {
        this.application = application;
        this.stopSignal = stopSignal;
    }

    /** A whole command line ({@code renewal --run-date 2014-12-01}; none: the demo). */
    public int execute(String... args) {
        try {
            return execute(RunSh.parse(args).getCommandSpec().userObject().getClass(), args);
        }
        catch (ParameterException e) {
            System.err.println("error: " + RunSh.usageError(e, args));
            return ExitCodes.BAD_USAGE;
        }
    }

    /**
     * The command a line read before the application started names, with that line's
     * arguments.
     */
    int execute(Class<?> command, String[] args) {
        CommandLine line = RunSh.inApplication(application, command);
        line.setParameterExceptionHandler((e, given) -> {
            System.err.println("error: " + RunSh.usageError(e, given));
            return ExitCodes.BAD_USAGE;
        });
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof BadInputException) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.BAD_USAGE;
            }
            System.err.println("error: " + JobRunner.rootMessage(e));
            return ExitCodes.FAILED;
        });
        String[] commandArgs = RunSh.commandArguments(args);
        if (ServesWeb.class.isAssignableFrom(command)) {
            // the daemon's output is a log; its runs' progress is on the console's pages
            return line.execute(commandArgs);
        }
        try (TerminalProgress.Lines progress = TerminalProgress.start(application.getBean(ProgressSettings.class),
                application.getBean(RunningJobs.class), application.getBean(JobRepository.class),
                application.getBean(JdbcTemplate.class), System.out)) {
            return line.execute(commandArgs);
        }
    }

    /** SIGTERM: a command that keeps running (the daemon) ends its wait. */
    public void stopDaemon() {
        stopSignal.give();
    }

}
