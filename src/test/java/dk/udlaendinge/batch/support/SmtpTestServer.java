package dk.udlaendinge.batch.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The one way tests declare their SMTP server: a real one (GreenMail) on localhost, as a JUnit
 * extension ({@code @RegisterExtension static final GreenMailExtension smtp = SmtpTestServer.perTest(port)}).
 *
 * <p>Tests that start the application in their own process or context give it the port
 * themselves: a free port where the port is handed over before the server starts (the command-line
 * tests), or one of the fixed ports below for a {@code @SpringBootTest}, whose context is built
 * before the extension starts (so the port must be known in advance; the test lock keeps two
 * builds from using it at once).
 */
public final class SmtpTestServer {

    /** The fixed port of the {@code @SpringBootTest} job tests that start a server for each test. */
    public static final int SPRING_TEST_PORT = 3025;
    /** The fixed port of the renewal job's tests, which keep one server for the whole class. */
    public static final int SHARED_PORT = 3125;

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
