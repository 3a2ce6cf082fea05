package dk.udlaendinge.batch.monitoring;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthIndicatorProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.MeterRegistry;

import dk.udlaendinge.batch.delivery.DigitalPostSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MemoGateway;

/**
 * Health components and meters for the actuator endpoints ({@code /actuator/health},
 * {@code /actuator/prometheus}; exposed in application.yml). The health components are
 * named after their beans: {@code mailGateway}, {@code outputFolder}, {@code diskSpace};
 * Boot adds {@code db}. Spring Batch's job and step timers need nothing here: Boot
 * instruments every job and step once an observation registry exists, which the actuator
 * provides.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean
    MailGatewayHealthIndicator mailGatewayHealthIndicator(MailGateway gateway, Folders app, HealthSettings health) {
        return new MailGatewayHealthIndicator(gateway, app.outputDir(), java.time.Clock.systemUTC(),
                health.mailGatewayKeep());
    }

    @Bean
    MemoReceiverHealthIndicator memoReceiverHealthIndicator(MemoGateway gateway, DigitalPostSettings digitalPost) {
        return new MemoReceiverHealthIndicator(gateway, digitalPost.memoTransport());
    }

    @Bean
    OutputFolderHealthIndicator outputFolderHealthIndicator(Folders app) {
        return new OutputFolderHealthIndicator(app.outputDir());
    }

    /**
     * Boot's disk space check, on the output folder rather than the working directory:
     * that is where a night's letters and print batch go. Until the first run creates the
     * folder, the nearest folder above it is measured. The threshold is
     * management.health.diskspace.threshold.
     */
    @Bean("diskSpaceHealthIndicator")
    HealthIndicator outputDiskSpaceHealthIndicator(Folders app,
            ObjectProvider<DiskSpaceHealthIndicatorProperties> properties) {
        DiskSpaceHealthIndicatorProperties p = properties.getIfAvailable();
        DataSize threshold = p == null || p.getThreshold() == null ? DataSize.ofMegabytes(10) : p.getThreshold();
        return () -> new DiskSpaceHealthIndicator(
                OutputFolderHealthIndicator.existingFolderOrParent(app.outputDir()).toFile(), threshold)
            .health();
    }

    @Bean
    CountedEvents countedEvents() {
        return new CountedEvents();
    }

    @Bean
    LastSuccessfulRun lastSuccessfulRun(JobHistory history, ObjectProvider<Job> jobs) {
        return new LastSuccessfulRun(history, jobs.orderedStream().map(Job::getName).sorted().toList());
    }

    /**
     * Every step counts its skips ({@link StepSkipMeter}), added here rather than by each
     * job, so the job packages need not know this one. Static, and through a provider, so
     * the meter registry is not created early.
     */
    @Bean
    static BeanPostProcessor everyStepCountsItsSkips(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractStep step) {
                    step.registerStepExecutionListener(new StepSkipMeter(registry::getObject));
                }
                return bean;
            }
        };
    }

}
