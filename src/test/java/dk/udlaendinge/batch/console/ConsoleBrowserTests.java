package dk.udlaendinge.batch.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The console in a real browser (headless Chromium) against the real web server on a
 * random port: log in, find a failed renewal run, restart it from its page, watch its
 * progress move while the job runs (held at a gated gateway the test opens), stop it,
 * restart it again and see it complete, and look at every page. Each page's screenshot
 * goes to {@code target/console-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", "app.renewal.partitions=1",
                "app.renewal.chunk-size=5", "app.schedule.renewal-cron=-", "server.forward-headers-strategy=native",
                TestDatabase.HSQLDB_URL_PROPERTY, TestDatabase.HSQLDB_USERNAME_PROPERTY,
                TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@SlowTest
class ConsoleBrowserTests {

    static final Path dir = ConsoleFixtures.tempDir("console-browser");
    static final LocalDate RUN_DATE = LocalDate.of(2020, 6, 1);

    private static final Pattern DONE = Pattern.compile("sendNoticesPartition\\S*\\s+(\\d+) of (\\d+)");

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

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @LocalServerPort
    int port;

    @Autowired
    GatedGateway gate;

    @Autowired
    MailGateway gateway;

    @Autowired
    Commands commands;

    @Autowired
    JdbcTemplate jdbc;

    WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void restartAFailedRunFromItsPageWatchItsProgressAndSeeItComplete() throws Exception {
        assertThat(gateway).as("the jobs send through the test's gate").isSameAs(gate);
        DemoRegistry.insert(jdbc, DemoRegistry.generate(150, 11));
        gate.down(true);
        assertThat(ConsoleFixtures.run(commands, "renewal", "--run-date", RUN_DATE.toString())).isEqualTo(1);
        long failed = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        gate.down(false);
        gate.hold();

        browser = Browser.start();
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        Browser.screenshot(browser, "01-login");
        browser.findElement(By.id("username")).sendKeys(ConsoleFixtures.OPERATOR);
        browser.findElement(By.id("password")).sendKeys(ConsoleFixtures.PASSWORD);
        browser.findElement(By.id("login")).click();
        Browser.waiting(browser, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Needs attention now"));
        assertThat(Browser.text(browser, "main")).contains("Failed")
            .contains("renewalNoticeJob")
            .contains("the test's gateway is down");
        Browser.screenshot(browser, "02-overview-failed-run");
        // the overview updates by itself, and says so when an update fails
        Browser.waiting(browser, Duration.ofSeconds(60)).until(d -> Browser.text(d, "#poll").startsWith("Updated"));
        ((JavascriptExecutor) browser)
            .executeScript("window.fetch = function () { return Promise.reject(new Error('the network is down')); };");
        Browser.waiting(browser, Duration.ofSeconds(60))
            .until(d -> Browser.text(d, "#poll").startsWith("Could not refresh"));
        assertThat(Browser.text(browser, "#poll")).contains("the network is down");

        browser.get(url("/executions"));
        assertThat(Browser.text(browser, "main")).contains("Failed");
        Browser.screenshot(browser, "03-executions");

        browser.get(url("/executions/" + failed));
        assertThat(Browser.text(browser, "main")).contains("Failed").contains("the test's gateway is down");
        assertThat(Browser.text(browser, "#reason")).startsWith("Why it failed:")
            .contains("the test's gateway is down");
        Browser.screenshot(browser, "04-failed-execution");
        // on a phone: no page wider than the screen, the navigation and the tables
        // reachable
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (String page : List.of("/executions/" + failed, "/", "/executions")) {
            browser.get(url(page));
            assertThat(((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;")).intValue()).as(page + " at 390 px")
                .isLessThanOrEqualTo(390);
            assertThat(browser.findElement(By.cssSelector("nav a[href$='/executions']")).isDisplayed()).isTrue();
            narrowShot(page.equals("/") ? "390-overview"
                    : page.equals("/executions") ? "390-executions" : "390-failed-execution");
        }
        browser.get(url("/executions/999999"));
        assertThat(Browser.text(browser, "main")).contains("There is no such page, execution or file");
        assertThat(browser.findElement(By.cssSelector("nav a[href$='/executions']")).isDisplayed()).isTrue();
        narrowShot("390-not-found");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.get(url("/executions/" + failed));
        browser.findElement(By.id("restart")).click();
        assertThat(Browser.text(browser, "main")).contains("Restart execution " + failed + "?");
        Browser.screenshot(browser, "05-confirm-restart");
        browser.findElement(By.id("confirm")).click();

        // the restart is held at the gate: the new execution's page shows it running,
        // with progress
        Browser.waiting(browser, Duration.ofMinutes(2))
            .until(d -> d.findElements(By.id("progress")).size() == 1
                    && DONE.matcher(Browser.text(d, "#progress")).find());
        assertThat(Browser.text(browser, "#result")).contains("Restarting execution " + failed);
        long restarted = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/executions/(\\d+).*", "$1"));
        assertThat(restarted).isGreaterThan(failed);
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        int before = done(browser);
        String stepsBefore = Browser.text(browser, "#live-steps");
        Browser.screenshot(browser, "06-running-progress");

        gate.let(12);
        Browser.waiting(browser, Duration.ofMinutes(2)).until(d -> done(d) > before);
        // the whole page follows the run, not only the progress table: the steps' counts
        // too
        Browser.waiting(browser, Duration.ofMinutes(2)).until(d -> !Browser.text(d, "#live-steps").equals(stepsBefore));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
            .as("the progress moved without reloading the page")
            .isEqualTo(true);
        assertThat(Browser.text(browser, "h1")).contains("Running");
        Browser.screenshot(browser, "07-running-progress-moved");

        // stop it from its page: it ends STOPPED at its next chunk boundary, once the
        // gate lets the chunk finish
        browser.findElement(By.id("stop")).click();
        // each click loads a new page: wait for it, not for a guessed moment (the live
        // refresh keeps the old one busy)
        Browser.waiting(browser, Duration.ofMinutes(1)).until(d -> !d.findElements(By.id("confirm")).isEmpty());
        assertThat(Browser.text(browser, "main")).contains("Stop execution " + restarted + "?");
        browser.findElement(By.id("confirm")).click();
        Browser.waiting(browser, Duration.ofMinutes(1)).until(d -> !d.findElements(By.id("result")).isEmpty());
        assertThat(Browser.text(browser, "#result")).contains("stops at its next chunk boundary");
        gate.let(1_000_000);
        Browser.waiting(browser, Duration.ofMinutes(3)).until(d -> Browser.text(d, "h1").contains("Stopped"));
        Browser.screenshot(browser, "08-stopped");
        // the job ends STOPPED when its manager step does; its partition may still be
        // finishing its chunk
        Browser.waiting(browser, Duration.ofMinutes(2)).until(d -> {
            d.navigate().refresh();
            return !Browser.text(d, "main").contains("Running");
        });

        // and restart it again: this time it runs to the end
        browser.findElement(By.id("restart")).click();
        browser.findElement(By.id("confirm")).click();
        Browser.waiting(browser, Duration.ofMinutes(3)).until(d -> Browser.text(d, "h1").contains("Completed"));
        long completed = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/executions/(\\d+).*", "$1"));
        assertThat(completed).isGreaterThan(restarted);
        assertThat(Browser.text(browser, "main")).contains("sendNoticesPartition");
        Browser.screenshot(browser, "09-completed");

        browser.get(url("/executions/" + failed));
        assertThat(Browser.text(browser, "h1")).contains("superseded");

        browser.get(url("/executions/" + completed + "/outputs"));
        assertThat(Browser.text(browser, "main")).contains("Municipality lists sent")
            .contains("Digital Post")
            .contains("of 98 municipalities");
        Browser.screenshot(browser, "10-outputs");
        browser.get(url("/executions/" + completed + "/skipped"));
        Browser.screenshot(browser, "11-skipped");
        browser.get(url("/audit"));
        assertThat(Browser.text(browser, "main")).contains("RESTART")
            .contains("STOP")
            .contains(ConsoleFixtures.OPERATOR);
        Browser.screenshot(browser, "12-audit");
        assertThat(ConsoleFixtures.run(commands, "quota", "--year", "2015", "--national-figure", "4000", "--statistics",
                Path.of("src/main/resources/demo/statistics-2015-demo.csv").toAbsolutePath().toString()))
            .isZero();
        browser.get(url("/quota/2015"));
        assertThat(Browser.text(browser, "main")).contains("kvoter-2015.xlsx");
        Browser.screenshot(browser, "13-quota");
        browser.get(url("/"));
        assertThat(Browser.text(browser, "main")).contains("Nothing running, nothing failed");
        Browser.screenshot(browser, "14-overview-all-well");
        assertThat(List.of(Files.list(Path.of("target", "console-screenshots")).toArray()))
            .hasSizeGreaterThanOrEqualTo(14);
    }

    /**
     * The session cookie is Secure when the request came over TLS, as a proxy on this
     * host says with X-Forwarded-Proto (server.forward-headers-strategy=native), and not
     * over plain HTTP.
     */
    @Test
    void theSessionCookieIsSecureBehindAProxyThatSaysHttps() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> proxied = client
            .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login")))
                .header("X-Forwarded-Proto", "https")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String cookie = proxied.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
        assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
        java.net.http.HttpResponse<String> plain = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String plainCookie = plain.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
        assertThat(plainCookie).doesNotContainIgnoringCase("Secure");
    }

    /**
     * The error pages of the real server (Boot's /error dispatch, which MockMvc does not
     * make) keep the console's header: the skip link and the navigation, with a sentence
     * and no trace.
     */
    @Test
    void theErrorPagesKeepTheNavigation() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String viewer = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((ConsoleFixtures.VIEWER + ":" + ConsoleFixtures.PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String path : List.of("/executions/999999", "/no-such-page", "/executions/0/restart")) {
            java.net.http.HttpResponse<String> page = client
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                    .header("Authorization", viewer)
                    .header("Accept", "text/html")
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(path.endsWith("restart") ? 403 : 404);
            assertThat(page.body()).as(path)
                .contains("<a class=\"skip\" href=\"#main\">")
                .contains("<nav aria-label=\"Console\">")
                .contains("href=\"/executions\"")
                .contains("id=\"error-text\"")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        }
    }

    /** Screenshots to look at go to /tmp, outside the repository and its build folder. */
    private void narrowShot(String name) throws java.io.IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "console-screenshots");
        Files.createDirectories(dir);
        Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE)
            .toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int done(WebDriver browser) {
        Matcher m = DONE.matcher(Browser.text(browser, "#progress"));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

}
