package dk.udlaendinge.batch.console;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.batch.LivenessSettings;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.notice.RenewalReport;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.ops.JobRunner;
import dk.udlaendinge.batch.ops.RenewalLaunch;
import dk.udlaendinge.batch.ops.TimeZoneSettings;

/**
 * Wiring for the console, which exists only in the daemon (the one command that is a web
 * application).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleConfiguration {

    @Bean
    ConsoleText consoleText(TimeZoneSettings zone) {
        return new ConsoleText(zone.zone());
    }

    @Bean
    Executions executions(JobHistory history, JobRepository repository, ConsoleText text, AuditLog audit,
            ObjectProvider<WorkerStamp> workers, LivenessSettings liveness) {
        return new Executions(history, repository, text, audit, workers.getIfAvailable(), liveness);
    }

    @Bean
    RunOutputs runOutputs(JdbcTemplate jdbc, RenewalReport renewals, Folders app, ConsoleText text) {
        return new RunOutputs(jdbc, renewals, new RenewalOutputs(app.outputDir()), Municipalities.all(), text);
    }

    @Bean
    QuotaRevisions quotaRevisions(Folders app, JdbcTemplate jdbc) {
        return new QuotaRevisions(app.outputDir(), jdbc);
    }

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, ConsoleText text) {
        return new AuditLog(jdbc, text);
    }

    @Bean
    ConsoleActions consoleActions(JobOperator operator, JobRepository repository, RunningJobs running,
            JobRunner jobRunner, RenewalLaunch renewals, JobHistory history, AuditLog audit, Folders app) {
        // the command line's own launch path (JobRunner, with the remote partitions it
        // waits for)
        return new ConsoleActions(operator, repository, running, jobRunner, renewals, history, audit, app.dataDir());
    }

}
