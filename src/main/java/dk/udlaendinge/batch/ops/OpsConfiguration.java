package dk.udlaendinge.batch.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.batch.LivenessSettings;
import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.notice.RenewalReport;
import dk.udlaendinge.batch.common.batch.partition.PartitionsInFlight;

/** Wiring for the operator side: who runs what, launching, status. */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    @Bean
    RunFiles runFiles(Folders app) {
        return new RunFiles(app.dataDir());
    }

    /**
     * Every job records who runs it (pid, host) through {@link RunningJobs}, which the
     * one launch path ({@link JobRunner}) needs to tell a live execution from a stale
     * one. It is added here rather than by each job package, so the job packages need not
     * know ops. Static, and through a provider, so the job repository is not created
     * early.
     */
    @Bean
    static BeanPostProcessor everyJobReportsWhoRunsIt(ObjectProvider<RunningJobs> running) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractJob job) {
                    job.registerJobExecutionListener(new JobExecutionListener() {
                        @Override
                        public void beforeJob(JobExecution execution) {
                            running.getObject().beforeJob(execution);
                        }

                        @Override
                        public void afterJob(JobExecution execution) {
                            running.getObject().afterJob(execution);
                        }
                    });
                }
                return bean;
            }
        };
    }

    @Bean
    RunningJobs runningJobs(RunFiles runFiles, JobRepository repository, JdbcTemplate jdbc, LivenessSettings liveness) {
        return new RunningJobs(runFiles, repository, jdbc, liveness);
    }

    /**
     * Whose words a step's failure is told in on the console: the runner's
     * ({@link StepErrorsOffConsole}).
     */
    @Bean
    static org.springframework.beans.factory.SmartInitializingSingleton stepErrorsOffConsole(
            @Value("${logging.threshold.console:WARN}") String consoleThreshold) {
        return () -> StepErrorsOffConsole.install(consoleThreshold);
    }

    @Bean
    JobHistory jobHistory(JdbcTemplate jdbc, JobRepository repository, RunningJobs running) {
        return new JobHistory(jdbc, repository, running);
    }

    @Bean
    JobRunner jobRunner(JobOperator operator, JobRepository repository, RunningJobs running,
            PartitionsInFlight inFlight) {
        return new JobRunner(operator, repository, running, inFlight, System.out);
    }

    /** Times in the zone the console shows them in ({@code app.console.time-zone}). */
    @Bean
    StatusReport statusReport(JobHistory history, RenewalReport renewals, JdbcTemplate jdbc, TimeZoneSettings zone) {
        return new StatusReport(history, renewals, jdbc, zone.zone());
    }

}
