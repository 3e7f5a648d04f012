package io.cardops.writers.workbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CsvWorkbook}: each workbook is read back with POI.
 */
class CsvWorkbookTests {

	private static final String BOM = "\uFEFF";

	private final DataFormatter shown = new DataFormatter();

	@Test
	void operatorSettlementKeepsIdentifiersAsTextAndAmountsAsNumbersWithTwoDecimals() throws IOException {
		String csv = BOM + "clearing_date,operator,mode,line,taps,trips,full_fare_yuan,discount_yuan,charged_yuan,"
				+ "held_yuan,payable_yuan\r\n" + "2026-09-03,BJSUBWAY,METRO,大兴线,8,2,12.00,6.00,6.00,2.00,4.00\r\n"
				+ "2026-09-03,BJSUBWAY,METRO,052,2,1,9.50,1.50,-2.50,0.00,2.50\r\n"
				+ "2026-09-03,BJSUBWAY,TOTAL,,10,3,21.50,7.50,3.50,2.00,6.50\r\n";

		try (XSSFWorkbook workbook = export(csv, "settlement_20260903_BJSUBWAY")) {
			XSSFSheet sheet = workbook.getSheetAt(0);

			assertThat(sheet.getSheetName()).isEqualTo("settlement_20260903_BJSUBWAY");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			Row header = sheet.getRow(0);
			assertThat(header.getCell(10).getStringCellValue()).isEqualTo("payable_yuan");
			assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
			Row second = sheet.getRow(2);
			assertThat(second.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(second.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 9, 3));
			assertThat(this.shown.formatCellValue(second.getCell(0))).isEqualTo("2026-09-03");
			// A line named 052 stays 052: text, not the number 52.
			assertThat(second.getCell(3).getCellType()).isEqualTo(CellType.STRING);
			assertThat(second.getCell(3).getStringCellValue()).isEqualTo("052");
			assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("大兴线");
			assertThat(second.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(second.getCell(4).getNumericCellValue()).isEqualTo(2.0);
			Cell fullFare = second.getCell(6);
			assertThat(fullFare.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(fullFare.getNumericCellValue()).isEqualTo(9.5);
			assertThat(fullFare.getCellStyle().getDataFormatString()).isEqualTo("0.00");
			assertThat(this.shown.formatCellValue(fullFare)).isEqualTo("9.50");
			assertThat(this.shown.formatCellValue(second.getCell(8))).isEqualTo("-2.50");
			Row total = sheet.getRow(3);
			assertThat(total.getCell(3).getCellType()).isEqualTo(CellType.BLANK);
			assertThat(this.shown.formatCellValue(total.getCell(10))).isEqualTo("6.50");
		}
	}

	@Test
	void headerRowIsFrozenAndColumnsAreWideEnoughForTheirCells() throws IOException {
		String csv = BOM + "card_no,institution,student_no,valid_until\r\n"
				+ "3104047425952360017,UCAS,2024E801,2026-09-30\r\n";

		try (XSSFWorkbook workbook = export(csv, "expired_cards_20261001")) {
			XSSFSheet sheet = workbook.getSheetAt(0);

			PaneInformation pane = sheet.getPaneInformation();
			assertThat(pane).isNotNull();
			assertThat(pane.isFreezePane()).isTrue();
			assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
			assertThat(pane.getVerticalSplitPosition()).isZero();
			// 19 digits + 2: the card number is not shown as ####.
			assertThat(sheet.getColumnWidth(0)).isEqualTo(21 * 256);
			assertThat(sheet.getColumnWidth(1)).isEqualTo(13 * 256);
			Cell card = sheet.getRow(1).getCell(0);
			assertThat(card.getCellType()).isEqualTo(CellType.STRING);
			assertThat(card.getStringCellValue()).isEqualTo("3104047425952360017");
			assertThat(this.shown.formatCellValue(card)).isEqualTo("3104047425952360017");
			assertThat(this.shown.formatCellValue(sheet.getRow(1).getCell(3))).isEqualTo("2026-09-30");
		}
	}

	@Test
	void aCellThatIsNotItsColumnsTypeStaysTextAndAnInjectionGuardStaysAsPublished() throws IOException {
		String csv = BOM + "clearing_date,channel,recharges,amount_yuan\r\n" + "not a date,'=1+1,many,n/a\r\n";

		try (XSSFWorkbook workbook = export(csv, "x")) {
			Row row = workbook.getSheetAt(0).getRow(1);

			for (int column = 0; column < 4; column++) {
				assertThat(row.getCell(column).getCellType()).isEqualTo(CellType.STRING);
			}
			assertThat(row.getCell(1).getStringCellValue()).isEqualTo("'=1+1");
		}
	}

	@Test
	void aFileWithOnlyItsHeaderIsAWorkbookWithOnlyItsHeader() throws IOException {
		try (XSSFWorkbook workbook = export(BOM + "clearing_date,partner\r\n", "settlement_20260904_summary")) {
			XSSFSheet sheet = workbook.getSheetAt(0);

			assertThat(sheet.getLastRowNum()).isZero();
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("partner");
		}
	}

	private static XSSFWorkbook export(String csv, String sheet) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CsvWorkbook.export(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), sheet, out);
		return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
	}

}
