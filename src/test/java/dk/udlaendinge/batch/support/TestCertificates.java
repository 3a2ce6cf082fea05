package dk.udlaendinge.batch.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server and a client certificate made for one test with the JDK's {@code keytool} (no
 * network, no library): {@code server.p12} (CN=localhost, SAN 127.0.0.1 and localhost)
 * and {@code client.p12}, each trusting the other's certificate in
 * {@code server-trust.p12} / {@code client-trust.p12}.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates makeIn(Path dir) throws IOException, InterruptedException {
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", "server.p12",
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Udlaendingestyrelsen test, O=77940413", "-validity", "2", "-keystore", "client.p12", "-storetype",
                "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-exportcert", "-alias", "server", "-keystore", "server.p12", "-storepass", PASSWORD, "-file",
                "server.crt");
        keytool(dir, "-exportcert", "-alias", "client", "-keystore", "client.p12", "-storepass", PASSWORD, "-file",
                "client.crt");
        keytool(dir, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore",
                "client-trust.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore",
                "server-trust.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificates(dir);
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    public KeyStore store(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    /** The server's context: its own key, trusting only the client certificate. */
    public SSLContext serverContext() throws Exception {
        return context(store("server.p12"), store("server-trust.p12"));
    }

    /**
     * A client context with {@code keyStore} (null: no client certificate), trusting the
     * server.
     */
    public SSLContext clientContext(KeyStore keyStore) throws Exception {
        return context(keyStore, store("client-trust.p12"));
    }

    private static SSLContext context(KeyStore keys, KeyStore trust) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

}
