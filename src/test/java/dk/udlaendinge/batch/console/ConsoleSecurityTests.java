package dk.udlaendinge.batch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Who may see and do what in the console, over a real job repository: the sample registry
 * (with CPR numbers, names and addresses) imported and sent for real by the renewal job.
 * A VIEWER sees every page and can do nothing, neither through the pages nor by posting
 * the forms directly; an OPERATOR acts through the shared launch path and every action is
 * audited; every form needs its CSRF token; and no page shows any personal value of the
 * registry.
 */
@SpringBootTest(properties = { "spring.main.web-application-type=servlet", "app.renewal.partitions=2",
        TestDatabase.HSQLDB_URL_PROPERTY, TestDatabase.HSQLDB_USERNAME_PROPERTY,
        TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ConsoleSecurityTests {

    /**
     * Made here, not by @TempDir: the context (and its properties) comes before the
     * instance's extensions.
     */
    static final Path dir = ConsoleFixtures.tempDir("console-security");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("app.data-dir", () -> dir.resolve("data").toString());
        registry.add("app.output-dir", () -> dir.resolve("out").toString());
        ConsoleFixtures.users(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Commands commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginThrottle throttle;

    long renewal;

    @BeforeAll
    void runTheJobs() {
        ConsoleFixtures.importSamples(commands);
        assertThat(ConsoleFixtures.run(commands, "renewal", "--run-date", "2020-06-01")).isZero();
        assertThat(ConsoleFixtures.run(commands, "quota", "--year", "2015", "--national-figure", "4000", "--statistics",
                Path.of("src/main/resources/demo/statistics-2015-demo.csv").toAbsolutePath().toString()))
            .isZero();
        renewal = jdbc.queryForObject(
                "SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                        + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'renewalNoticeJob'",
                Long.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SKIPPED'", Integer.class))
            .as("the sample with its case document removed is skipped")
            .isPositive();
    }

    private static RequestPostProcessor viewer() {
        return user(ConsoleFixtures.VIEWER).roles("VIEWER");
    }

    private static RequestPostProcessor operator() {
        return user(ConsoleFixtures.OPERATOR).roles("VIEWER", "OPERATOR");
    }

    private static RequestPostProcessor from(String address) {
        return (MockHttpServletRequest request) -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void everyPageNeedsALogin() throws Exception {
        for (String page : pages()) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/executions/" + renewal + "/restart").with(csrf())).andExpect(status().is3xxRedirection());
    }

    @Test
    void formLoginChecksTheBcryptHash() throws Exception {
        mvc.perform(formLogin().user(ConsoleFixtures.VIEWER).password(ConsoleFixtures.PASSWORD))
            .andExpect(status().is3xxRedirection())
            .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).doesNotContain("error"));
        mvc.perform(formLogin().user(ConsoleFixtures.VIEWER).password("wrong"))
            .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).contains("/login?error"));
    }

    @Test
    void aViewerSeesEveryPage() throws Exception {
        for (String page : pages()) {
            mvc.perform(get(page).with(viewer())).andExpect(status().isOk());
        }
        String detail = mvc.perform(get("/executions/" + renewal).with(viewer()))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(detail).contains("Completed").doesNotContain("Restart…").doesNotContain("Abandon…");
    }

    @Test
    void aViewerCannotRestartStopAbandonOrDownloadByThePageOrByPostingTheForm() throws Exception {
        int audited = audited();
        for (String action : List.of("restart", "stop", "abandon")) {
            mvc.perform(get("/executions/" + renewal + "/" + action).with(viewer())).andExpect(status().isForbidden());
            mvc.perform(post("/executions/" + renewal + "/" + action).with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
        }
        for (String file : List.of("print-batch.pdf", "manifest.csv")) {
            mvc.perform(get("/executions/" + renewal + "/files/" + file).with(viewer()))
                .andExpect(status().isForbidden());
        }
        String outputs = mvc.perform(get("/executions/" + renewal + "/outputs").with(viewer()))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(outputs).contains("print-batch.pdf").doesNotContain("/files/print-batch.pdf");
        assertThat(audited()).as("nothing was done, so nothing audited").isEqualTo(audited);
    }

    @Test
    void anOperatorDownloadsThePrintBatchAndManifest() throws Exception {
        MvcResult pdf = mvc.perform(get("/executions/" + renewal + "/files/print-batch.pdf").with(operator()))
            .andExpect(status().isOk())
            .andReturn();
        assertThat(new String(pdf.getResponse().getContentAsByteArray(), 0, 5,
                java.nio.charset.StandardCharsets.ISO_8859_1))
            .isEqualTo("%PDF-");
        assertThat(pdf.getResponse().getHeader("Content-Disposition")).contains("attachment")
            .contains("print-batch.pdf");
        mvc.perform(get("/executions/" + renewal + "/files/manifest.csv").with(operator())).andExpect(status().isOk());
        mvc.perform(get("/executions/" + renewal + "/files/..%2F..%2Fdb%2Fregistry.script").with(operator()))
            .andExpect(status().is4xxClientError());
    }

    @Test
    void aViewerCanLogOut() throws Exception {
        // as a browser asks (a client without Accept: text/html gets a bare status, for
        // monitoring agents)
        mvc.perform(post("/logout").accept(org.springframework.http.MediaType.TEXT_HTML).with(viewer()).with(csrf()))
            .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).endsWith("/login?logout"));
    }

    @Test
    void everyActionNeedsItsCsrfToken() throws Exception {
        for (String action : List.of("restart", "stop", "abandon")) {
            mvc.perform(post("/executions/" + renewal + "/" + action).with(operator()))
                .andExpect(status().isForbidden());
            mvc.perform(post("/executions/" + renewal + "/" + action).with(operator()).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        }
        mvc.perform(post("/logout").with(operator())).andExpect(status().isForbidden());
    }

    @Test
    void anOperatorsActionGoesThroughTheSharedLaunchPathWithItsRefusalsAndIsAudited() throws Exception {
        String confirm = mvc.perform(get("/executions/" + renewal + "/restart").with(operator()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(confirm).contains("Restart execution " + renewal + "?").contains("_csrf");
        // a completed run is refused by JobRunner, as ./run.sh restart refuses it
        MvcResult result = mvc.perform(post("/executions/" + renewal + "/restart").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
        assertThat(result.getFlashMap().get("resultText").toString())
            .contains("is COMPLETED; only FAILED, STOPPED or stale executions can be restarted");
        assertThat((Boolean) result.getFlashMap().get("resultOk")).isFalse();
        mvc.perform(post("/executions/" + renewal + "/abandon").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection());
        mvc.perform(post("/executions/" + renewal + "/stop").with(operator()).with(csrf()))
            .andExpect(status().is3xxRedirection());
        List<String> audit = jdbc.query(
                "SELECT user_name, action, execution_id FROM console_audit" + " WHERE execution_id = ? ORDER BY id",
                (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3), renewal);
        assertThat(audit).containsSubsequence("otto RESTART " + renewal, "otto ABANDON " + renewal,
                "otto STOP " + renewal);
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class, renewal))
            .as("the refusals changed nothing")
            .isEqualTo("COMPLETED");
        String page = mvc.perform(get("/audit").with(viewer())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("otto").contains("RESTART").contains("ABANDON");
    }

    /**
     * Five wrong passwords for one user from one address: from then on that user name
     * (from any address) and that address (for any user) are refused before the password
     * is checked, even with the right one; the form says so, basic authentication answers
     * 429. Another user from another address still logs in.
     */
    @Test
    void failedLoginsAreThrottledPerUserAndPerAddress() throws Exception {
        throttle.clear(); // another test's wrong password counts too
        try {
            for (int i = 0; i < LoginThrottle.LIMIT; i++) {
                assertThat(login(ConsoleFixtures.VIEWER, "wrong " + i, "10.9.9.9")).contains("/login?error");
            }
            assertThat(login(ConsoleFixtures.VIEWER, ConsoleFixtures.PASSWORD, "10.9.9.9")).contains("/login?locked");
            assertThat(login(ConsoleFixtures.VIEWER, ConsoleFixtures.PASSWORD, "10.8.8.8")).contains("/login?locked");
            assertThat(login(ConsoleFixtures.OPERATOR, ConsoleFixtures.PASSWORD, "10.9.9.9")).contains("/login?locked");
            MvcResult basic = mvc
                .perform(get("/actuator/health").with(from("10.9.9.9"))
                    .with(httpBasic(ConsoleFixtures.OPERATOR, ConsoleFixtures.PASSWORD)))
                .andReturn();
            assertThat(basic.getResponse().getStatus()).isEqualTo(429);
            assertThat(basic.getResponse().getHeader("Retry-After")).isNotBlank();
            assertThat(login(ConsoleFixtures.OPERATOR, ConsoleFixtures.PASSWORD, "10.7.7.7")).doesNotContain("error")
                .doesNotContain("locked");
            String page = mvc.perform(get("/login?locked=5"))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(page).contains("Too many wrong passwords");
        }
        finally {
            throttle.clear();
        }
    }

    private String login(String user, String password, String address) throws Exception {
        return mvc
            .perform(
                    post("/login").param("username", user).param("password", password).with(csrf()).with(from(address)))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    }

    /**
     * Every page, an operator's confirmations included, starts with a link past the
     * navigation to its main part, gives every table header its scope, and puts every
     * table in a box that scrolls by itself on a narrow screen (ConsoleBrowserTests looks
     * at them 390 px wide).
     */
    @Test
    void everyPageHasASkipLinkScopedTableHeadersAndScrollingTables() throws Exception {
        List<String> all = new ArrayList<>(pages());
        all.add("/executions/" + renewal + "/restart");
        all.add("/executions/" + renewal + "/abandon");
        all.add("/run?date=01.06.2020");
        java.util.regex.Pattern unscoped = java.util.regex.Pattern
            .compile("<th(?![a-z])(?![^>]*\\sscope=\"(col|row)\")");
        int headers = 0;
        for (String page : all) {
            String body = mvc.perform(get(page).with(operator()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).as(page).contains("<a class=\"skip\" href=\"#main\">").contains("<main id=\"main\"");
            assertThat(unscoped.matcher(body).find()).as(page + ": a <th> without scope").isFalse();
            for (int at = body.indexOf("<table"); at >= 0; at = body.indexOf("<table", at + 1)) {
                String before = body.substring(0, at).stripTrailing();
                assertThat(before.substring(before.lastIndexOf('<'))).as(page + ": the box around a table")
                    .startsWith("<div")
                    .contains("class=\"scroll\"");
            }
            headers += body.split("<th ", -1).length - 1;
        }
        assertThat(headers).as("the pages have tables").isGreaterThan(20);
    }

    /**
     * A date in the list's filter as the pages write it; a huge or malformed one is a
     * message, not HTTP 500.
     */
    @Test
    void theDateFiltersUseThePagesFormatAndAHugeDateIsAMessage() throws Exception {
        String ok = mvc.perform(get("/executions?from=01.01.2020&to=31.12.2099").with(viewer()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ok).doesNotContain("Ignored a filter").contains("value=\"01.01.2020\"");
        for (String huge : List.of("+999999999-12-31", "9999-12-31", "31.12.99999", "1.1.0", "2020-02-30")) {
            String page = mvc.perform(get("/executions").param("from", huge).param("to", huge).with(viewer()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(page).as(huge).contains("Ignored a filter that is not valid").contains("dd.mm.yyyy");
        }
    }

    @Test
    void healthAndMetricsNeedNoLoginOnlyOnTheLoopbackAddress() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/metrics")) {
            int local = mvc.perform(get(path).with(from("127.0.0.1"))).andReturn().getResponse().getStatus();
            assertThat(local).as(path + " from loopback: not asked to log in").isNotIn(302, 401, 403);
            int remote = mvc.perform(get(path).with(from("10.20.30.40"))).andReturn().getResponse().getStatus();
            assertThat(remote).as(path + " from elsewhere needs a login").isIn(302, 401);
            int withLogin = mvc
                .perform(get(path).with(from("10.20.30.40"))
                    .with(httpBasic(ConsoleFixtures.VIEWER, ConsoleFixtures.PASSWORD)))
                .andReturn()
                .getResponse()
                .getStatus();
            assertThat(withLogin).as(path + " from elsewhere with a login").isNotIn(302, 401, 403);
        }
        mvc.perform(get("/actuator/env").with(from("127.0.0.1"))).andExpect(status().isUnauthorized());
    }

    @Test
    void noPageShowsACprNumberNameOrAddress() throws Exception {
        List<String> personal = ConsoleFixtures.personalValues();
        List<String> all = new ArrayList<>(pages());
        all.add("/executions/" + renewal + "/progress");
        all.add("/executions/" + renewal + "/restart");
        all.add("/executions/" + renewal + "/abandon");
        for (String page : all) {
            String body = mvc.perform(get(page).with(operator()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            for (String value : personal) {
                assertThat(body).as(page + " must not show a personal value").doesNotContain(value);
            }
        }
    }

    /** Every page of the console, for every execution there is. */
    private List<String> pages() {
        List<String> pages = new ArrayList<>(List.of("/", "/executions",
                "/executions?job=renewalNoticeJob&status=COMPLETED" + "&from=01.01.2000&to=31.12.2099", "/quota",
                "/quota/2015", "/audit", "/executions/" + renewal + "/skipped", "/executions/" + renewal + "/outputs"));
        jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION", Long.class)
            .forEach(id -> pages.add("/executions/" + id));
        return pages;
    }

    private int audited() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM console_audit", Integer.class);
    }

}
