package dk.udlaendinge.batch.common.batch.partition;

import java.util.Map;

import javax.sql.DataSource;

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
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.AppProperties;

/**
 * {@code app.renewal.partitioning: remote}: Spring Batch Integration over ActiveMQ Artemis.
 * The manager side sends each partition request to one queue; the worker side
 * ({@code ./run.sh worker}, which starts the listener: nothing listens in other commands)
 * takes them with {@code app.renewal.worker-threads} consumers, in transacted sessions, so a
 * request a worker refuses goes back to the queue. Nothing here runs or connects in
 * {@code local} mode, and Boot's own embedded broker stays off (application.yml).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "app.renewal.partitioning", havingValue = "remote")
@EnableIntegration // Boot 4 configures Spring Integration only with its own integration module, which this needs not
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
        // no prefetching: a busy worker leaves the requests waiting in the queue to an idle one
        factory.setConsumerWindowSize(0);
        return factory;
    }

    @Bean
    @ConditionalOnProperty(name = "app.renewal.embedded-broker", havingValue = "true")
    EmbeddedBroker embeddedBroker(@Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl,
            AppProperties app) {
        EmbeddedBroker.listenAddress(brokerUrl); // a URL it cannot listen on stops the start, exit 2
        return new EmbeddedBroker(brokerUrl, app.dataDir().resolve("broker"));
    }

    // --- manager: requests out -------------------------------------------------------------

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
            AppProperties app, ObjectProvider<EmbeddedBroker> embeddedBroker,
            @Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl) {
        return new RemotePartitioning(partitionRequests, repository, jdbc, app.renewal().partitionTimeout(),
                () -> embeddedBroker.ifAvailable(EmbeddedBroker::start),
                brokerUrl.split("\\?", 2)[0]); // never its query: it may carry a user and password
    }

    // --- worker: requests in ---------------------------------------------------------------

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
            ObjectProvider<WorkerSteps> workerSteps, DataSource dataSource) {
        Map<String, String> contracts = new java.util.HashMap<>();
        workerSteps.orderedStream().forEach(w -> contracts.putAll(w.contracts()));
        return new PartitionRequestReceiver(repository, handler, contracts, databaseName(dataSource));
    }

    @Bean
    WorkerNode workerNode(ActiveMQConnectionFactory partitionConnectionFactory,
            @Value("${spring.artemis.broker-url:tcp://localhost:61616}") String brokerUrl, BeanFactory beanFactory,
            PartitionRequestReceiver receiver, WorkerStamp stamp) {
        return new WorkerNode(partitionConnectionFactory, brokerUrl, () -> beanFactory.getBean(INBOUND, Lifecycle.class),
                receiver, stamp);
    }

    @Bean
    IntegrationFlow partitionRequestsIn(ActiveMQConnectionFactory partitionConnectionFactory,
            PartitionRequestReceiver receiver, WorkerNode node, AppProperties app) {
        int threads = app.renewal().workerThreads();
        return IntegrationFlow.from(Jms.messageDrivenChannelAdapter(
                        Jms.container(partitionConnectionFactory, PartitionRequest.QUEUE)
                                .concurrentConsumers(threads).maxConcurrentConsumers(threads)
                                .sessionTransacted(true)
                                .recoveryInterval(2000)
                                .exceptionListener(node::connectionLost)
                                // a refused request is rolled back to the queue; the reason is in fatal()
                                .errorHandler(t -> log.debug("Request handed back to the queue: {}", t.getMessage())))
                        .autoStartup(false).id(INBOUND))
                .handle(Object.class, (payload, headers) -> {
                    receiver.handle(payload);
                    return null;
                })
                .get();
    }

    /** The database as an operator names it: the JDBC URL without user, password or other parameters. */
    private static String databaseName(DataSource dataSource) {
        try (var c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            return url == null ? "unknown" : url.replaceAll("[?;].*$", "");
        } catch (java.sql.SQLException e) {
            return "unknown";
        }
    }
}
