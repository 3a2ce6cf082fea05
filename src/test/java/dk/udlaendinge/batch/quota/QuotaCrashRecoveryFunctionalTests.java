package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.quota.QuotaRequests;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The quota job goes through the same launch path as every job: killed with SIGKILL while
 * it sends the municipality workbooks, the very same command recovers the stale execution
 * and finishes it (exit 0) instead of refusing it as "already running" for ever.
 */
@SlowTest
class QuotaCrashRecoveryFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @Test
    void killedWhileSendingTheSameCommandRecoversAndSendsEveryWorkbookOnce() throws IOException {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        OpsFixtures.createRegistry(data, 10, 1);
        Path statistics = tmp.resolve("statistics-2015.csv");
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            Files.copy(in, statistics);
        }
        String[] command = { "quota", "--year", "2015", "--national-figure", "4000", "--statistics",
                statistics.toString() };

        try (FaultyLink slowGateway = new FaultyLink(SMTP_PORT).throttle(Duration.ofMillis(30))) {
            Map<String, String> slow = OpsFixtures.props(data, out, slowGateway.port());
            OpsFixtures.Child first = OpsFixtures.start(slow, tmp.resolve("logs"), "quota", command);
            try {
                // a bound, not a pause: on a loaded machine the child JVM alone can take
                // minutes to start (2 minutes timed out here beside three other test
                // runs)
                OpsFixtures.awaitTrue("the first workbooks at the SMTP server", Duration.ofMinutes(6),
                        () -> greenMail.getReceivedMessages().length >= 5 || !first.process().isAlive());
                // held, the send stalls: the kill lands mid-send however late this thread
                // saw the count
                slowGateway.hold();
                assertThat(first.process().isAlive()).as("the quota job is still sending\n" + first.output()).isTrue();
                first.kill();
            }
            finally {
                slowGateway.cut(); // the held connection goes, and with it what it held
                slowGateway.release();
            }
            assertThat(first.process().exitValue()).as("SIGKILL").isEqualTo(137);
        }
        int atKill = greenMail.getReceivedMessages().length;
        assertThat(atKill).as("killed before every municipality had its workbook").isLessThan(98);

        Map<String, String> props = OpsFixtures.props(data, out, SMTP_PORT);
        OpsFixtures.Result again = OpsFixtures.cli(props, command);
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("quotaWorkbookJob execution 1: COMPLETED")
            .contains("Quota 2015 revision 1", "98 municipality messages");
        assertThat(again.all()).doesNotContain("already running");

        Mailbox mail = Mailbox.of(greenMail);
        assertThat(mail.countByMessageId().keySet()).as("one message per municipality").hasSize(98);
        assertThat(mail.duplicates()).as("only the message in flight at the kill may be resent")
            .hasSizeLessThanOrEqualTo(1);

        // and once more: nothing new to do
        OpsFixtures.Result third = OpsFixtures.cli(props, command);
        assertThat(third.code()).as(third.toString()).isZero();
        assertThat(third.out()).contains("nothing changed");
        assertThat(greenMail.getReceivedMessages())
            .hasSize(mail.countByMessageId().values().stream().mapToInt(Long::intValue).sum());
    }

}
