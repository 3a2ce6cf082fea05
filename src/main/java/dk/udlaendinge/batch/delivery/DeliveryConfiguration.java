package dk.udlaendinge.batch.delivery;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

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

    @Bean
    MessageComposer messageComposer(AppProperties app) {
        return new MessageComposer(app.mail().from(), app.mail().messageIdDomain());
    }
}
