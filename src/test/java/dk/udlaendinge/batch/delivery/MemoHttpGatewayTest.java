package dk.udlaendinge.batch.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import dk.udlaendinge.batch.support.SettingsBinding;
import dk.udlaendinge.batch.support.TestCertificates;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * MeMo messages POSTed over HTTPS with a client certificate to a local receiver that
 * demands one (certificates made in the test): 2xx delivered, 503 retried, 400 refused
 * with the receiver's reason, a receiver that never recovers fails the delivery, no
 * client certificate fails at once.
 */
@SlowTest
class MemoHttpGatewayTest {

    private static final MailSettings.Retry FAST = new MailSettings.Retry(3, Duration.ofMillis(10), 1.0,
            Duration.ofMillis(10));

    private static final Pattern UUID_ELEMENT = Pattern.compile("<messageUUID>([^<]+)</messageUUID>");

    @TempDir
    static Path certDir;
    static TestCertificates certs;

    @TempDir
    Path docs;

    private HttpsServer server;

    /** Every POST the receiver got, by messageUUID. */
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    /** Scripted answers per UUID, taken in order; the last one repeats. */
    private final Map<String, List<Integer>> script = new ConcurrentHashMap<>();

    private final MemoComposer composer = new MemoComposer(new MessageComposer("a@b.dk", "test.example"), "1.2",
            "77940413", "Udlændingestyrelsen");

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.makeIn(certDir);
    }

    @BeforeEach
    void receiver() throws Exception {
        SSLContext ctx = certs.serverContext();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/memo", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        Matcher m = UUID_ELEMENT.matcher(body);
        String uuid = m.find() ? m.group(1) : "none";
        int n = received.computeIfAbsent(uuid, k -> new AtomicInteger()).incrementAndGet();
        List<Integer> answers = script.getOrDefault(uuid, List.of(200));
        int status = answers.get(Math.min(n, answers.size()) - 1);
        byte[] answer = (status == 400 ? "<Fejl>Modtageren 010190-1234 har ingen Digital Post-postkasse</Fejl>" : "ok")
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/memo");
    }

    /**
     * The client certificate as the application gets it: a Spring Boot SSL bundle by
     * name.
     */
    private SSLContext bundle() throws Exception {
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
        registry.registerBundle("memo", SslBundle.of(SslStoreBundle.of(certs.store("client.p12"),
                TestCertificates.PASSWORD, certs.store("client-trust.p12"))));
        return registry.getBundle("memo").createSslContext();
    }

    private MemoHttpGateway gateway(SSLContext ssl) {
        return new MemoHttpGateway(endpoint(), ssl, Duration.ofSeconds(10), Duration.ofSeconds(30), FAST);
    }

    private MemoMessage message(long noticeId) {
        return composer.toCitizen(MessageKeys.notice(noticeId), "Forlængelse af økonomisk sikkerhed", "010190-1234",
                Instant.parse("2026-12-07T06:30:00Z"),
                new MemoMessage.Document("brev", "Brev", Attachment.of("brev.pdf", "application/pdf", new byte[5000])),
                List.of());
    }

    @Test
    void everyMessageArrivesOnceRetriedAfter503AndARefusalCarriesTheReceiversReason() throws Exception {
        MemoHttpGateway gateway = gateway(bundle());
        MemoMessage ok = message(1);
        MemoMessage busy = message(2);
        MemoMessage refused = message(3);
        script.put(busy.uuid().toString(), List.of(503, 200));
        script.put(refused.uuid().toString(), List.of(400));

        gateway.deliver(ok, docs);
        gateway.deliver(busy, docs);
        assertThatThrownBy(() -> gateway.deliver(refused, docs)).isInstanceOf(MessageRefusedException.class)
            .hasMessageContaining("notice-3")
            .hasMessageContaining("HTTP 400")
            .hasMessageContaining("har ingen Digital Post-postkasse")
            .hasMessageNotContaining("010190-1234")
            .hasMessageNotContaining("0101901234");

        assertThat(received.get(ok.uuid().toString())).hasValue(1);
        assertThat(received.get(busy.uuid().toString())).hasValue(2); // 503, then 200
        assertThat(received.get(refused.uuid().toString())).hasValue(1); // a refusal is
                                                                         // not retried
        assertThat(contentTypes).allMatch(t -> t.startsWith("application/xml"));
    }

    @Test
    void aReceiverThatKeepsFailingFailsTheDeliveryAfterTheRetries() throws Exception {
        MemoHttpGateway gateway = gateway(bundle());
        MemoMessage m = message(4);
        script.put(m.uuid().toString(), List.of(503));
        assertThatThrownBy(() -> gateway.deliver(m, docs)).isInstanceOf(GatewayUnavailableException.class)
            .hasMessageContaining("after 3 attempt(s)")
            .hasMessageContaining("notice-4");
        assertThat(received.get(m.uuid().toString())).hasValue(3);
    }

    @Test
    void withoutAClientCertificateTheReceiverIsNotReachedAndNothingIsRetried() throws Exception {
        MemoHttpGateway gateway = gateway(certs.clientContext(null));
        assertThatThrownBy(() -> gateway.deliver(message(5), docs)).isInstanceOf(GatewayUnavailableException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void theHealthCheckShakesHandsAndSendsNothing() throws Exception {
        MemoHttpGateway gateway = gateway(bundle());
        gateway.probe();
        assertThat(received).isEmpty();
        // without a client certificate the handshake may complete (TLS 1.3), but the
        // probe says no
        assertThatThrownBy(gateway(certs.clientContext(null))::probe).isInstanceOf(IOException.class)
            .hasMessageContaining("app.digital-post.memo.ssl-bundle");
        assertThat(received).isEmpty();
        server.stop(0);
        assertThatThrownBy(gateway::probe).isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpOnlyToALoopbackAddressAndHttpsNeedsABundle() {
        assertThat(refusal("http://digitalpost.example/memo", null))
            .isEqualTo("app.digital-post.memo.endpoint must be an https:// address (plain http only to a loopback"
                    + " address such as 127.0.0.1), was http://digitalpost.example/memo");
        assertThat(refusal("https://digitalpost.example/memo", null))
            .startsWith("app.digital-post.memo.endpoint is https, so app.digital-post.memo.ssl-bundle must name");
        assertThat(bound("http://127.0.0.1:8080/memo", null).endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(bound("https://digitalpost.example/memo", "memo").sslBundle()).isEqualTo("memo");
    }

    private static java.util.Map<String, Object> endpoint(String endpoint, String bundle) {
        java.util.Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("app.digital-post.memo.endpoint", endpoint);
        if (bundle != null) {
            settings.put("app.digital-post.memo.ssl-bundle", bundle);
        }
        return settings;
    }

    private static String refusal(String endpoint, String bundle) {
        return SettingsBinding.refusal(DigitalPostSettings.class, endpoint(endpoint, bundle));
    }

    private static DigitalPostSettings.Memo bound(String endpoint, String bundle) {
        return SettingsBinding.bind(DigitalPostSettings.class, endpoint(endpoint, bundle)).memo();
    }

    private static DigitalPostSettings.Memo memo(String endpoint, String bundle) {
        return new DigitalPostSettings.Memo("1.2", "77940413", "Udlændingestyrelsen", URI.create(endpoint), bundle,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

}
