package io.cardops.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by
 * Selenium against a {@code cardops serve} node: what a new user does in a browser.
 *
 * <p>
 * Where the browser is missing the browser tests are skipped, unless
 * {@code -Dcardops.test.browser=required} (set by {@code .ci/run}, which installs it)
 * makes a missing browser a failure.
 */
final class Browser implements AutoCloseable {

	/** A phone's viewport (an iPhone 12-15 held upright). */
	static final Dimension PHONE = new Dimension(390, 844);

	/** A laptop's viewport. */
	static final Dimension DESKTOP = new Dimension(1366, 900);

	/** Where screenshots go: the module's target folder, never committed. */
	static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

	private static final Path CHROMIUM = Path.of(System.getProperty("cardops.test.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("cardops.test.chromedriver", "/usr/bin/chromedriver"));

	private final WebDriver driver;

	private final String base;

	private final Path downloads;

	private Browser(WebDriver driver, String base, Path downloads) {
		this.driver = driver;
		this.base = base;
		this.downloads = downloads;
	}

	/**
	 * Starts a headless Chromium for a node.
	 * @param port the node's HTTP port
	 * @param downloads the folder downloads land in
	 * @param language the browser's preferred language ({@code en}, {@code zh-CN})
	 * @return the browser
	 */
	static Browser open(int port, Path downloads, String language) {
		requireBrowser();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// As root in a container, without a display, on a machine with no outside
		// network:
		// no sandbox, no GPU, and none of Chromium's background connections.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--lang=" + language, "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
		Map<String, Object> preferences = new HashMap<>();
		preferences.put("download.default_directory", downloads.toAbsolutePath().toString());
		preferences.put("download.prompt_for_download", false);
		preferences.put("intl.accept_languages", language);
		options.setExperimentalOption("prefs", preferences);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		return new Browser(driver, "http://localhost:" + port, downloads);
	}

	private static void requireBrowser() {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present && "required".equals(System.getProperty("cardops.test.browser"))) {
			throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (Debian: apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(present, "no Chromium here: browser tests skipped");
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * Opens a page of the node.
	 * @param path the path, e.g. {@code /login}
	 */
	void open(String path) {
		this.driver.get(this.base + path);
	}

	String url(String path) {
		return this.base + path;
	}

	/**
	 * Signs in through the login form.
	 * @param name the account
	 * @param password its password
	 */
	void signIn(String name, String password) {
		open("/login");
		this.driver.findElement(By.name("username")).sendKeys(name);
		this.driver.findElement(By.name("password")).sendKeys(password);
		follow(this.driver.findElement(By.cssSelector("form [type=submit]")));
	}

	/**
	 * Clicks a link or a form's button and waits for the page it leads to: some Chromium
	 * versions (156) return from a click before the answer has replaced the page, and
	 * whatever is read next would come from the page being left (a flash message of the
	 * click before, a form still on /login).
	 * @param element the link or button
	 */
	void follow(WebElement element) {
		WebElement leaving = this.driver.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until((driver) -> gone(leaving));
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until((driver) -> "complete"
			.equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	/**
	 * Whether an element's page has been replaced. Chromium 156 sometimes answers a
	 * question about an element of a page being replaced with an inspector error ("Node
	 * with given id does not belong to the document") instead of a stale reference: the
	 * same fact, said differently.
	 */
	private static boolean gone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * Finds an element, waiting up to 10 seconds for it: the page a click led to may
	 * still be loading.
	 * @param by what to find
	 * @return the element
	 */
	WebElement find(By by) {
		try {
			return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(NoSuchElementException.class)
				.ignoring(StaleElementReferenceException.class)
				.until((driver) -> driver.findElement(by));
		}
		catch (TimeoutException ex) {
			throw new AssertionError(
					"no " + by + " on " + this.driver.getCurrentUrl() + " after 10 s; the page reads: " + pageText(),
					ex);
		}
	}

	/**
	 * What the current page shows, shortened: for a failure's message.
	 */
	private String pageText() {
		try {
			String text = this.driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
			return (text.length() > 600) ? text.substring(0, 600) + "..." : text;
		}
		catch (RuntimeException ex) {
			return "(unreadable: " + ex.getClass().getSimpleName() + ")";
		}
	}

	/**
	 * Clicks an element once the page has stopped moving it: after a resize the page
	 * reflows (the charts redraw at their new width), and a click aimed while the element
	 * moves lands on its neighbour.
	 * @param element the element
	 */
	void clickWhenStill(WebElement element) {
		org.openqa.selenium.Rectangle last = null;
		for (int i = 0; i < 50; i++) {
			org.openqa.selenium.Rectangle now = element.getRect();
			if (now.equals(last)) {
				break;
			}
			last = now;
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		element.click();
	}

	/**
	 * {@link #clickWhenStill} for a link or button that leads to another page, waiting
	 * for it as {@link #follow} does.
	 * @param element the link or button
	 */
	void followWhenStill(WebElement element) {
		WebElement leaving = this.driver.findElement(By.tagName("html"));
		clickWhenStill(element);
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until((driver) -> gone(leaving));
	}

	List<WebElement> findAll(By by) {
		return this.driver.findElements(by);
	}

	/**
	 * Waits until a downloaded file is complete in the downloads folder.
	 * @param name the file's name
	 * @return its path
	 */
	Path downloaded(String name) {
		Path file = this.downloads.resolve(name);
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until(
				(driver) -> Files.isRegularFile(file) && !Files.exists(this.downloads.resolve(name + ".crdownload")));
		return file;
	}

	/**
	 * Saves a screenshot of the current page at a viewport size under
	 * {@code target/screenshots/}, for a person to look at.
	 * @param name the file name without extension
	 * @param size the viewport
	 * @return the PNG file
	 */
	Path screenshot(String name, Dimension size) throws IOException {
		this.driver.manage().window().setSize(size);
		Files.createDirectories(SCREENSHOTS);
		Path png = SCREENSHOTS.resolve(name + ".png");
		Path taken = ((ChromeDriver) this.driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.move(taken, png, StandardCopyOption.REPLACE_EXISTING);
		this.driver.manage().window().setSize(DESKTOP);
		return png;
	}

	/**
	 * How far the current page scrolls sideways at a viewport size (0 when it fits), and
	 * back to the desktop size.
	 * @param size the viewport
	 * @return the pixels past the viewport's width
	 */
	long overflowAt(Dimension size) {
		this.driver.manage().window().setSize(size);
		try {
			return ((Number) ((JavascriptExecutor) this.driver)
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
				.longValue();
		}
		finally {
			this.driver.manage().window().setSize(DESKTOP);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
