package dk.udlaendinge.batch.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The one way tests declare their SMTP server: a real one (GreenMail) on localhost, as a
 * JUnit extension
 * ({@code @RegisterExtension static final GreenMailExtension smtp = SmtpTestServer.perTest(port)}).
 *
 * <p>
 * Tests that start the application in their own process or context give it the port
 * themselves: a free port where the port is handed over before the server starts (the
 * command-line tests), or one of the fixed ports below for a {@code @SpringBootTest},
 * whose context is built before the extension starts (so the port must be known in
 * advance). The build runs test classes in two JVMs at once (surefire's
 * {@code forkCount}); each JVM gets its own pair of fixed ports from the build
 * ({@code udl.test.smtp-port}, {@code udl.test.smtp-shared-port}, made from surefire's
 * fork number), so two forks never share one. A test run outside Maven gets 3025 and
 * 3125.
 */
public final class SmtpTestServer {

    /**
     * Spring's placeholders for the two ports, for {@code @TestPropertySource} (same
     * defaults).
     */
    public static final String SPRING_TEST_PORT_PLACEHOLDER = "${udl.test.smtp-port:3025}";

    public static final String SHARED_PORT_PLACEHOLDER = "${udl.test.smtp-shared-port:3125}";

    private static final String SPRING_TEST_PORT_PROPERTY = "udl.test.smtp-port";

    private static final String SHARED_PORT_PROPERTY = "udl.test.smtp-shared-port";

    /**
     * The fixed port of the {@code @SpringBootTest} job tests that start a server for
     * each test.
     */
    public static final int SPRING_TEST_PORT = Integer.getInteger(SPRING_TEST_PORT_PROPERTY, 3025);

    /**
     * The fixed port of the renewal job's tests, which keep one server for the whole
     * class.
     */
    public static final int SHARED_PORT = Integer.getInteger(SHARED_PORT_PROPERTY, 3125);

    private SmtpTestServer() {
    }

    /** A fresh, empty server for each test method. */
    public static GreenMailExtension perTest(int port) {
        return new GreenMailExtension(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
    }

    /** One server for all the tests of a class; each test tells its own mails apart. */
    public static GreenMailExtension perClass(int port) {
        return perTest(port).withPerMethodLifecycle(false);
    }

}
