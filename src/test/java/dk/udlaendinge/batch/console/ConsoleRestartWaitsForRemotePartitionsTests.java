package dk.udlaendinge.batch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dk.udlaendinge.batch.common.batch.RunningJobs;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The console's Restart goes through the command line's {@code JobRunner} bean, so it
 * waits, as {@code ./run.sh restart} does, for a dead manager's partition that still runs
 * on a worker node before it recovers the run: otherwise the same range would start again
 * beside the worker and a notice could go out twice (docs/RUNBOOK.md). The dead manager
 * is made from a real failed run: its execution is put back STARTED under a process that
 * has exited, and one of its send partitions STARTED under a worker on another host whose
 * row keeps moving, as a live worker's does.
 */
@SlowTest
@SpringBootTest(properties = { "spring.main.web-application-type=servlet", "app.renewal.partitions=1",
        "app.renewal.chunk-size=5", "app.schedule.renewal-cron=-",
        ConsoleRestartWaitsForRemotePartitionsTests.QUIET_PROPERTY, TestDatabase.HSQLDB_URL_PROPERTY,
        TestDatabase.HSQLDB_USERNAME_PROPERTY, TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@AutoConfigureMockMvc
class ConsoleRestartWaitsForRemotePartitionsTests {

    /**
     * How long a partition that stops moving is still waited for (PartitionsInFlight's
     * quiet time).
     */
    static final String QUIET_PROPERTY = "app.renewal.partition-timeout=2s";

    private static final Duration QUIET = Duration.ofSeconds(2);

    private static final String WORKER = "worker-b";

    private static final String WORKER_HOST = "worker-b.other-host.invalid";

    private static final long WORKER_PID = 4242;

    static final Path dir = ConsoleFixtures.tempDir("console-restart-wait");

    @TestConfiguration
    static class Gate {

        @Bean
        @Primary
        GatedGateway gatedGateway() {
            return new GatedGateway();
        }

    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("app.data-dir", () -> dir.resolve("data").toString());
        registry.add("app.output-dir", () -> dir.resolve("out").toString());
        ConsoleFixtures.users(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    GatedGateway gate;

    @Autowired
    Commands commands;

    @Autowired
    JobRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void restartFromTheConsoleWaitsForADeadManagersPartitionStillRunningOnAWorker() throws Exception {
        // a real run of the renewal, failed at a gateway that is down: its steps and
        // partitions are the real ones
        DemoRegistry.insert(jdbc, DemoRegistry.generate(40, 7));
        gate.down(true);
        assertThat(ConsoleFixtures.run(commands, "renewal", "--run-date", "2020-06-01")).isEqualTo(1);
        long id = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        long partition = leaveAsADeadManagerWould(id);

        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "live-worker"));
        try {
            // the worker is alive: its partition's row moves, as each chunk's commit
            // moves it
            worker.scheduleAtFixedRate(
                    () -> jdbc.update("UPDATE BATCH_STEP_EXECUTION SET VERSION = VERSION + 1,"
                            + " LAST_UPDATED = CURRENT_TIMESTAMP WHERE STEP_EXECUTION_ID = ?", partition),
                    0, 200, TimeUnit.MILLISECONDS);
            gate.down(false);

            // Restart pressed on the console: the request waits on its own thread, as the
            // operator's browser does
            CompletableFuture<MvcResult> restart = CompletableFuture.supplyAsync(() -> {
                try {
                    return mvc
                        .perform(post("/executions/" + id + "/restart")
                            .with(user(ConsoleFixtures.OPERATOR).roles("VIEWER", "OPERATOR"))
                            .with(csrf()))
                        .andReturn();
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // while the partition moves, for well past the quiet time, the run is neither
            // recovered nor restarted
            long watchUntil = System.nanoTime() + QUIET.multipliedBy(3).toNanos();
            while (System.nanoTime() < watchUntil) {
                assertThat(restart).as("the restart is still waiting for the worker's partition").isNotDone();
                assertThat(status(id)).as("execution " + id + " is not recovered while its partition runs")
                    .isEqualTo("STARTED");
                assertThat(executionsOfTheRun(id)).as("nothing restarted beside the worker").isEqualTo(1);
                Thread.sleep(100);
            }

            // the worker ends its partition: now the run is recovered and restarted
            worker.shutdownNow();
            assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'COMPLETED', EXIT_CODE = 'COMPLETED',"
                    + " END_TIME = CURRENT_TIMESTAMP, LAST_UPDATED = CURRENT_TIMESTAMP, VERSION = VERSION + 1"
                    + " WHERE STEP_EXECUTION_ID = ?", partition);
            awaitTrue(restart::isDone, "the console's restart to go on once the partition ended");

            MvcResult result = restart.get();
            String text = result.getFlashMap().get("resultText").toString();
            String partitionName = jdbc.queryForObject(
                    "SELECT STEP_NAME FROM BATCH_STEP_EXECUTION" + " WHERE STEP_EXECUTION_ID = ?", String.class,
                    partition);
            assertThat(text)
                .contains("Execution " + id + " was left STARTED by a process that is gone; recovering it first.")
                .contains("Partition " + partitionName + " of execution " + id + " may still run on " + WORKER
                        + " on host " + WORKER_HOST + " (pid " + WORKER_PID + ")")
                .contains("Restarting execution " + id + " of " + RenewalNoticeJobConfiguration.JOB);
            assertThat(text.indexOf("may still run on")).as("it waited before it restarted")
                .isLessThan(text.indexOf("Restarting execution"));
            assertThat(status(id)).as("recovered").isEqualTo("FAILED");
            long next = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
            assertThat(next).isGreaterThan(id);
            assertThat(result.getResponse().getRedirectedUrl()).endsWith("/executions/" + next);
            assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?",
                    String.class, partition))
                .as("the worker's partition is the worker's: recovery left it COMPLETED")
                .isEqualTo("COMPLETED");
            awaitTrue(() -> !status(next).startsWith("START"), "the restarted execution " + next + " ends");
        }
        finally {
            worker.shutdownNow();
        }
    }

    /**
     * What a manager killed while a worker on another host ran one of its partitions
     * leaves: the execution and its send step STARTED under a process that has exited,
     * the partition STARTED and stamped by that worker. Returns the partition's step
     * execution id.
     */
    private long leaveAsADeadManagerWould(long id) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();

        JobExecution execution = repository.getJobExecution(id);
        execution.getExecutionContext().putLong(RunningJobs.PID, gone.pid());
        execution.getExecutionContext().remove(RunningJobs.START); // the pid alone names
                                                                   // the exited process
        repository.updateExecutionContext(execution);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL"
                + " WHERE JOB_EXECUTION_ID = ?", id);

        StepExecution partition = execution.getStepExecutions()
            .stream()
            .filter(s -> s.getStepName().startsWith(RenewalNoticeJobConfiguration.SEND_WORKER + ":"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the run had no send partition"));
        partition.getExecutionContext().putString(WorkerStamp.HOST, WORKER_HOST);
        partition.getExecutionContext().putLong(WorkerStamp.PID, WORKER_PID);
        partition.getExecutionContext().putString(WorkerStamp.NAME, WORKER);
        partition.getExecutionContext().remove(WorkerStamp.START);
        partition.getExecutionContext().remove(WorkerStamp.BOOT);
        repository.updateExecutionContext(partition);
        jdbc.update(
                "UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = ?, END_TIME = NULL"
                        + " WHERE STEP_EXECUTION_ID = ? OR (JOB_EXECUTION_ID = ? AND STEP_NAME = ?)",
                ExitStatus.EXECUTING.getExitCode(), partition.getId(), id, RenewalNoticeJobConfiguration.SEND);

        JobExecution left = repository.getJobExecution(id);
        assertThat(left.getStatus()).isEqualTo(BatchStatus.STARTED);
        return partition.getId();
    }

    private String status(long execution) {
        return jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                execution);
    }

    private int executionsOfTheRun(long execution) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID ="
                        + " (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?)",
                Integer.class, execution);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 2 minutes for " + what).isLessThan(deadline);
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

}
