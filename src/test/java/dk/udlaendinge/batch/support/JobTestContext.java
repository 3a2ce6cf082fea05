package dk.udlaendinge.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The one application context of the job tests that need nothing of their own: a test
 * class extends this and declares no properties, so Spring's test context cache builds
 * the context once and hands it to every such class (a class that adds a property source
 * gets a context of its own, as the PostgreSQL variants do). The tests share the database
 * and the folders, so each keeps to its own data: its own job, quota year or table. The
 * SMTP server's fixed port is {@link SmtpTestServer#SPRING_TEST_PORT}; a test that sends
 * declares {@code SmtpTestServer.perTest(SmtpTestServer.SPRING_TEST_PORT)}.
 */
@JobFunctionalTest
@TestPropertySource(properties = { "spring.config.location=classpath:/application.yml", // never
                                                                                        // the
                                                                                        // operator's
                                                                                        // ./config/application.yml
        "spring.mail.host=localhost", "spring.mail.port=" + SmtpTestServer.SPRING_TEST_PORT_PLACEHOLDER,
        "logging.level.com.icegreen=WARN",
        // as in production: without TCP_NODELAY every SMTP message stalls about 40 ms
        "spring.mail.properties[mail.smtp.socketFactory.class]=dk.udlaendinge.batch.delivery.NoDelaySocketFactory",
        "spring.mail.properties[mail.smtp.socketFactory.fallback]=false", "app.mail.retry.max-attempts=1" })
public abstract class JobTestContext {

    /**
     * Called once for each context Spring builds: each context gets folders of its own,
     * so the PostgreSQL variant of a test never sees the files of the HSQLDB one.
     */
    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        Path root = Path.of("target", "job-tests-" + System.nanoTime()).toAbsolutePath();
        try {
            // the application makes app.data-dir and app.output-dir, but not the folder
            // they sit in
            Files.createDirectories(root);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("app.data-dir", () -> root.resolve("data").toString());
        registry.add("app.output-dir", () -> root.resolve("out").toString());
    }

}
