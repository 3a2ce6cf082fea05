package dk.udlaendinge.batch.ops;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.AppProperties;

/** Wiring for the operator side: who runs what, launching, status. */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    @Bean
    RunFiles runFiles(AppProperties app) {
        return new RunFiles(app.dataDir());
    }

    @Bean
    RunningJobs runningJobs(RunFiles runFiles, JobRepository repository, JdbcTemplate jdbc, AppProperties app) {
        return new RunningJobs(runFiles, repository, jdbc, app.liveness());
    }

    @Bean
    JobRunner jobRunner(JobOperator operator, JobRepository repository, RunningJobs running) {
        return new JobRunner(operator, repository, running, System.out);
    }

    @Bean
    StatusReport statusReport(JdbcTemplate jdbc, JobRepository repository, RunningJobs running) {
        return new StatusReport(jdbc, repository, running);
    }
}
