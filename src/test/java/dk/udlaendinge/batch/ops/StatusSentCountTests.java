package dk.udlaendinge.batch.ops;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * After a send step failed part-way through a chunk, {@code status} says how many notices
 * really went out: the chunk's write count is rolled back, but every notice sent was
 * recorded.
 */
@SlowTest
class StatusSentCountTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    private static final Pattern PARTITION_LINE = Pattern
        .compile(OpsFixtures.SEND_WORKER + ":\\S+\\s+[A-Z]+\\s+read \\d+, written (\\d+), .*, sent (\\d+)");

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @Test
    void statusCountsTheNoticesSentBeforeAChunkFailed() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // enough notices that each partition still has some to send when the gateway goes
        // away after 20 messages: about 100 digital notices, some 50 a partition (each
        // one a PDF rendered, this test's main cost; today's rules notice about half the
        // generated deposits: docs/RENEWAL-RULES.md)
        OpsFixtures.createRegistry(data, 200, 11);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        // GreenMail prints a message cut mid-way to stderr from its own thread: not our
        // output
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err
            .println("test SMTP server thread " + thread.getName() + " ended: " + e.getClass().getSimpleName()));
        OpsFixtures.Result status;
        // the gateway goes away in the middle of the 21st message, whichever partition
        // sends it: every
        // partition's one chunk is then cut short, however fast or slow this machine is
        try (FaultyLink link = new FaultyLink(SMTP_PORT).cutAfterMessages(20)) {
            Map<String, String> props = OpsFixtures.props(data, out, link.port());
            // one chunk holds every notice of a partition: its write count stays 0 when
            // it fails
            props.put("app.renewal.chunk-size", "1000");
            CompletableFuture<OpsFixtures.Result> run = CompletableFuture
                .supplyAsync(() -> OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString()));
            OpsFixtures.Result failed = run.get(4, TimeUnit.MINUTES);
            assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
            status = OpsFixtures.cli(props, "status");
        }
        finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(status.code()).as(status.toString()).isZero();

        long recorded = OpsFixtures.withDb(data,
                jdbc -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM renewal_notice WHERE status = 'SENT' AND sent_run_date = ?", Long.class,
                        Date.valueOf(RUN_DATE)));
        assertThat(recorded).as("notices recorded as sent before the failure").isPositive();
        Matcher m = PARTITION_LINE.matcher(status.out());
        long written = 0;
        long sent = 0;
        int partitions = 0;
        while (m.find()) {
            written += Long.parseLong(m.group(1));
            sent += Long.parseLong(m.group(2));
            partitions++;
        }
        assertThat(partitions).as("failed send partitions in\n" + status.out()).isPositive();
        assertThat(sent).as("the partitions' sent counts in status\n" + status.out()).isEqualTo(recorded);
        assertThat(written).as("the rolled-back write counts").isLessThan(recorded);
        assertThat(status.out()).as(status.out()).containsPattern("sendNotices\\s+FAILED .*, sent " + recorded);
        List<String> lines = status.out().lines().filter(l -> l.contains("sendNoticesPartition")).toList();
        assertThat(lines).isNotEmpty();
    }

}
