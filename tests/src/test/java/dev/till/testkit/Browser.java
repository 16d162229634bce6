package dev.till.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through {@code /usr/bin/chromedriver}: nothing is downloaded
 * (Selenium Manager never runs, since both paths are given), a fresh profile per browser, and
 * screenshots kept under {@code tests/target/screenshots/} as test artifacts. One per test class;
 * not thread-safe.
 * <pre>
 *   try (Browser browser = Browser.start()) { browser.open(url); browser.click("complete"); }
 * </pre>
 */
public final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("till.repo.root", ".."), "tests", "target", "screenshots");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        Path profile = TestDirs.create("till-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1024,768", "--user-data-dir=" + profile);
        return new Browser(service, new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    public void click(String id) {
        byId(id).click();
    }

    /** Waits for a condition of the page (not for time): up to 20 s, failing the test after that. */
    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Saves the page as {@code tests/target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
