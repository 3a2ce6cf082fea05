package dk.udlaendinge.batch.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Chooses the gateway: SMTP when spring.mail.host is set, else the outbox folder. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    MailGateway mailGateway(ObjectProvider<JavaMailSender> sender, ObjectProvider<MailProperties> mail,
            MailSettings settings) {
        MailProperties props = mail.getIfAvailable();
        JavaMailSender javaMail = sender.getIfAvailable();
        if (props != null && StringUtils.hasText(props.getHost()) && javaMail instanceof JavaMailSenderImpl impl) {
            requireTls(impl, settings.allowPlaintextAuth(), settings.allowPlaintext());
            SmtpGateway gateway = new SmtpGateway(impl, settings.retry());
            log.info("Digital Post goes through {}", gateway.description());
            return gateway;
        }
        log.info("No mail gateway configured (spring.mail.host): Digital Post messages go to the outbox folder");
        return new OutboxGateway();
    }

    /**
     * Checks every configured municipality mailbox at start: a bad one stops the
     * application here.
     */
    @Bean
    MunicipalMailboxes municipalMailboxes(MailSettings mail) {
        return new MunicipalMailboxes(mail.municipalityAddressPattern(), mail.municipalityAddresses(),
                mail.municipalities());
    }

    @Bean
    MunicipalShipments municipalShipments(MailGateway gateway, MessageComposer composer, JdbcTemplate jdbc,
            PlatformTransactionManager tx, MunicipalMailboxes mailboxes, DigitalPostLimits limits, Clock clock,
            DigitalPostSettings digitalPost, MemoComposer memoComposer, MemoGateway memoGateway) {
        MunicipalShipments shipments = new MunicipalShipments(gateway, composer, jdbc, tx, mailboxes, limits, clock);
        return digitalPost.memoTransport() ? shipments.withMemo(memoComposer, memoGateway) : shipments;
    }

    /**
     * The Digital Post limits through time (docs/RENEWAL-RULES.md §5), or the one
     * override.
     */
    @Bean
    DigitalPostLimits digitalPostLimits(DigitalPostSettings digitalPost) {
        return new DigitalPostLimits(digitalPost.effectiveLimits());
    }

    @Bean
    MemoComposer memoComposer(MessageComposer composer, DigitalPostSettings digitalPost) {
        DigitalPostSettings.Memo memo = digitalPost.memo();
        return new MemoComposer(composer, memo.version(), memo.senderCvr(), memo.senderLabel());
    }

    /**
     * The MeMo receiver when app.digital-post.memo.endpoint is set (HTTPS with the client
     * certificate of the SSL bundle app.digital-post.memo.ssl-bundle), else the outbox
     * folder. Built whatever the transport, so a wrong bundle name stops the start rather
     * than the first notice.
     */
    @Bean
    MemoGateway memoGateway(DigitalPostSettings digitalPost, MailSettings mail, ObjectProvider<SslBundles> bundles) {
        DigitalPostSettings.Memo memo = digitalPost.memo();
        if (memo.endpoint() == null) {
            if (digitalPost.memoTransport()) {
                log.info(
                        "No MeMo receiver configured (app.digital-post.memo.endpoint): MeMo messages go to the outbox folder");
            }
            return new MemoOutboxGateway();
        }
        SSLContext ssl = null;
        if ("https".equalsIgnoreCase(memo.endpoint().getScheme())) {
            SslBundles available = bundles.getIfAvailable();
            if (available == null) {
                throw new IllegalStateException("app.digital-post.memo.ssl-bundle: no SSL bundles are configured;"
                        + " define spring.ssl.bundle.jks." + memo.sslBundle()
                        + " (or .pem.) with the client certificate");
            }
            try {
                ssl = available.getBundle(memo.sslBundle()).createSslContext();
            }
            catch (NoSuchSslBundleException e) {
                throw new IllegalStateException("app.digital-post.memo.ssl-bundle names \"" + memo.sslBundle()
                        + "\", but there is no spring.ssl.bundle.jks." + memo.sslBundle() + " or .pem."
                        + memo.sslBundle() + "; define it with the client certificate (docs/DIGITAL-POST.md)");
            }
        }
        MemoHttpGateway gateway = new MemoHttpGateway(memo.endpoint(), ssl, memo.connectTimeout(), memo.readTimeout(),
                mail.retry());
        if (digitalPost.memoTransport()) {
            log.info("Digital Post goes as MeMo messages to {}", gateway.description());
        }
        return gateway;
    }

    /**
     * Every letter crosses the network to the gateway: on a plain SMTP connection the
     * letters (and, with spring.mail.username, the password) would travel in clear, and
     * an attacker on the path could strip the STARTTLS offer. So STARTTLS is required,
     * and Jakarta Mail refuses a gateway that does not offer it rather than falling back,
     * unless: the connection is already encrypted (smtps, mail.smtp.ssl.enable); the
     * gateway is a relay on a loopback address (nothing crosses a network); or the
     * operator said so for a gateway on a network they trust:
     * app.mail.allow-plaintext-auth with credentials, app.mail.allow-plaintext without.
     */
    static void requireTls(JavaMailSenderImpl impl, boolean allowPlaintextAuth, boolean allowPlaintext) {
        Properties p = impl.getJavaMailProperties();
        boolean implicitTls = "smtps".equalsIgnoreCase(impl.getProtocol())
                || Boolean.parseBoolean(p.getProperty("mail.smtp.ssl.enable"));
        if (implicitTls) {
            return;
        }
        boolean credentials = StringUtils.hasText(impl.getUsername());
        if (credentials && allowPlaintextAuth) {
            log.warn(
                    "app.mail.allow-plaintext-auth is true: credentials and letters may cross the network to {} in clear",
                    impl.getHost());
            return;
        }
        if (!credentials) {
            if (loopback(impl.getHost())) {
                return; // a relay on this machine: nothing crosses a network on the way
                        // to it
            }
            if (allowPlaintext || allowPlaintextAuth) {
                log.warn("app.mail.allow-plaintext is true: letters may cross the network to {} in clear",
                        impl.getHost());
                return;
            }
        }
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        impl.setJavaMailProperties(p); // a session made earlier is dropped
    }

    /**
     * Whether every address {@code host} names is a loopback address (127.0.0.0/8, ::1).
     */
    static boolean loopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        }
        catch (UnknownHostException | SecurityException e) {
            return false; // not known to be on this machine: treated as across a network
        }
    }

    @Bean
    MessageComposer messageComposer(MailSettings mail) {
        return new MessageComposer(mail.from(), mail.messageIdDomain());
    }

}
