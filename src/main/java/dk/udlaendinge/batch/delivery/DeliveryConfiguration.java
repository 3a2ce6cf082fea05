package dk.udlaendinge.batch.delivery;

import java.time.Clock;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.udlaendinge.batch.common.AppProperties;

/** Chooses the gateway: SMTP when spring.mail.host is set, else the outbox folder. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    MailGateway mailGateway(ObjectProvider<JavaMailSender> sender, ObjectProvider<MailProperties> mail, AppProperties app) {
        MailProperties props = mail.getIfAvailable();
        JavaMailSender javaMail = sender.getIfAvailable();
        if (props != null && StringUtils.hasText(props.getHost()) && javaMail instanceof JavaMailSenderImpl impl) {
            requireTlsWithCredentials(impl, app.mail().allowPlaintextAuth());
            SmtpGateway gateway = new SmtpGateway(impl, app.mail().retry());
            log.info("Digital Post goes through {}", gateway.description());
            return gateway;
        }
        log.info("No mail gateway configured (spring.mail.host): Digital Post messages go to the outbox folder");
        return new OutboxGateway();
    }

    /** Checks every configured municipality mailbox at start: a bad one stops the application here. */
    @Bean
    MunicipalMailboxes municipalMailboxes(AppProperties app) {
        return new MunicipalMailboxes(app.mail().municipalityAddressPattern(), app.mail().municipalityAddresses(),
                app.mail().municipalities());
    }

    @Bean
    MunicipalShipments municipalShipments(MailGateway gateway, MessageComposer composer, JdbcTemplate jdbc,
            PlatformTransactionManager tx, MunicipalMailboxes mailboxes, AppProperties app, Clock clock) {
        return new MunicipalShipments(gateway, composer, jdbc, tx, mailboxes, app.digitalPost().limit().toBytes(), clock);
    }

    /**
     * With credentials (spring.mail.username), the password and every letter would cross the
     * network in clear on a plain SMTP connection: STARTTLS is required, so Jakarta Mail
     * refuses a gateway that does not offer it rather than falling back. Implicit TLS (smtps,
     * mail.smtp.ssl.enable) is already encrypted. Only app.mail.allow-plaintext-auth turns this
     * off, for a gateway on a network the operator trusts.
     */
    static void requireTlsWithCredentials(JavaMailSenderImpl impl, boolean allowPlaintextAuth) {
        if (!StringUtils.hasText(impl.getUsername())) {
            return;
        }
        Properties p = impl.getJavaMailProperties();
        boolean implicitTls = "smtps".equalsIgnoreCase(impl.getProtocol())
                || Boolean.parseBoolean(p.getProperty("mail.smtp.ssl.enable"));
        if (implicitTls) {
            return;
        }
        if (allowPlaintextAuth) {
            log.warn("app.mail.allow-plaintext-auth is true: credentials and letters may cross the network to {} in clear",
                    impl.getHost());
            return;
        }
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        impl.setJavaMailProperties(p); // a session made earlier is dropped
    }

    @Bean
    MessageComposer messageComposer(AppProperties app) {
        return new MessageComposer(app.mail().from(), app.mail().messageIdDomain());
    }
}
