package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dk.udlaendinge.batch.common.SettingsFailure;
import dk.udlaendinge.batch.common.batch.partition.BrokerProperties;
import dk.udlaendinge.batch.common.batch.partition.BrokerSettings;
import dk.udlaendinge.batch.common.batch.partition.EmbeddedBroker;
import picocli.CommandLine.Command;

/**
 * {@code ./run.sh broker}: the Artemis broker for remote partitions as a process of its
 * own (the same one a manager embeds with {@code app.renewal.embedded-broker: true}), so
 * that the manager and the workers on several hosts meet at one place that outlives any
 * manager run. It listens on {@code spring.artemis.broker-url}'s host and port and runs
 * until SIGTERM (exit 0).
 *
 * <p>
 * It runs without the application: it reads the configuration (files, environment,
 * {@code -D}) through an empty Spring context and never opens the database, so it needs
 * no database credentials and holds no lock. Like the embedded broker it keeps nothing on
 * disk: a request lost with a killed broker is a partition no worker takes, which the
 * manager's timeout reports and {@code ./run.sh restart} sends again. It admits only
 * connections with {@code spring.artemis.user}/{@code password}; without them it listens
 * on a loopback address only, and refuses (exit 2) any other;
 * {@code app.broker.key-store} makes it speak TLS ({@link BrokerSettings}).
 */
@Command(name = "broker",
        description = "the broker for remote partitions, on spring.artemis.broker-url's port, until SIGTERM")
final class BrokerCommand implements BeforeApplication {

    static final String DEFAULT_URL = "tcp://localhost:61616";

    @Override
    public int run(LaunchSettings launch) {
        String url;
        Path folder;
        BrokerSettings security;
        try (ConfigurableApplicationContext settings = new SpringApplicationBuilder(Settings.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .run()) {
            Environment env = settings.getEnvironment();
            url = env.getProperty("spring.artemis.broker-url", DEFAULT_URL);
            folder = Path.of(env.getProperty("app.data-dir", launch.dataDir().toString())).resolve("broker");
            try {
                // bound here, not by the context: this empty context has no settings
                // records, and a refusal must be the one line, exit 2
                security = BrokerSettings.from(BrokerProperties.bind(env), env);
            }
            catch (BindException e) {
                // the same line as a refused setting at any other start
                System.err.println("error in configuration: " + SettingsFailure.describe(e).orElse(e.getMessage()));
                return ExitCodes.BAD_USAGE;
            }
            catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.BAD_USAGE;
            }
        }
        EmbeddedBroker broker = new EmbeddedBroker(url, folder, security);
        try {
            EmbeddedBroker.listenAddress(url);
            broker.start();
        }
        catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_USAGE;
        }
        System.out.println("Broker for remote partitions listening on " + broker.where() + " (pid "
                + ProcessHandle.current().pid() + ")"
                + (security.secured() ? ", user and password required" : ", loopback only without a password")
                + (security.tls() ? ", TLS" : "") + "; stop it with SIGTERM");
        return awaitSigterm(broker);
    }

    /**
     * Once SIGTERM has started the JVM's shutdown, the exit status can no longer be
     * chosen by returning from main (it would be 143): the hook stops the broker and
     * halts with 0.
     */
    private static int awaitSigterm(EmbeddedBroker broker) {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int code = ExitCodes.COMPLETED;
            try {
                broker.destroy();
                System.out.println("SIGTERM: the broker has stopped");
            }
            catch (Exception e) {
                System.err.println("error: the broker did not stop cleanly: " + e.getMessage());
                code = ExitCodes.FAILED;
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }, "broker-stop"));
        try {
            forever.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.FAILED;
    }

    /**
     * An empty context: only the configuration files, the environment and the logging.
     */
    static final class Settings {

    }

}
