package dk.udlaendinge.batch.common.batch.partition;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.converter.MessageConverter;
import org.springframework.jms.support.converter.SimpleMessageConverter;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.UrlMask;

/**
 * {@code app.renewal.partitioning: remote}: Spring Batch Integration over ActiveMQ
 * Artemis. The manager side sends each partition request to one queue; the worker side
 * ({@code ./run.sh worker}, which starts the listener: nothing listens in other commands)
 * takes them with {@code app.renewal.worker-threads} consumers, in transacted sessions,
 * so a request a stopping worker hands back goes back to the queue. Only map messages are
 * read: the body of any other message is never touched (an object message is never
 * deserialized), and it goes to the dead-letter queue like a request that fails the
 * worker's checks. Every connection gives {@code spring.artemis.user}/{@code password};
 * TLS is set in the broker URL ({@link BrokerSettings}). Nothing here runs or connects in
 * {@code local} mode, and Boot's own embedded broker stays off (application.yml).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "app.renewal.partitioning", havingValue = "remote")
@EnableIntegration // Boot 4 configures Spring Integration only with its own integration
                   // module, which this needs not
public class RemotePartitioningConfiguration {

    /** The worker's request listener; started by {@link WorkerNode#start()} only. */
    public static final String INBOUND = "partitionRequestListener";

    private static final Logger log = LoggerFactory.getLogger(RemotePartitioningConfiguration.class);

    @Bean
    ActiveMQConnectionFactory partitionConnectionFactory(
            @Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl,
            @Value("${spring.artemis.user:#{null}}") String user,
            @Value("${spring.artemis.password:#{null}}") String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        // no prefetching: a busy worker leaves the requests waiting in the queue to an
        // idle one
        factory.setConsumerWindowSize(0);
        // defence in depth: the converter below never asks for an object message's body;
        // should anything
        // else ever do, no class is allowed to be deserialized from the broker
        factory.setDeserializationAllowList("dk.udlaendinge.batch.nothing.is.deserialized");
        return factory;
    }

    @Bean
    @ConditionalOnProperty(name = "app.renewal.embedded-broker", havingValue = "true")
    EmbeddedBroker embeddedBroker(@Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl,
            Folders app, BrokerProperties brokerApp, Environment env) {
        EmbeddedBroker broker = new EmbeddedBroker(brokerUrl, app.dataDir().resolve("broker"),
                BrokerSettings.from(brokerApp, env));
        broker.check(); // a URL it cannot listen on, or may not without a password, stops
                        // the start, exit 2
        return broker;
    }

    // --- manager: requests out
    // -------------------------------------------------------------

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsOut(ActiveMQConnectionFactory partitionConnectionFactory,
            DirectChannel partitionRequests) {
        return IntegrationFlow.from(partitionRequests)
            .handle(Jms.outboundAdapter(partitionConnectionFactory).destination(PartitionRequest.QUEUE))
            .get();
    }

    @Bean
    Partitioning remotePartitioning(DirectChannel partitionRequests, JobRepository repository, JdbcTemplate jdbc,
            PartitioningSettings partitions, ObjectProvider<EmbeddedBroker> embeddedBroker,
            @Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl) {
        return new RemotePartitioning(partitionRequests, repository, jdbc, partitions.partitionTimeout(),
                () -> embeddedBroker.ifAvailable(EmbeddedBroker::start), UrlMask.mask(brokerUrl.split("\\?", 2)[0])); // never
                                                                                                                      // its
                                                                                                                      // query:
                                                                                                                      // it
                                                                                                                      // may
                                                                                                                      // carry
                                                                                                                      // a
                                                                                                                      // user
                                                                                                                      // and
                                                                                                                      // password
    }

    // --- worker: requests in
    // ---------------------------------------------------------------

    @Bean
    StepExecutionRequestHandler stepExecutionRequestHandler(JobRepository repository, BeanFactory beanFactory) {
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beanFactory);
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobRepository(repository);
        handler.setStepLocator(steps);
        return handler;
    }

    @Bean
    PartitionRequestReceiver partitionRequestReceiver(JobRepository repository, StepExecutionRequestHandler handler,
            ObjectProvider<WorkerSteps> workerSteps, DataSource dataSource,
            ActiveMQConnectionFactory partitionConnectionFactory) {
        Map<String, String> contracts = new java.util.HashMap<>();
        workerSteps.orderedStream().forEach(w -> contracts.putAll(w.contracts()));
        return new PartitionRequestReceiver(repository, handler, contracts, databaseName(dataSource),
                deadLetters(partitionConnectionFactory));
    }

    /**
     * Parks a refused message: its map entries (plain values; nothing of another kind of
     * message) and the reason, on {@value PartitionRequest#DEAD_LETTERS}. Sent on a
     * connection of its own, so a failure here rolls the original back to the queue,
     * where the broker's delivery limit parks it in the end.
     */
    private static PartitionRequestReceiver.DeadLetters deadLetters(ActiveMQConnectionFactory connections) {
        JmsTemplate jms = new JmsTemplate(connections);
        return (payload, reason) -> jms.send(PartitionRequest.DEAD_LETTERS, session -> {
            MapMessage m = session.createMapMessage();
            if (payload instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() instanceof String key && isPlain(e.getValue())) {
                        m.setObject(key, e.getValue());
                    }
                }
            }
            m.setStringProperty("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            return m;
        });
    }

    private static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /**
     * Map messages become maps; any other message becomes
     * {@link PartitionRequest.Unreadable}, its body unread: an object message's
     * {@code getObject()} would deserialize whatever a sender put there.
     */
    static MessageConverter mapMessagesOnly() {
        SimpleMessageConverter maps = new SimpleMessageConverter();
        return new MessageConverter() {
            @Override
            public jakarta.jms.Message toMessage(Object object, jakarta.jms.Session session) throws JMSException {
                return maps.toMessage(object, session);
            }

            @Override
            public Object fromMessage(jakarta.jms.Message message) throws JMSException {
                if (message instanceof MapMessage) {
                    return maps.fromMessage(message);
                }
                String kind = message instanceof ObjectMessage ? "an object message"
                        : message instanceof TextMessage ? "a text message"
                                : message instanceof BytesMessage ? "a bytes message" : "a message without a map";
                return new PartitionRequest.Unreadable(kind);
            }
        };
    }

    @Bean
    WorkerNode workerNode(ActiveMQConnectionFactory partitionConnectionFactory,
            @Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl, BeanFactory beanFactory,
            PartitionRequestReceiver receiver, WorkerStamp stamp) {
        return new WorkerNode(partitionConnectionFactory, brokerUrl,
                () -> beanFactory.getBean(INBOUND, Lifecycle.class), receiver, stamp);
    }

    @Bean
    IntegrationFlow partitionRequestsIn(ActiveMQConnectionFactory partitionConnectionFactory,
            PartitionRequestReceiver receiver, WorkerNode node, PartitioningSettings partitions) {
        int threads = partitions.workerThreads();
        return IntegrationFlow.from(Jms
            .messageDrivenChannelAdapter(Jms.container(partitionConnectionFactory, PartitionRequest.QUEUE)
                .concurrentConsumers(threads)
                .maxConcurrentConsumers(threads)
                .sessionTransacted(true)
                .recoveryInterval(2000)
                .exceptionListener(node::connectionLost)
                // a request a stopping worker hands back is rolled back to the queue
                .errorHandler(t -> log.debug("Request handed back to the queue: {}", t.getMessage())))
            .jmsMessageConverter(mapMessagesOnly())
            .autoStartup(false)
            .id(INBOUND)).handle(Object.class, (payload, headers) -> {
                receiver.handle(payload);
                return null;
            }).get();
    }

    /**
     * The database as an operator names it: the JDBC URL without user, password or other
     * parameters.
     */
    private static String databaseName(DataSource dataSource) {
        try (var c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            return url == null ? "unknown" : UrlMask.mask(url.replaceAll("[?;].*$", ""));
        }
        catch (java.sql.SQLException e) {
            return "unknown";
        }
    }

}
