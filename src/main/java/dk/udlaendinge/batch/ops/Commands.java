package dk.udlaendinge.batch.ops;

import java.util.concurrent.CountDownLatch;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.BadInputException;

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
        return command.run(inv, CommandContext.inApplication(application, stopSignal));
    }

    /** SIGTERM: a command that keeps running (the daemon) ends its wait. */
    public void stopDaemon() {
        stopSignal.countDown();
    }
}
