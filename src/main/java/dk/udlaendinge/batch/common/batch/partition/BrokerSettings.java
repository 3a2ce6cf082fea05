package dk.udlaendinge.batch.common.batch.partition;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * What the broker this process starts ({@code ./run.sh broker},
 * {@code app.renewal.embedded-broker}) needs beyond its address (README, "Several
 * machines"):
 * <ul>
 * <li>{@code spring.artemis.user} and {@code spring.artemis.password}, the same ones
 * every node connects with: the broker admits no one else. Without them it listens on a
 * loopback address only (one host, no one else on the network); on any other address it
 * refuses to start.</li>
 * <li>{@code app.broker.key-store} and {@code app.broker.key-store-password}: a key store
 * (PKCS12 or JKS) with the broker's key and certificate, for TLS. The nodes then connect
 * with
 * {@code spring.artemis.broker-url: tcp://HOST:PORT?sslEnabled=true&verifyHost=true},
 * trusting the certificate through {@code trustStorePath}/{@code trustStorePassword} in
 * the URL or Java's {@code javax.net.ssl.trustStore}.</li>
 * <li>{@code app.broker.max-delivery-attempts}: how often one request is offered before
 * the broker moves it to the dead-letter queue {@value PartitionRequest#DEAD_LETTERS}; a
 * request no worker can take never circles for ever.</li>
 * </ul>
 * The {@code app.broker.*} keys are bound and checked by {@link BrokerProperties}.
 */
public record BrokerSettings(String user, String password, Path keyStore, String keyStorePassword,
        int maxDeliveryAttempts) {

    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 5;

    public BrokerSettings {
        user = blankToNull(user);
        password = blankToNull(password);
        keyStorePassword = blankToNull(keyStorePassword);
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("set both spring.artemis.user and spring.artemis.password"
                    + " (SPRING_ARTEMIS_USER, SPRING_ARTEMIS_PASSWORD) for the broker, or neither");
        }
        // the bounds of app.broker.max-delivery-attempts are BrokerProperties'
        // constraints
        if (keyStore != null && !Files.isReadable(keyStore)) {
            throw new IllegalArgumentException("app.broker.key-store " + keyStore + " cannot be read: give the"
                    + " broker's key store (PKCS12 or JKS) there");
        }
    }

    /** No credentials, no TLS: a broker on a loopback address only. */
    public static BrokerSettings open() {
        return new BrokerSettings(null, null, null, null, DEFAULT_MAX_DELIVERY_ATTEMPTS);
    }

    /**
     * Boot's {@code spring.artemis.user}/{@code password} from {@code env} with the
     * application's {@code app.broker.*}, already bound and checked.
     */
    public static BrokerSettings from(BrokerProperties app, Environment env) {
        return new BrokerSettings(env.getProperty("spring.artemis.user"), env.getProperty("spring.artemis.password"),
                blankToNull(app.keyStore()) == null ? null : Path.of(app.keyStore().strip()), app.keyStorePassword(),
                app.maxDeliveryAttempts());
    }

    public boolean secured() {
        return user != null;
    }

    public boolean tls() {
        return keyStore != null;
    }

    /**
     * The broker may listen on {@code uri}'s host with these settings: an address other
     * hosts reach needs the user and password, and a URL that asks for TLS needs the key
     * store.
     */
    void requireSafeToListen(URI uri, String brokerUrl) {
        if (!secured() && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("the broker would listen on " + uri.getHost() + ":" + uri.getPort()
                    + ", which other hosts reach, without a password: set spring.artemis.user and spring.artemis.password"
                    + " (SPRING_ARTEMIS_USER, SPRING_ARTEMIS_PASSWORD) for the broker and every node, or listen on"
                    + " localhost only");
        }
        String url = brokerUrl.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        if (!tls() && url.matches(".*[?&;]sslenabled=true([&;].*)?")) {
            throw new IllegalArgumentException(
                    "spring.artemis.broker-url asks for TLS (sslEnabled=true), but the broker"
                            + " has no key store: set app.broker.key-store and app.broker.key-store-password");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "BrokerSettings[user=" + user + ", password=" + (password == null ? null : "***") + ", keyStore="
                + keyStore + ", maxDeliveryAttempts=" + maxDeliveryAttempts + "]";
    }
}
