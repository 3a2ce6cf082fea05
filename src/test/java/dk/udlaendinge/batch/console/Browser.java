package dk.udlaendinge.batch.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages,
 * driven by Selenium at the installed driver (Selenium's own manager would try to
 * download one, and nothing outside the package registries is reachable). Where they are
 * missing, the browser tests are skipped with a message naming the packages, printed as
 * well as reported.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING = "BROWSER TESTS SKIPPED: no headless browser here. Install Debian's packages"
            + " 'chromium' and 'chromium-driver' (sudo apt-get install -y chromium chromium-driver; .ci/run does it)"
            + " to run the console's browser tests.";

    private Browser() {
    }

    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!installed) {
            System.err.println("*** " + MISSING + " ***");
        }
        Assumptions.assumeTrue(installed, MISSING);
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=da-DK");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waiting(WebDriver driver, Duration limit) {
        WebDriverWait wait = new WebDriverWait(driver, limit);
        wait.pollingEvery(Duration.ofMillis(200));
        return wait;
    }

    /** A full-page screenshot into target/console-screenshots/. */
    static Path screenshot(WebDriver driver, String name) throws java.io.IOException {
        Path dir = Path.of("target", "console-screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name + ".png");
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * The text of the first element matching css, found and read in one step: the live
     * refresh replaces parts of the page between a findElement and a getText, which would
     * make the element stale. Fails like findElement when nothing matches.
     */
    static String text(WebDriver driver, String css) {
        Object text = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "var e = document.querySelector(arguments[0]); return e === null ? null : e.innerText;", css);
        if (text == null) {
            throw new org.openqa.selenium.NoSuchElementException("no element matches " + css);
        }
        return text.toString();
    }

}
