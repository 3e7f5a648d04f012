package io.cardops.writers.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Turns a published CSV (files.md, "Outbound") into an {@code .xlsx} workbook of one
 * sheet, streaming (Apache POI's SXSSF keeps only a window of rows in memory).
 *
 * <p>
 * The cells are typed by the column's name, as files.md names them: {@code *_yuan}
 * columns are numbers shown as {@code 0.00}; {@code clearing_date}, {@code valid_until},
 * {@code since} and other {@code *_date} columns are dates shown as {@code yyyy-mm-dd};
 * counts ({@code taps}, {@code records}, {@code commission_bp}, ...) are whole numbers;
 * every other column, card numbers and line names included, is text, so a 19-digit card
 * number stays 19 digits. A cell that does not parse as its column's type is kept as
 * text. The header row is bold and frozen, and each column is as wide as its longest cell
 * (within bounds).
 */
public final class CsvWorkbook {

	/** The media type of an {@code .xlsx} workbook. */
	public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final Set<String> DATE_COLUMNS = Set.of("clearing_date", "valid_until", "since", "snapshot_date",
			"enrolled_on", "expected_graduation");

	private static final Set<String> COUNT_COLUMNS = Set.of("taps", "trips", "recharges", "commission_bp", "items",
			"student_taps", "records", "rows", "version", "source_line");

	private static final int ROWS_IN_MEMORY = 100;

	private static final int MIN_WIDTH = 8;

	private static final int MAX_WIDTH = 60;

	private CsvWorkbook() {
	}

	/**
	 * Writes the workbook of a CSV.
	 * @param csv the CSV's bytes (UTF-8, a leading BOM is skipped)
	 * @param sheetName the sheet's name (cut and cleaned to what a spreadsheet accepts)
	 * @param xlsx where the workbook goes (left open)
	 * @throws UncheckedIOException when the CSV cannot be read or the workbook written
	 */
	public static void export(InputStream csv, String sheetName, OutputStream xlsx) {
		try (Reader reader = withoutBom(new InputStreamReader(csv, StandardCharsets.UTF_8));
				CSVParser parser = CSVFormat.RFC4180.parse(reader);
				SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
			Styles styles = new Styles(workbook);
			SXSSFSheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
			List<Kind> kinds = new ArrayList<>();
			List<Integer> widths = new ArrayList<>();
			int rowIndex = 0;
			for (CSVRecord record : parser) {
				Row row = sheet.createRow(rowIndex);
				for (int column = 0; column < record.size(); column++) {
					String value = record.get(column);
					Cell cell = row.createCell(column);
					if (rowIndex == 0) {
						kinds.add(Kind.of(value));
						widths.add(0);
						cell.setCellValue(value);
						cell.setCellStyle(styles.header);
					}
					else {
						write(cell, (column < kinds.size()) ? kinds.get(column) : Kind.TEXT, value, styles);
					}
					if (column < widths.size()) {
						widths.set(column, Math.max(widths.get(column), displayWidth(value)));
					}
				}
				rowIndex++;
			}
			if (rowIndex > 0) {
				sheet.createFreezePane(0, 1);
			}
			for (int column = 0; column < widths.size(); column++) {
				int chars = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths.get(column) + 2));
				sheet.setColumnWidth(column, chars * 256);
			}
			workbook.write(xlsx);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot turn the CSV into a workbook", ex);
		}
	}

	private static Reader withoutBom(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

	private static void write(Cell cell, Kind kind, String value, Styles styles) {
		if (value.isEmpty()) {
			cell.setBlank();
			return;
		}
		try {
			switch (kind) {
				case YUAN -> {
					// A spreadsheet number is a binary double: exact for every amount of
					// two decimals below 2^53 fen, and shown with the 0.00 format.
					cell.setCellValue(new BigDecimal(value).doubleValue());
					cell.setCellStyle(styles.yuan);
				}
				case DATE -> {
					cell.setCellValue(LocalDate.parse(value));
					cell.setCellStyle(styles.date);
				}
				case COUNT -> {
					cell.setCellValue(Long.parseLong(value));
					cell.setCellStyle(styles.count);
				}
				default -> text(cell, value, styles);
			}
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			text(cell, value, styles);
		}
	}

	private static void text(Cell cell, String value, Styles styles) {
		cell.setCellValue(value);
		cell.setCellStyle(styles.text);
	}

	/** Width in character cells: a CJK character takes two. */
	private static int displayWidth(String value) {
		int width = 0;
		for (int i = 0; i < value.length(); i++) {
			width += (value.charAt(i) >= 0x2E80) ? 2 : 1;
		}
		return width;
	}

	/** How a column's cells are written. */
	private enum Kind {

		TEXT, YUAN, DATE, COUNT;

		static Kind of(String header) {
			String name = header.strip().toLowerCase(Locale.ROOT);
			if (name.endsWith("_yuan")) {
				return YUAN;
			}
			if (DATE_COLUMNS.contains(name) || name.endsWith("_date")) {
				return DATE;
			}
			return COUNT_COLUMNS.contains(name) ? COUNT : TEXT;
		}

	}

	/** The cell styles of one workbook (a workbook holds a limited number of styles). */
	private static final class Styles {

		private final CellStyle header;

		private final CellStyle yuan;

		private final CellStyle date;

		private final CellStyle count;

		private final CellStyle text;

		Styles(SXSSFWorkbook workbook) {
			Font bold = workbook.createFont();
			bold.setBold(true);
			this.header = workbook.createCellStyle();
			this.header.setFont(bold);
			this.yuan = workbook.createCellStyle();
			this.yuan.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
			this.date = workbook.createCellStyle();
			this.date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
			this.count = workbook.createCellStyle();
			this.count.setDataFormat(workbook.createDataFormat().getFormat("0"));
			this.text = workbook.createCellStyle();
			// "@": the cell is text even when a user edits it into something number-like.
			this.text.setDataFormat(workbook.createDataFormat().getFormat("@"));
		}

	}

}
