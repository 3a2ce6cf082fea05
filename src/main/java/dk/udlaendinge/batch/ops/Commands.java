package dk.udlaendinge.batch.ops;

import java.util.concurrent.CountDownLatch;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * Runs a {@link Command} once the application is up, giving it the application through a
 * {@link CommandContext}. Each command validates its input before touching anything, so bad
 * input leaves no half-written state.
 */
@Component
public class Commands {

    private final ApplicationContext application;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    public Commands(ApplicationContext application) {
        this.application = application;
    }

    public int execute(Invocation inv) {
        Command command = CommandCatalog.find(inv.command())
                .filter(c -> c.runs() == Command.Runs.IN_APPLICATION)
                .orElseThrow(() -> new BadInputException("unknown command '" + inv.command() + "'"));
        if (command.servesWeb()) {
            // the daemon's output is a log; its runs' progress is on the console's pages
            return command.run(inv, CommandContext.inApplication(application, stopSignal));
        }
        try (TerminalProgress.Lines progress = TerminalProgress.start(application.getEnvironment(),
                application.getBean(RunningJobs.class), application.getBean(JobRepository.class),
                application.getBean(JdbcTemplate.class), System.out)) {
            return command.run(inv, CommandContext.inApplication(application, stopSignal));
        }
    }

    /** SIGTERM: a command that keeps running (the daemon) ends its wait. */
    public void stopDaemon() {
        stopSignal.countDown();
    }
}
