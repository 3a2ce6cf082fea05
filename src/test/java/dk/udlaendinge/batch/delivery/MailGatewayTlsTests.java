package dk.udlaendinge.batch.delivery;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Credentials never go to the mail gateway in clear: with spring.mail.username set, a
 * real SMTP server that offers no STARTTLS (GreenMail's plain SMTP) gets no AUTH and no
 * letter, and the run fails naming the gateway and the fix. Only the documented opt-out
 * (app.mail.allow-plaintext-auth) sends over plain SMTP.
 */
@SlowTest
class MailGatewayTlsTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    private static final String PASSWORD = "s3cret-gateway-password";

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT)
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("batch", PASSWORD));

    /**
     * Seed 1803's first ten deposits: four notices by Digital Post, enough to show that
     * mail went out or not; each due notice renders a letter, a run's main cost (100
     * deposits rendered about 50 a run).
     */
    private static final int DEPOSITS = 10;

    @TempDir
    Path tmp;

    @Test
    void withCredentialsAGatewayWithoutStarttlsGetsNothingUnlessPlaintextIsAllowedExplicitly() {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, DEPOSITS, 1803);
        Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), SMTP_PORT);
        props.put("spring.mail.username", "batch");
        props.put("spring.mail.password", PASSWORD);

        OpsFixtures.Result refused = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.all()).as(refused.toString())
            .contains("SMTP gateway localhost:" + SMTP_PORT + " does not offer STARTTLS")
            .contains("app.mail.allow-plaintext-auth")
            .doesNotContain(PASSWORD);
        assertThat(greenMail.getReceivedMessages()).as("nothing went out in clear").isEmpty();

        props.put("app.mail.allow-plaintext-auth", "true");
        OpsFixtures.Result allowed = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(allowed.code()).as(allowed.toString()).isZero();
        assertThat(greenMail.getReceivedMessages()).as("the operator allowed plain SMTP").isNotEmpty();
    }

    /**
     * Issue 20: without credentials too, letters never cross a network in clear. A
     * gateway on this machine's network address (not loopback) that offers no STARTTLS
     * gets nothing, unless app.mail.allow-plaintext says so; a relay on a loopback
     * address needs no STARTTLS (every other test sends to GreenMail on localhost that
     * way).
     */
    @Test
    void withoutCredentialsAGatewayAcrossTheNetworkWithoutStarttlsGetsNothingUnlessAllowed() throws Exception {
        String address = nonLoopbackAddress();
        Assumptions.assumeTrue(address != null, "this machine has no non-loopback address");
        int port = OpsFixtures.freePort();
        GreenMail network = new GreenMail(new ServerSetup(port, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
        network.start();
        try {
            Path data = tmp.resolve("data");
            OpsFixtures.createRegistry(data, DEPOSITS, 1803);
            Map<String, String> props = OpsFixtures.props(data, tmp.resolve("out"), port);
            props.put("spring.mail.host", address);

            OpsFixtures.Result refused = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
            assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.all()).contains("does not offer STARTTLS").contains("app.mail.allow-plaintext");
            assertThat(network.getReceivedMessages()).as("nothing went out in clear").isEmpty();

            props.put("app.mail.allow-plaintext", "true");
            OpsFixtures.Result allowed = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
            assertThat(allowed.code()).as(allowed.toString()).isZero();
            assertThat(network.getReceivedMessages()).as("the operator allowed plain SMTP").isNotEmpty();
        }
        finally {
            network.stop();
        }
    }

    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }

}
