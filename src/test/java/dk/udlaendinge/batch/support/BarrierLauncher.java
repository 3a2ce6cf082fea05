package dk.udlaendinge.batch.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dk.udlaendinge.batch.Application;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.Commands;

/**
 * A separate process for the overlap test: starts the application once, then for each
 * round waits for the file {@code go-N} to appear in the barrier folder and runs
 * {@code renewal --run-date (first date + N)} through the real command path, writing its
 * exit code to {@code done-N-<pid>}. Two of these released by the same file launch the
 * same run date at the same instant; the application's start-up time stays out of the
 * race.
 */
public final class BarrierLauncher {

    private BarrierLauncher() {
    }

    /** args: barrier folder, rounds, first run date. */
    public static void main(String[] args) throws Exception {
        Path barrier = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        java.time.LocalDate first = java.time.LocalDate.parse(args[2]);
        Application.configureLibraries();
        long pid = ProcessHandle.current().pid();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
            .logStartupInfo(false)
            .run()) {
            Commands commands = context.getBean(Commands.class);
            Files.writeString(barrier.resolve("ready-" + pid), "");
            for (int round = 1; round <= rounds; round++) {
                Path go = barrier.resolve("go-" + round);
                // Polls every 50 µs: both processes leave within a fraction of a
                // millisecond, close
                // enough for the race, without two JVMs pinning both cores of a small CI
                // machine
                // (a pure spin starved the processes it was racing). Gives up when the
                // test has
                // gone (its folder deleted), so a failed test cannot leave this process
                // behind.
                while (!Files.exists(go)) {
                    if (!Files.isDirectory(barrier)) {
                        System.exit(4);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
                String[] line = { "renewal", "--run-date", first.plusDays(round).toString() };
                int code;
                try {
                    code = commands.execute(line);
                }
                catch (RuntimeException e) {
                    System.out.println("round " + round + ": " + e);
                    code = ExitCodes.FAILED;
                }
                System.out.flush();
                // written aside and moved into place: the test reads the file as soon as
                // it appears,
                // and once read it empty (created, not yet written) on a loaded machine
                Path written = Files.writeString(barrier.resolve("writing-" + round + "-" + pid),
                        Integer.toString(code));
                Files.move(written, barrier.resolve("done-" + round + "-" + pid),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        System.exit(0);
    }

}
