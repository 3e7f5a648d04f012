package io.cardops.portal.settlement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.cardops.domain.text.VisibleText;
import io.cardops.domain.calendar.IsoDates;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.jobs.settle.SettlementBrowser.NotArchivedException;
import io.cardops.jobs.settle.SettlementDiff;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.settlement.SettlementAnswers.ClaimEntry;
import io.cardops.portal.settlement.SettlementAnswers.DateEntry;
import io.cardops.portal.settlement.SettlementAnswers.VersionEntry;

/**
 * Finance's pages, for FINANCE and OPS: the landing page {@code /finance} (the settlement
 * calendar with each date's latest totals and a chart of the last 30 dates) and a date's
 * page (its versions and files to download, per operator from claim to payable, and what
 * each version changed against the one before), with the downloads behind their links.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class SettlementPagesController {

	/** How many dates the landing page and its chart show. */
	static final int RECENT = 30;

	private final SettlementBrowser browser;

	private final SettlementDownloads downloads;

	private final MessageSource messages;

	private final DeskCases desk;

	/**
	 * Creates the controller.
	 * @param browser the published settlement
	 * @param downloads the downloads
	 * @param messages the page labels (for the chart's series)
	 * @param desk the exception desk's open cases, for the link to it
	 */
	public SettlementPagesController(SettlementBrowser browser, SettlementDownloads downloads, MessageSource messages,
			DeskCases desk) {
		this.browser = browser;
		this.downloads = downloads;
		this.messages = messages;
		this.desk = desk;
	}

	/**
	 * The settlement calendar: the last 30 settled dates, or those of a range.
	 * @param from the first date of a range, or null
	 * @param to the last date of a range, or null
	 * @param locale the page's language
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/finance")
	String home(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale,
			Model model) {
		List<SettlementBrowser.DateTotals> recent = this.browser.recent(RECENT);
		List<SettlementBrowser.DateTotals> shown = recent;
		// A range the page cannot show is said on the page, which shows the latest dates
		// and keeps the form as it was filled in (the API answers 400 instead).
		String rangeError = null;
		LocalDate first = rangeDate(from, LocalDate.MIN);
		LocalDate last = rangeDate(to, LocalDate.MAX);
		if (first == null || last == null) {
			rangeError = "settlement.range.invalid";
		}
		else if (first.isAfter(last)) {
			rangeError = "settlement.range.reversed";
		}
		else if (!first.equals(LocalDate.MIN) || !last.equals(LocalDate.MAX)) {
			shown = this.browser.list(first, last);
		}
		model.addAttribute("rangeError", rangeError);
		Map<YearMonth, List<DateEntry>> months = new LinkedHashMap<>();
		for (int i = shown.size() - 1; i >= 0; i--) {
			DateEntry entry = DateEntry.of(shown.get(i));
			months.computeIfAbsent(YearMonth.from(entry.clearingDate()), (month) -> new ArrayList<>()).add(entry);
		}
		model.addAttribute("months", months);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("chart", chart(recent, locale));
		model.addAttribute("openCases", this.desk.openCount());
		return "finance/home";
	}

	/**
	 * A date of the calendar's range: the given end when the field is empty, null when it
	 * is not a date YYYY-MM-DD.
	 */
	private static LocalDate rangeDate(String text, LocalDate empty) {
		if (text == null || text.isBlank()) {
			return empty;
		}
		try {
			return IsoDates.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * A date's page.
	 * @param date the clearing date
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/finance/settlements/{date}")
	String date(@PathVariable("date") String text, Model model, HttpServletResponse response) {
		// A mistyped or bookmarked address says what is wrong with it, in the page's
		// language, rather than the bare "nothing at this address".
		LocalDate date;
		try {
			date = IsoDates.parse(text);
		}
		catch (DateTimeParseException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("missing", "settlement.date.notADate");
			model.addAttribute("asked", VisibleText.cut(text, 40));
			return "finance/missing";
		}
		Optional<SettlementBrowser.SettlementDate> found = this.browser.date(date);
		if (found.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("missing", "settlement.date.none");
			model.addAttribute("asked", date.toString());
			return "finance/missing";
		}
		SettlementBrowser.SettlementDate day = found.get();
		List<VersionPage> versions = new ArrayList<>();
		for (SettlementBrowser.Version version : day.versions()) {
			versions.add(new VersionPage(VersionEntry.of(version), changes(date, version.version())));
		}
		model.addAttribute("date", date);
		model.addAttribute("versions", versions);
		model.addAttribute("claims", day.claims().stream().map(ClaimEntry::of).toList());
		return "finance/date";
	}

	/**
	 * A file of a version, for the page's download links.
	 * @param date the clearing date
	 * @param name the file's name
	 * @param version the version, or null for the latest
	 * @param format csv or xlsx
	 * @param user who asks
	 * @param request the request
	 * @return the bytes
	 */
	@GetMapping("/finance/settlements/{date}/files/{name}")
	ResponseEntity<byte[]> file(@PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date, @PathVariable String name,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) String format,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		return this.downloads.file(date, version, name, format, user, request);
	}

	/**
	 * A version's zip, for the page's link.
	 * @param date the clearing date
	 * @param version the version, or null for the latest
	 * @param user who asks
	 * @param request the request
	 * @return the zip
	 */
	@GetMapping("/finance/settlements/{date}/archive")
	ResponseEntity<byte[]> archive(@PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date,
			@RequestParam(required = false) Integer version, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return this.downloads.archive(date, version, user, request);
	}

	/** What version N changed against N-1, as lines of a table; empty for version 1. */
	private Changes changes(LocalDate date, int version) {
		if (version <= 1) {
			return null;
		}
		Optional<SettlementDiff> diff;
		try {
			diff = this.browser.diff(date, version - 1, version);
		}
		catch (NotArchivedException ex) {
			return new Changes(version - 1, true, List.of());
		}
		List<ChangedFile> files = new ArrayList<>();
		for (SettlementDiff.FileChange file : diff.map(SettlementDiff::files).orElse(List.of())) {
			List<ChangeLine> lines = new ArrayList<>();
			for (SettlementDiff.RowChange row : file.rows()) {
				String label = String.join(" · ",
						row.key().values().stream().filter((value) -> !value.isEmpty()).toList());
				for (SettlementDiff.MoneyChange money : row.money()) {
					boolean same = money.beforeFen() != null && money.beforeFen().equals(money.afterFen());
					if (row.change() != SettlementDiff.Change.CHANGED || !same) {
						lines.add(new ChangeLine(label, row.change().name(), money.column(), Yuan.of(money.beforeFen()),
								Yuan.of(money.afterFen()), signed(money.differenceFen())));
					}
				}
				for (SettlementDiff.ValueChange value : row.values()) {
					lines.add(new ChangeLine(label, row.change().name(), value.column(), value.before(), value.after(),
							null));
				}
			}
			files.add(new ChangedFile(file.name(), file.change().name(), lines));
		}
		return new Changes(version - 1, false, files);
	}

	private static String signed(long fen) {
		return ((fen > 0) ? "+" : "") + Yuan.of(fen);
	}

	/**
	 * The chart of the recent dates: payable, receivable and claimable in yuan, as the
	 * JSON {@code static/js/chart.js} reads from the page (no inline script).
	 */
	private String chart(List<SettlementBrowser.DateTotals> dates, Locale locale) {
		StringBuilder labels = new StringBuilder();
		StringBuilder payable = new StringBuilder();
		StringBuilder receivable = new StringBuilder();
		StringBuilder claimable = new StringBuilder();
		for (SettlementBrowser.DateTotals date : dates) {
			String comma = (labels.length() > 0) ? "," : "";
			labels.append(comma).append('"').append(date.clearingDate()).append('"');
			payable.append(comma).append(BigDecimal.valueOf(date.totals().payableFen(), 2).toPlainString());
			receivable.append(comma).append(BigDecimal.valueOf(date.totals().netReceivableFen(), 2).toPlainString());
			claimable.append(comma).append(BigDecimal.valueOf(date.totals().claimableFen(), 2).toPlainString());
		}
		return "{\"type\":\"line\",\"labels\":[" + labels + "],\"series\":["
				+ series("settlement.chart.payable", payable, locale) + ","
				+ series("settlement.chart.receivable", receivable, locale) + ","
				+ series("settlement.chart.claimable", claimable, locale) + "]}";
	}

	private String series(String key, StringBuilder values, Locale locale) {
		return "{\"name\":" + jsonString(this.messages.getMessage(key, null, locale)) + ",\"values\":[" + values + "]}";
	}

	static String jsonString(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

	/**
	 * One version on the date's page.
	 *
	 * @param version the version with its files and totals
	 * @param changes what it changed against the one before (null for version 1)
	 */
	record VersionPage(VersionEntry version, Changes changes) {
	}

	/**
	 * What a version changed.
	 *
	 * @param against the version it is compared with
	 * @param notArchived whether a version's bytes are no longer kept (no comparison)
	 * @param files the files that changed
	 */
	record Changes(int against, boolean notArchived, List<ChangedFile> files) {
	}

	/**
	 * A file that changed.
	 *
	 * @param name the file name
	 * @param change ADDED, REMOVED or CHANGED
	 * @param lines one line per column of each changed row
	 */
	record ChangedFile(String name, String change, List<ChangeLine> lines) {
	}

	/**
	 * One column of a changed row.
	 *
	 * @param row the row's identity, in words
	 * @param change ADDED, REMOVED or CHANGED
	 * @param column the column
	 * @param before the earlier value (yuan for money), or null
	 * @param after the later value, or null
	 * @param difference the signed difference for money, else null
	 */
	record ChangeLine(String row, String change, String column, String before, String after, String difference) {
	}

}
