package org.lapsewatch.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's headless Chromium): log in, read the overview, open
 * the retired Jeugdzorg domain, acknowledge its finding and find the acknowledgement in the
 * audit log. Screenshots of the main pages go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static WebFixture site;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver; .ci/run does): browser test skipped");
        site = new WebFixture("{}");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("lapsewatch-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void log_in_read_the_overview_acknowledge_the_jeugdzorg_finding_and_see_it_audited() throws Exception {
        browser.get(site.uri("/").toString());
        assertThat(browser.getCurrentUrl()).contains("/login");
        screenshot("login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        browser.findElement(By.id("login")).click();

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("What is in danger, and by when");
        assertThat(browser.findElement(By.id("count-critical")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("deadlines")).getText()).contains("bjzutrecht.example");
        screenshot("overview");

        browser.findElement(By.linkText("bjzutrecht.example")).click();
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("quarantine");
        assertThat(browser.findElement(By.id("ponr")).getText()).contains("2027-01-08T");
        assertThat(browser.findElement(By.id("finding-" + site.findingId)).getText()).contains("CRITICAL", "open");
        screenshot("domain");

        browser.findElement(By.cssSelector("#finding-" + site.findingId + " button.ack")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/domains/bjzutrecht.example");
        assertThat(browser.findElement(By.id("finding-" + site.findingId)).getText()).contains("acknowledged", "admin");

        browser.findElement(By.linkText("Audit log")).click();
        assertThat(browser.findElement(By.id("audit")).getText())
                .contains("admin", "finding.acknowledge", "bjzutrecht.example");
        screenshot("audit");

        browser.get(site.uri("/domains/samenveilig.example").toString());
        assertThat(browser.findElement(By.id("trust-graph")).getText()).contains("bjzutrecht.example");
        screenshot("trust-graph");
        for (String page : new String[]{"findings", "inventory", "timeline", "channels", "exposures"}) {
            browser.get(site.uri("/" + page).toString());
            screenshot(page);
        }
        browser.get(site.uri("/?lang=nl").toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Wat loopt gevaar, en wanneer");
        screenshot("overview-nl");
        browser.get(site.uri("/?lang=en").toString());
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
