package dk.udlaendinge.batch.notice;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * {@link CrashRecoveryFunctionalTests} with {@code app.digital-post.transport: memo}: the
 * renewal job in a separate process POSTs MeMo messages to a receiver in this test (plain
 * http, which is accepted to a loopback address), is killed with SIGKILL mid-send and
 * restarted in another process (the test's own JVM). Every digital notice reaches the
 * receiver; only the documented window (a message taken but not yet recorded, at most one
 * per partition) goes twice, and then with the same messageUUID; the journal lists every
 * notice once. The municipality lists still go by mail (no CVR configured).
 */
@SlowTest
class MemoCrashRecoveryFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    private static final Pattern UUID_ELEMENT = Pattern.compile("<messageUUID>([^<]+)</messageUUID>");

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    private HttpServer receiver;

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    private final AtomicLong posts = new AtomicLong();

    /**
     * The receiver answers the first {@link #ANSWERED} messages; the next one it takes
     * and then holds without an answer until the test ends: the job stalls mid-send, so
     * the kill lands mid-send without a big registry (each due notice is a PDF rendered).
     */
    private static final int ANSWERED = 20;

    private final CountDownLatch stalled = new CountDownLatch(1);

    @AfterEach
    void stop() {
        stalled.countDown();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = UUID_ELEMENT.matcher(body);
        received.computeIfAbsent(m.find() ? m.group(1) : "none", k -> new AtomicInteger()).incrementAndGet();
        if (posts.incrementAndGet() > ANSWERED) {
            try {
                stalled.await(); // the receiver has it, the sender never hears so
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    @Test
    void killedMidSendThenRestartedDeliversEveryMessageOnceBeyondTheWindowWithTheSameUuid() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/memo", this::handle);
        receiver.start();

        Path data = tmp.resolve("data");
        TestDatabase db = TestDatabase.hsqldb(data);
        Path out = tmp.resolve("out");
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 150, 20141201);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        assertThat(digital).as("a registry big enough to kill the job mid-send").isGreaterThan(ANSWERED + 40);

        Map<String, String> props = OpsFixtures.props(db, data, out, SMTP_PORT);
        props.put("app.renewal.chunk-size", "15");
        props.put("app.digital-post.transport", "memo");
        props.put("app.digital-post.memo.endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/memo");
        OpsFixtures.Child run = OpsFixtures.start(props, tmp.resolve("logs"), "renewal", "renewal", "--run-date",
                RUN_DATE.toString());
        // a bound, not a pause: on a loaded machine the child JVM alone can take minutes
        // to start
        OpsFixtures.awaitTrue("the receiver holding a message", Duration.ofMinutes(6),
                () -> posts.get() > ANSWERED || !run.process().isAlive());
        assertThat(run.process().isAlive()).as("the job is still sending\n" + run.output()).isTrue();
        run.kill();
        stalled.countDown(); // its answer goes to a process that is gone
        assertThat(posts.get()).as("killed before all notices went out").isLessThan(digital);
        assertThat(run.process().exitValue()).as("SIGKILL").isEqualTo(137);

        // in this JVM, another process than the killed one: a child JVM would only
        // add its start-up
        OpsFixtures.Result restarted = OpsFixtures.cli(props, "restart");
        assertThat(restarted.code()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).contains("renewalNoticeJob execution 1: COMPLETED");

        // the receiver's messages, by the notice each UUID belongs to, counted as the
        // mail checks count
        // Message-IDs; the municipality lists as the SMTP server got them
        Map<String, Long> counts = new TreeMap<>(Mailbox.of(greenMail).countByMessageId());
        RunOutcome outcome = RunOutcome.read(db, out, RUN_DATE);
        Map<String, Long> byUuid = new TreeMap<>();
        received.forEach((uuid, n) -> byUuid.put(uuid, (long) n.get()));
        for (long noticeId : outcome.depositByNotice().keySet()) {
            String messageId = Mailbox.noticeMessageId(noticeId);
            Long n = byUuid
                .remove(UUID.nameUUIDFromBytes(("MeMo " + messageId).getBytes(StandardCharsets.UTF_8)).toString());
            if (n != null) {
                counts.put(messageId, n);
            }
        }
        assertThat(byUuid).as("messages that belong to no notice").isEmpty();
        // two partitions by default: at most one message of each in flight when the
        // process died
        outcome.assertExactlyOnce(due, exempt, new Mailbox(counts), 2);
        RunOutcome.assertOwnerOnly(out);

        // status: the send steps count what went by MeMo
        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.out()).as(status.toString()).contains("(by MeMo ");
    }

}
