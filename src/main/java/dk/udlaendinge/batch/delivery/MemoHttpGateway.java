package dk.udlaendinge.batch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dk.udlaendinge.batch.common.Meters;

/**
 * MeMo messages POSTed ({@code Content-Type: application/xml}) to the receiver at
 * {@code app.digital-post.memo.endpoint} with Spring's {@link RestClient} on the JDK's
 * HTTP client, over HTTPS with the client certificate of a Spring Boot SSL bundle (the
 * receiver knows the agency by it). Each message is streamed from its files as it is
 * sent, never held whole in memory.
 * <ul>
 * <li>2xx: delivered.</li>
 * <li>408, 429, 5xx, a connection refused or dropped: transient, retried with the
 * back-off of {@code app.mail.retry}; when the retries are spent the step fails
 * ({@link GatewayUnavailableException}), as for a mail gateway outage, and a restart
 * resends.</li>
 * <li>Any other 4xx: this message is refused ({@link MessageRefusedException}); the
 * notice is skipped with the status and the receiver's reason.</li>
 * <li>A TLS failure (certificate not trusted, client certificate refused) is not
 * transient: it fails at once, naming the setting to check.</li>
 * </ul>
 */
public final class MemoHttpGateway implements MemoGateway {

    private static final Logger log = LoggerFactory.getLogger(MemoHttpGateway.class);

    private static final int REASON_CHARS = 200;

    private final URI endpoint;

    private final SSLContext ssl;

    private final Duration connectTimeout;

    private final RestClient client;

    private final RetryTemplate retry;

    private final int maxAttempts;

    private final String description;

    /**
     * {@code ssl} null only for plain http to a loopback address (checked by the
     * settings).
     */
    public MemoHttpGateway(URI endpoint, SSLContext ssl, Duration connectTimeout, Duration readTimeout,
            MailSettings.Retry settings) {
        this.endpoint = endpoint;
        this.ssl = ssl;
        this.connectTimeout = connectTimeout;
        this.description = "MeMo receiver " + endpoint.getScheme() + "://" + endpoint.getHost() + ":" + port(endpoint);
        HttpClient.Builder http = HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            http.sslContext(ssl);
        }
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http.build());
        factory.setReadTimeout(readTimeout);
        this.client = RestClient.builder().requestFactory(factory).build();
        this.maxAttempts = settings.maxAttempts();
        RetryPolicy policy = GatewayRetry.backOff(settings).includes(TransientFailure.class).build();
        this.retry = GatewayRetry.template(policy, name -> {
            log.warn("{} did not take MeMo message {}; retrying with back-off", description, name);
            Meters.mailRetried(Meters.MEMO);
        });
    }

    @Override
    public void deliver(MemoMessage message, Path outboxDir) {
        try {
            retry.execute(new Retryable<Void>() {
                @Override
                public Void execute() throws TransientFailure {
                    post(message);
                    return null;
                }

                @Override
                public String getName() {
                    return message.key() + " (" + message.uuid() + ")";
                }
            });
            Meters.mailSent(Meters.MEMO);
        }
        catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            if (last instanceof MessageRefusedException refused) {
                Meters.mailRefused(Meters.MEMO);
                throw refused;
            }
            Meters.mailFailed(Meters.MEMO);
            if (last instanceof TlsFailure tls) {
                throw new GatewayUnavailableException(
                        description + " " + tls.getMessage() + "; message " + message.key() + " was not sent");
            }
            throw new GatewayUnavailableException(description + " did not accept message " + message.key() + " after "
                    + maxAttempts + " attempt(s) (" + (last == null ? "unknown error" : last.getMessage())
                    + "); check the receiver, then run ./run.sh restart");
        }
    }

    private void post(MemoMessage message) throws TransientFailure {
        StreamingHttpOutputMessage.Body body = out -> MemoWriter.write(message, out);
        Answer answer;
        try {
            answer = client.post()
                .uri(endpoint)
                .contentType(MediaType.APPLICATION_XML)
                .body(body)
                .exchange(
                        (request, response) -> new Answer(response.getStatusCode().value(), reason(response.getBody())),
                        true);
        }
        catch (ResourceAccessException e) {
            if (tls(e)) {
                throw new TlsFailure();
            }
            throw new TransientFailure(
                    e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new TransientFailure("HTTP " + status);
        }
        throw new MessageRefusedException(message.key(), status, answer.reason());
    }

    /**
     * Opens a connection to the receiver, with TLS and the client certificate for https,
     * completes the handshake and closes it again, sending nothing: the health check.
     */
    @Override
    public void probe() throws IOException {
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), port(endpoint));
        try (Socket plain = new Socket()) {
            plain.connect(address, (int) connectTimeout.toMillis());
            if (ssl == null) {
                return;
            }
            try (SSLSocket tls = (SSLSocket) ssl.getSocketFactory()
                .createSocket(plain, endpoint.getHost(), port(endpoint), false)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.setSoTimeout((int) connectTimeout.toMillis());
                tls.startHandshake();
                // under TLS 1.3 the receiver judges the client certificate after the
                // client's side of
                // the handshake is done, so a probe without one would look fine: say so
                // here instead
                if (tls.getSession().getLocalCertificates() == null) {
                    throw new SSLHandshakeException("the TLS handshake with " + description + " sent no client"
                            + " certificate: the receiver did not ask for one, or the keystore of"
                            + " app.digital-post.memo.ssl-bundle holds no key for it");
                }
            }
        }
    }

    @Override
    public String description() {
        return description;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean tls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The receiver's reason, for the skip record and status: the start of its answer on
     * one line, anything that looks like a CPR number masked (a receiver may quote the
     * recipient).
     */
    static String reason(InputStream body) {
        if (body == null) {
            return "";
        }
        try (InputStream in = body) {
            String text = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            text = text.replaceAll("<[^>]{0,200}>", " ")
                .replaceAll("\\p{Cntrl}", " ")
                .replaceAll("\\d{6}-?\\d{4}", "**********")
                .replaceAll("\\s+", " ")
                .strip();
            return text.length() <= REASON_CHARS ? text : text.substring(0, REASON_CHARS) + "…";
        }
        catch (IOException e) {
            return "";
        }
    }

    private record Answer(int status, String reason) {
    }

    /** A failure worth another attempt: the message may well be taken then. */
    static class TransientFailure extends Exception {

        TransientFailure(String what) {
            super(what);
        }

    }

    /** Not transient, but never retried either: the TLS set-up is wrong. */
    static final class TlsFailure extends RuntimeException {

        TlsFailure() {
            super("could not be reached over TLS (is its certificate trusted, and is the client certificate of"
                    + " app.digital-post.memo.ssl-bundle the one the receiver expects? See docs/DIGITAL-POST.md)");
        }

    }

}
