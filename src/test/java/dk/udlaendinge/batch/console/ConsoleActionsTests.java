package dk.udlaendinge.batch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The console's actions against real runs of the renewal job, held or failed at a gated
 * gateway: a failed execution's page starts with its reason; a restart names the
 * execution it started; a superseded execution, or one whose run another execution is
 * running, is refused with a sentence and the refusal is audited as such; after Stop the
 * page says "Stopping…" and offers nothing until the partition has ended, then who
 * stopped it; "Run now" runs a renewal (and a dry run) through the command line's path,
 * confirmed and audited.
 */
@SpringBootTest(properties = { "spring.main.web-application-type=servlet", "app.renewal.partitions=1",
        "app.renewal.chunk-size=5", "app.schedule.renewal-cron=-", TestDatabase.HSQLDB_URL_PROPERTY,
        TestDatabase.HSQLDB_USERNAME_PROPERTY, TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SlowTest
class ConsoleActionsTests {

    static final Path dir = ConsoleFixtures.tempDir("console-actions");

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
    JdbcTemplate jdbc;

    private static RequestPostProcessor operator() {
        return user(ConsoleFixtures.OPERATOR).roles("VIEWER", "OPERATOR");
    }

    @Test
    @Order(1)
    void restartTellsTheTruthStopSaysStoppingAndAFailedPageStartsWithItsReason() throws Exception {
        DemoRegistry.insert(jdbc, DemoRegistry.generate(150, 11));
        gate.down(true);
        assertThat(ConsoleFixtures.run(commands, "renewal", "--run-date", "2020-06-01")).isEqualTo(1);
        long first = lastExecution();

        // the failed page: its reason in words first, the stack traces folded below
        String page = page("/executions/" + first);
        assertThat(page).contains("id=\"reason\"").contains("Why it failed:");
        String reason = page.substring(page.indexOf("id=\"reason\""),
                page.indexOf("</p>", page.indexOf("id=\"reason\"")));
        assertThat(reason).contains("the test&#39;s gateway is down")
            .doesNotContain("Exception")
            .doesNotContain("\tat ");
        assertThat(page.indexOf("id=\"reason\"")).isLessThan(page.indexOf("<details"));
        assertThat(page).doesNotContain("<details open");
        assertThat(page("/")).contains("the test&#39;s gateway is down");
        // its outputs agree with themselves: paper written but no print batch yet is said
        // so, not "nothing went on paper"
        String outputs = page("/executions/" + first + "/outputs");
        if (outputs.contains(">Paper, by post<")) {
            assertThat(outputs).contains("id=\"paper-pending\"").doesNotContain("nothing went on paper");
        }
        else {
            assertThat(outputs).doesNotContain("id=\"paper-pending\"");
        }

        // restarted while the gateway is still down: the page names the execution it
        // started
        MvcResult restarted = mvc.perform(post("/executions/" + first + "/restart").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        long second = awaitNewer(first);
        assertThat(restarted.getResponse().getRedirectedUrl()).endsWith("/executions/" + second);
        assertThat(restarted.getFlashMap().get("resultText").toString()).contains("execution " + second);
        awaitEnded(second);

        // the first is superseded: refused with a sentence, nothing started, audited as
        // refused
        int executions = executions();
        MvcResult refused = mvc.perform(post("/executions/" + first + "/restart").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        String text = refused.getFlashMap().get("resultText").toString();
        assertThat(text).contains("cannot be restarted")
            .contains("execution " + second + " of the same run superseded it")
            .doesNotContain("Illegal state")
            .doesNotContain("race condition");
        assertThat((Boolean) refused.getFlashMap().get("resultOk")).isFalse();
        assertThat(refused.getResponse().getRedirectedUrl()).endsWith("/executions/" + first);
        assertThat(executions()).as("nothing was started").isEqualTo(executions);
        assertThat(lastAudit(first)).startsWith("otto RESTART Refused or failed:").contains("superseded");
        String firstPage = page("/executions/" + first);
        assertThat(firstPage).doesNotContain("Restart…")
            .doesNotContain("Abandon…")
            .contains("superseded")
            .contains("/executions/" + second + "\"");
        assertThat(page("/executions/" + second)).contains("Restart…").contains("Abandon…");

        // restarted again with the gateway up but held: it runs; the older execution is
        // refused while it runs
        gate.down(false);
        gate.hold();
        mvc.perform(post("/executions/" + second + "/restart").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection());
        long third = awaitNewer(second);
        awaitTrue(() -> page("/executions/" + third).contains("Stop…"), "execution " + third + " runs");
        String whileRunning = mvc.perform(post("/executions/" + second + "/restart").with(operator()).with(csrf()))
            .andReturn()
            .getFlashMap()
            .get("resultText")
            .toString();
        assertThat(whileRunning).contains("execution " + third + " of the same run is running now")
            .doesNotContain("Illegal state");
        assertThat(lastAudit(second)).startsWith("otto RESTART Refused or failed:");

        // stop it: "Stopping…" and no action offered until its partition has ended at the
        // gate
        MvcResult stop = mvc.perform(post("/executions/" + third + "/stop").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        assertThat(stop.getFlashMap().get("resultText").toString()).contains("stops at its next chunk boundary");
        String stopping = page("/executions/" + third);
        assertThat(stopping).contains("Stopping…")
            .doesNotContain("Restart…")
            .doesNotContain("Abandon…")
            .doesNotContain("Stop…")
            .contains("data-refresh")
            .contains("Stop asked for by otto at")
            .doesNotContain("Stopped by");
        gate.let(1_000_000);
        awaitTrue(() -> page("/executions/" + third).contains("Stopped by otto at"), "the page says who stopped it");
        String stopped = page("/executions/" + third);
        assertThat(stopped).doesNotContain("Stopping…")
            .contains("Restart…")
            .doesNotContain("data-refresh")
            .doesNotContain("Why it failed");
        assertThat(lastAudit(third)).startsWith("otto STOP Done:");
    }

    @Test
    @Order(2)
    void runNowRunsTheRenewalForAChosenDateThroughTheCommandLinesPathConfirmedAndAudited() throws Exception {
        gate.down(false);
        gate.let(1_000_000);
        String confirm = page("/run?date=02.06.2020");
        assertThat(confirm).contains("Run the renewal for 02.06.2020?").contains("_csrf").contains("sent to citizens");
        MvcResult bad = mvc.perform(get("/run?date=31.12.999999").with(operator()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        assertThat(bad.getFlashMap().get("resultText").toString()).contains("is not a run date");
        mvc.perform(get("/run?date=02.06.2020").with(user(ConsoleFixtures.VIEWER).roles("VIEWER")))
            .andExpect(status().isForbidden());

        // the dry run: its report on the overview, nothing recorded
        int executions = executions();
        MvcResult dry = mvc
            .perform(post("/run").param("date", "2020-06-02").param("dry", "true").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        assertThat(dry.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(dry.getFlashMap().get("resultText").toString()).contains("Dry run for 2020-06-02");
        assertThat(executions()).isEqualTo(executions);
        assertThat(lastAudit(ConsoleActions.NONE)).startsWith("otto DRY RUN Done: renewal for 2020-06-02 (dry run)");

        // the run itself: a new execution of the renewal for that date, shown and audited
        MvcResult run = mvc.perform(post("/run").param("date", "2020-06-02").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        long started = lastExecution();
        assertThat(started).isGreaterThan(0);
        assertThat(run.getResponse().getRedirectedUrl()).endsWith("/executions/" + started);
        assertThat(
                jdbc.queryForObject("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?"
                        + " AND PARAMETER_NAME = 'runDate'", String.class, started))
            .isEqualTo("2020-06-02");
        awaitEnded(started);
        assertThat(lastAudit(started)).startsWith("otto RUN NOW Done: renewal for 2020-06-02");
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class, started))
            .isEqualTo("COMPLETED");

        // its outputs: channels in words, a sent count beside written, the lists' totals
        // over the 98 municipalities in MB
        String outputs = page("/executions/" + started + "/outputs");
        assertThat(outputs).contains("<th scope=\"col\" class=\"num\">Sent</th>")
            .contains("Digital Post")
            .doesNotContain(">DIGITAL<")
            .contains("of 98 municipalities")
            .containsPattern("\\d+[.,]\\d+ MB");
    }

    private String page(String path) {
        try {
            return mvc.perform(get(path).with(operator()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        }
        catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    private long lastExecution() {
        Long id = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        return id == null ? -1 : id;
    }

    private int executions() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class);
    }

    private String lastAudit(long execution) {
        List<String> rows = jdbc.query(
                "SELECT user_name, action, outcome FROM console_audit WHERE execution_id = ?" + " ORDER BY id DESC",
                (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), execution);
        assertThat(rows).as("audited for execution " + execution).isNotEmpty();
        return rows.get(0);
    }

    private long awaitNewer(long than) {
        awaitTrue(() -> lastExecution() > than, "a new execution after " + than);
        return lastExecution();
    }

    private void awaitEnded(long execution) {
        awaitTrue(() -> {
            String s = jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                    String.class, execution);
            return !List.of("STARTING", "STARTED", "STOPPING").contains(s)
                    && !page("/executions/" + execution).contains("Stopping…");
        }, "execution " + execution + " ends");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 3 minutes for " + what).isLessThan(deadline);
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
