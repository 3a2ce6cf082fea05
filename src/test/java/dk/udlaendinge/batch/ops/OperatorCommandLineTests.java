package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * What an operator meets on the command line around the daemon and at start-up:
 * {@code stop} of an execution the daemon has finished leaves the daemon serving, and a
 * configuration error or a busy port is one line, as the README promises. Each runs the
 * application as a separate JVM.
 */
@SlowTest
class OperatorCommandLineTests {

    private static final Pattern ADDRESS = Pattern.compile("Console: (http://127\\.0\\.0\\.1:(\\d+)/) \\(1 user\\)");

    private static final Pattern COMPLETED = Pattern.compile("renewalNoticeJob execution (\\d+): COMPLETED");

    @TempDir
    Path tmp;

    /**
     * The daemon runs one renewal to completion on its schedule and stays idle: its run
     * file no longer names that execution, {@code stop} of it says it is not running
     * (exit 2) and signals nobody, and the daemon still serves its console afterwards.
     * The refusal of {@code status} tells nobody to wait for the daemon to finish.
     */
    @Test
    void stopOfAnExecutionTheDaemonHasFinishedLeavesTheDaemonServing() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        OpsFixtures.createRegistry(data, 5, 3);
        Map<String, String> props = daemonProps(data, out);
        // every two seconds: the first firing runs today's renewal, later ones find it
        // completed
        props.put("app.schedule.renewal-cron", "*/2 * * * * *");
        OpsFixtures.Child daemon = OpsFixtures.start(props, tmp.resolve("logs"), "daemon", "daemon");
        try {
            OpsFixtures.awaitTrue("the daemon's first completed renewal", Duration.ofMinutes(3),
                    () -> !daemon.process().isAlive() || COMPLETED.matcher(daemon.output().out()).find());
            Matcher done = COMPLETED.matcher(daemon.output().out());
            assertThat(done.find()).as(daemon.output().toString()).isTrue();
            long execution = Long.parseLong(done.group(1));
            Matcher address = ADDRESS.matcher(daemon.output().out());
            assertThat(address.find()).as(daemon.output().toString()).isTrue();
            String url = address.group(1);

            // the run file names no execution once it has ended
            assertThat(OpsFixtures.runningExecution(data, daemon.pid())).isNull();

            OpsFixtures.Result stop = OpsFixtures.cli(OpsFixtures.props(data, out, null), "stop",
                    Long.toString(execution));
            assertThat(stop.code()).as(stop.toString()).isEqualTo(ExitCodes.BAD_USAGE);
            assertThat(stop.out()).contains("Execution " + execution + " is not running")
                .doesNotContain("Stopped", "restart");

            assertThat(daemon.process().isAlive()).as(daemon.output().toString()).isTrue();
            HttpResponse<String> login = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url + "login")).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("udlaendinge-batch console");

            OpsFixtures.Result status = OpsFixtures.cli(OpsFixtures.props(data, out, null), "status");
            assertThat(status.code()).as(status.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(status.err()).contains("is running 'daemon'", url)
                .doesNotContain("stop " + execution, "Wait", "finish");
            assertThat(daemon.process().isAlive()).isTrue();
        }
        finally {
            daemon.process().destroy();
            daemon.await(Duration.ofMinutes(2));
        }
    }

    /**
     * A console user whose hash is not a bcrypt hash: one line on stderr, nothing on
     * stdout, exit 2.
     */
    @Test
    void aBadPasswordHashIsOneLine() {
        Map<String, String> props = daemonProps(tmp.resolve("data"), tmp.resolve("out"));
        props.put("app.console.users[0].password-hash", "not-a-hash");
        OpsFixtures.Result result = OpsFixtures.start(props, tmp.resolve("logs"), "daemon", "daemon")
            .await(Duration.ofMinutes(3));
        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err().lines()).as(result.toString())
            .hasSize(1)
            .allMatch(l -> l.startsWith("error in configuration: app.console.users[0].password-hash"));
    }

    /**
     * The console's port taken by another program: one line naming the port and the
     * setting, exit 2.
     */
    @Test
    void aBusyPortIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> props = daemonProps(tmp.resolve("data"), tmp.resolve("out"));
            props.put("server.port", Integer.toString(taken.getLocalPort()));
            OpsFixtures.Result result = OpsFixtures.start(props, tmp.resolve("logs"), "daemon", "daemon")
                .await(Duration.ofMinutes(3));
            assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.BAD_USAGE);
            assertThat(result.out()).as(result.toString()).isEmpty();
            assertThat(result.err().lines()).as(result.toString())
                .containsExactly("error: port " + taken.getLocalPort()
                        + " (server.port, env SERVER_PORT) is in use by another program; stop that program, or set"
                        + " server.port to a free port");
        }
    }

    /**
     * The old name of app.digital-post.limit is gone: set beside the shipped
     * app.digital-post.limit it could only conflict. Set, it stops the start with one
     * line naming the new key.
     */
    @Test
    void theOldDigitalPostLimitNameIsRefusedNamingTheNewOne() {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, 1, 1);
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), null);
        props.put("app.renewal.digital-post-limit", "5MB");
        OpsFixtures.Result result = OpsFixtures.cli(props, "status");
        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(result.err().lines()).as(result.toString())
            .containsExactly("error in configuration:"
                    + " app.renewal.digital-post-limit is no longer read; set app.digital-post.limit"
                    + " (env APP_DIGITALPOST_LIMIT) instead and remove the old name");
    }

    private static Map<String, String> daemonProps(Path data, Path out) {
        Map<String, String> props = OpsFixtures.props(data, out, null);
        props.put("server.port", "0");
        props.put("app.schedule.renewal-cron", "-");
        props.put("app.console.users[0].name", "vagt");
        props.put("app.console.users[0].password-hash", new BCryptPasswordEncoder(4).encode("a long enough password"));
        props.put("app.console.users[0].role", "OPERATOR");
        return props;
    }

}
