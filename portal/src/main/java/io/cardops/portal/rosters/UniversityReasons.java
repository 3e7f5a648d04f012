package io.cardops.portal.rosters;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A roster refused whole, said on the pages (the university's and the operations') in the
 * page's language. The importer writes one reason, in English, for the command line and
 * the API; the refusals a registry office meets (too many bad rows, the wrong charset
 * declared, a column missing or twice, an empty file, a header without rows, a second
 * byte order mark, a date far ahead, a date before the roster in force, a stray double
 * quote or other text that is not CSV, a spreadsheet workbook, a line too long) have
 * fixed shapes, and each is said again here ({@code rosters.reason.<kind>}). Any other
 * reason is shown as the importer wrote it. RostersApiIntegrationTests uploads a file of
 * each kind, so a change of the importer's words shows there. The uploads table asks it
 * ({@code @universityReasons}).
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
public class UniversityReasons {

	private static final List<Kind> KINDS = List.of(
			new Kind("tooManyRejected", Pattern.compile("^(\\d+) of (\\d+) rows rejected, more than ")),
			new Kind("workbook", Pattern.compile("^line 1: the file is not CSV text but a spreadsheet workbook")),
			new Kind("charset", Pattern.compile("^line (\\d+): bytes not valid in (\\S+) \\(declared charset\\)")),
			new Kind("noHeader", Pattern.compile("^line (\\d+): no header row: ")),
			new Kind("missingColumn", Pattern.compile("^line (\\d+): missing required columns? ([^:]+):")),
			new Kind("twiceColumn", Pattern.compile("^line (\\d+): column (.+?) appears twice in the header")),
			new Kind("bom", Pattern.compile("^line (\\d+) starts with a (?:second )?byte order mark")),
			new Kind("empty", Pattern.compile("^file is empty \\(no header row\\)")),
			new Kind("headerOnly", Pattern.compile("^no data rows \\(the file holds only a header\\)")),
			new Kind("farAhead",
					Pattern.compile(
							"^the date in the file name, (\\S+), is more than (\\d+) days after today \\((\\S+)\\)")),
			new Kind("older",
					Pattern.compile(
							"^the date in the file name, (\\S+), is before that of the roster in force \\((\\S+)\\)")),
			new Kind("quoteNeverClosed",
					Pattern.compile(
							"^line (\\d+): not valid CSV: a double quote \\(\"\\) opens a quoted field on this line"
									+ " that is never closed")),
			new Kind("textAfterQuoteFrom",
					Pattern.compile("^line (\\d+): not valid CSV: a quoted field closes on this line and other text"
							+ " follows it before the next comma: the row began on line (\\d+)")),
			new Kind("textAfterQuote",
					Pattern.compile("^line (\\d+): not valid CSV: a quoted field closes on this line and other text"
							+ " follows it")),
			new Kind("notCsv", Pattern.compile("^line (\\d+): not valid CSV: ")),
			new Kind("longLine", Pattern.compile("^line (\\d+): line is longer than (\\d+) characters")),
			new Kind("unknownInstitution", Pattern
				.compile("^unknown institution (\\S+) \\(not an INSTITUTION in the partners reference data\\)")));

	private static final Pattern UNKNOWN_COLUMN = Pattern
		.compile("; (?:[^;]*?: )?line (\\d+): unknown column (.+?) ignored(?=;|$)");

	/**
	 * The count of unknown columns past those the reader names one by one.
	 */
	private static final Pattern MORE_UNKNOWN_COLUMNS = Pattern
		.compile("; (?:[^;]*?: )?line (\\d+): (\\d+) more unknown columns ignored(?=;|$)");

	private final MessageSource messages;

	/**
	 * Creates the helper.
	 * @param messages the pages' messages
	 */
	public UniversityReasons(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * The reason in the page's language, when it is of a kind said again here.
	 * @param reason the importer's reason
	 * @param locale the page's language
	 * @return the reason to show
	 */
	public String of(String reason, Locale locale) {
		if (reason == null) {
			return null;
		}
		for (Kind kind : KINDS) {
			Matcher matched = kind.pattern().matcher(reason);
			if (matched.find()) {
				Object[] values = new Object[matched.groupCount()];
				for (int i = 0; i < values.length; i++) {
					values[i] = matched.group(i + 1);
				}
				return this.messages.getMessage("rosters.reason." + kind.name(), values, reason, locale)
						+ warnings(reason, locale);
			}
		}
		return reason;
	}

	/**
	 * The header's warnings that follow a refusal ({@code ; roster_X.csv: line 1: unknown
	 * column nickname ignored}), said again after it: not lost behind the refusal.
	 */
	private String warnings(String reason, Locale locale) {
		StringBuilder said = new StringBuilder();
		Matcher warning = UNKNOWN_COLUMN.matcher(reason);
		while (warning.find()) {
			said.append(' ')
				.append(this.messages.getMessage("rosters.reason.unknownColumn",
						new Object[] { warning.group(1), warning.group(2) }, locale));
		}
		Matcher more = MORE_UNKNOWN_COLUMNS.matcher(reason);
		if (more.find()) {
			said.append(' ')
				.append(this.messages.getMessage("rosters.reason.moreUnknownColumns",
						new Object[] { more.group(1), more.group(2) }, locale));
		}
		return said.toString();
	}

	private record Kind(String name, Pattern pattern) {
	}

}
