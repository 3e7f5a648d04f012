package io.cardops.app.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finance clerk in a real browser (shared/spec/http.md, "The pages", "Settlement"): the
 * sample year settled through the command line, the clerk signs in, lands on the
 * settlement calendar, opens a date, and downloads an operator's settlement file as
 * published (byte for byte) and as a workbook whose text columns stay text.
 */
class FinanceBrowserIntegrationTests extends CliTestSupport {

	private static final String PASSWORD = "finance-clerk-beijing-2026";

	private static final String FILE = "settlement_20261013_BJBUS.csv";

	@Test
	void financeOpensADateAndDownloadsItsFilesAsPublished() throws Exception {
		// The sample year through the command line: 2026-10-13 among the settled dates.
		CliResult demo = cardops("demo");
		assertThat(demo.code()).as(demo.err()).isZero();
		// version 2 on the embedded database: the demo's desk released a held tap of that
		// date (on PostgreSQL the demo leaves the desk alone)
		String latest = this.database.isPostgres() ? "v1" : "v2";
		assertThat(cardops("run", "settle", "--date", "2026-10-13").summary())
			.startsWith("job=settle date=2026-10-13 status=NOOP version=" + latest.substring(1));
		CliResult added = withStdin(PASSWORD + "\n",
				() -> cardops("users", "add", "fin-clerk", "--role", "FINANCE", "--password-stdin"));
		assertThat(added.code()).as(added.err()).isZero();
		Path published = outbox().resolve("20261013").resolve(FILE);
		Path downloads = Files.createDirectories(this.work.resolve("downloads"));

		try (ConfigurableApplicationContext node = ServeCommand.open(session(), 0)) {
			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			try (Browser browser = Browser.open(port, downloads, "zh-CN")) {
				browser.signIn("fin-clerk", PASSWORD);
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/finance"));
				assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("结算日历");
				WebElement day = browser.find(By.linkText("2026-10-13"));
				List<String> totals = cells(day.findElement(By.xpath("./ancestor::tr")));
				assertThat(totals.get(0)).isEqualTo("2026-10-13");
				assertThat(totals.get(1)).startsWith(latest);
				assertThat(totals.subList(3, 6)).allMatch((yuan) -> yuan.matches("\\d+\\.\\d\\d"));
				chartsKeepMillionsAndTheLastBarWhole(browser);
				browser.screenshot("finance-desktop", Browser.DESKTOP);
				settle(browser, Browser.PHONE);
				browser.screenshot("finance-phone", Browser.PHONE);

				browser.followWhenStill(day);
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/finance/settlements/2026-10-13"));
				assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("2026-10-13 的结算");
				WebElement row = browser.find(By.xpath("//tr[td[text()='" + FILE + "']]"));
				assertThat(cells(row).get(1)).isEqualTo("5");
				assertThat(cells(row).get(2)).isEqualTo(String.valueOf(Files.size(published)));
				browser.screenshot("finance-date-desktop", Browser.DESKTOP);

				row.findElement(By.linkText("CSV")).click();
				assertThat(Files.readAllBytes(browser.downloaded(FILE))).isEqualTo(Files.readAllBytes(published));
				assertThat(Files.readString(published, StandardCharsets.UTF_8))
					.contains("2026-10-13,BJBUS,BUS,107,1,1,2.00,1.50,0.50,0.00,0.50\r\n");

				row.findElement(By.linkText("Excel")).click();
				Path xlsx = browser.downloaded("settlement_20261013_BJBUS.xlsx");
				try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(xlsx));
						XSSFWorkbook workbook = new XSSFWorkbook(in)) {
					Sheet sheet = workbook.getSheetAt(0);
					Row header = sheet.getRow(0);
					int line = column(header, "line");
					int payable = column(header, "payable_yuan");
					Row first = sheet.getRow(1);
					// A line number of digits stays text, as a card number would; amounts
					// are numbers shown with two decimals; the header row is frozen.
					assertThat(first.getCell(line).getCellType()).isEqualTo(CellType.STRING);
					assertThat(first.getCell(line).getStringCellValue()).isEqualTo("107");
					assertThat(first.getCell(payable).getCellType()).isEqualTo(CellType.NUMERIC);
					assertThat(first.getCell(payable).getNumericCellValue()).isEqualTo(0.50);
					assertThat(first.getCell(payable).getCellStyle().getDataFormatString()).isEqualTo("0.00");
					assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
					assertThat(sheet.getLastRowNum()).isEqualTo(5);
				}
			}
		}
	}

	/**
	 * A bar chart of a million yuan and more (a busy night's net receivable): the amounts
	 * axis is as wide as its longest label (a fixed width cut 1,500,000 to ",500,000"),
	 * and the bars at both ends stand inside the plot (the latest night was cut in half
	 * at its right edge).
	 */
	private static void chartsKeepMillionsAndTheLastBarWhole(Browser browser) {
		JavascriptExecutor page = (JavascriptExecutor) browser.driver();
		page.executeScript("var div = document.createElement('div'); div.className = 'chart'; div.id = 'million';"
				+ " div.style.width = '360px'; div.setAttribute('data-chart', JSON.stringify({type: 'bar',"
				+ " labels: ['2026-12-04', '2026-12-05', '2026-12-06'],"
				+ " series: [{name: 'net', values: [500000, 1500000, 2000000]}]}));"
				+ " document.body.appendChild(div); cardopsCharts.draw(div);");
		List<?> drawn = (List<?>) page.executeScript("var u = document.getElementById('million').chart;"
				+ " var axis = u.axes[1]; var before = u.ctx.font; u.ctx.font = axis.font[0];"
				+ " var widest = Math.max.apply(null, axis._values.map(function (v) { return u.ctx.measureText(v).width; }));"
				+ " u.ctx.font = before;"
				+ " return [axis._values.join(' '), axis._size, widest / (window.devicePixelRatio || 1),"
				+ " u.scales.x.min, u.data[0][0], u.scales.x.max, u.data[0][2]];");
		assertThat((String) drawn.get(0)).contains("2,000,000");
		assertThat(number(drawn.get(1))).isGreaterThanOrEqualTo(number(drawn.get(2)) + 10);
		assertThat(number(drawn.get(3))).isLessThan(number(drawn.get(4)));
		assertThat(number(drawn.get(5))).isGreaterThan(number(drawn.get(6)));
		page.executeScript("document.getElementById('million').remove();");
	}

	private static double number(Object value) {
		return ((Number) value).doubleValue();
	}

	/**
	 * Gives the page a viewport and the chart the moment it takes to fit it (it redraws
	 * 100 ms after its box changed size), as a phone would have shown it from the start.
	 */
	private static void settle(Browser browser, Dimension size) throws InterruptedException {
		browser.driver().manage().window().setSize(size);
		Thread.sleep(500);
	}

	private static int column(Row header, String name) {
		for (Cell cell : header) {
			if (cell.getStringCellValue().equals(name)) {
				return cell.getColumnIndex();
			}
		}
		throw new AssertionError("no column " + name);
	}

	private static List<String> cells(WebElement row) {
		return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
	}

}
