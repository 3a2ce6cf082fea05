package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code ./run.sh daemon} as a separate process: it serves the console at the address it
 * prints, and {@code ./run.sh status}, refused while the daemon holds the embedded
 * database, names that address instead of only refusing. Other commands stay without a
 * web server.
 */
@SlowTest
class DaemonConsoleTests {

    private static final Pattern ADDRESS = Pattern.compile("Console: (http://127\\.0\\.0\\.1:(\\d+)/) \\(1 user\\)");

    @TempDir
    Path tmp;

    @Test
    void statusWhileTheDaemonHoldsTheDatabaseNamesTheConsolesAddress() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        OpsFixtures.createRegistry(data, 5, 3);
        Map<String, String> props = OpsFixtures.props(data, out, null);
        props.put("server.port", "0");
        props.put("app.schedule.renewal-cron", "-");
        props.put("app.console.users[0].name", "vagt");
        props.put("app.console.users[0].password-hash", new BCryptPasswordEncoder(4).encode("a long enough password"));
        props.put("app.console.users[0].role", "OPERATOR");
        OpsFixtures.Child daemon = OpsFixtures.start(props, tmp.resolve("logs"), "daemon", "daemon");
        try {
            // a limit, not a wait: the line comes as soon as the daemon has started, and
            // at a load of 40 on two cores (the helpers' parallel runs) it took over 2
            // minutes
            OpsFixtures.awaitTrue("the daemon's console line", Duration.ofMinutes(5),
                    () -> !daemon.process().isAlive() || ADDRESS.matcher(daemon.output().out()).find());
            Matcher m = ADDRESS.matcher(daemon.output().out());
            assertThat(m.find()).as(daemon.output().toString()).isTrue();
            String url = m.group(1);

            HttpResponse<String> login = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url + "login")).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("udlaendinge-batch console").contains("_csrf");

            OpsFixtures.Result status = OpsFixtures.cli(OpsFixtures.props(data, out, null), "status");
            assertThat(status.code()).as(status.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(status.err()).contains("is running 'daemon'")
                .contains("Its console shows the executions and their progress at " + url);
        }
        finally {
            daemon.process().destroy();
            daemon.await(Duration.ofMinutes(2));
        }
    }

}
