package io.cardops.domain.roster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.cardops.domain.identity.IdType;
import io.cardops.domain.text.VisibleText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for {@link RosterRowValidator}.
 */
class RosterRowValidatorTests {

	private static final String ID_NO = "11010519491231002X";

	private static final String OTHER_ID_NO = "440308199001011239";

	private final RosterRowValidator validator = new RosterRowValidator(LocalDate.of(2026, 8, 25));

	private final FileDuplicates duplicates = new FileDuplicates();

	@Test
	void validRowIsAccepted() {
		RosterRowResult result = validate(row());

		assertTrue(result.accepted());
		assertNull(result.error());
		assertEquals(
				new RosterStudent("2026-S001", "王小明", IdType.RESIDENT_ID, ID_NO, StudyLevel.UNDERGRADUATE, false,
						EnrollmentStatus.ENROLLED, LocalDate.of(2026, 9, 1), LocalDate.of(2030, 6, 30)),
				result.student());
	}

	@Test
	void aBirthDateAfterTheFilesDateIsInTheFutureWithoutSayingWhich() {
		// Born 2026-12-31 with a right check character; the file is of 2026-08-25.
		Map<RosterField, String> row = row();
		row.put(RosterField.ID_NO, "110105202612310017");

		RosterRowResult result = validate(row);

		assertEquals(new FieldError(RosterField.ID_NO, "birth date in the future"), result.error());
		assertTrue(new RosterRowValidator(LocalDate.of(2026, 12, 31))
			.validate((field) -> row.get(field), new FileDuplicates())
			.accepted());
	}

	@Test
	void cellsAreTrimmedIncludingIdeographicSpaces() {
		Map<RosterField, String> row = row();
		row.put(RosterField.STUDENT_NO, "  2026-S001 ");
		row.put(RosterField.NAME, "\u3000王小明\u3000");
		row.put(RosterField.LEVEL, " MASTER\t");
		row.put(RosterField.SALARIED, " Y ");
		row.put(RosterField.ENROLLED_ON, " 2026-09-01 ");

		RosterStudent student = validate(row).student();

		assertEquals("2026-S001", student.studentNo());
		assertEquals("王小明", student.name());
		assertEquals(StudyLevel.MASTER, student.level());
		assertTrue(student.salaried());
		assertEquals(LocalDate.of(2026, 9, 1), student.enrolledOn());
	}

	@ParameterizedTest(name = "id_type ''{0}'' is RESIDENT_ID")
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\u3000", "RESIDENT_ID" })
	void absentOrBlankIdTypeMeansResidentId(String idType) {
		Map<RosterField, String> row = row();
		row.put(RosterField.ID_TYPE, idType);

		assertEquals(IdType.RESIDENT_ID, validate(row).student().idType());
	}

	@Test
	void lowerCaseXOfAResidentIdIsStoredUpperCase() {
		Map<RosterField, String> row = row();
		row.put(RosterField.ID_NO, "11010519491231002x");

		assertEquals(ID_NO, validate(row).student().idNo());
		assertEquals(Map.of(ID_NO, "2026-S001"), this.duplicates.claims);
	}

	@Test
	void otherIdTypeIsCheckedAsSuch() {
		Map<RosterField, String> row = row();
		row.put(RosterField.ID_TYPE, "HMT_PERMIT");
		row.put(RosterField.ID_NO, "H1234567890");

		RosterStudent student = validate(row).student();

		assertEquals(IdType.HMT_PERMIT, student.idType());
		assertEquals("H1234567890", student.idNo());
	}

	@ParameterizedTest(name = "{0} = ''{1}'': {2}")
	@CsvSource(
			textBlock = """
					# field,            cell,                               reason
					  STUDENT_NO,          '',                                 is required
					  STUDENT_NO,          '   ',                              is required
					  STUDENT_NO,          ,                                   is required
					  STUDENT_NO,          S 001,                              must be 1-32 of A-Z a-z 0-9 -
					  STUDENT_NO,          S_001,                              must be 1-32 of A-Z a-z 0-9 -
					  STUDENT_NO,          学号001,                             must be 1-32 of A-Z a-z 0-9 -
					  STUDENT_NO,          123456789012345678901234567890123,  must be 1-32 of A-Z a-z 0-9 -
					  NAME,                '',                                 is required
					  NAME,                ,                                   is required
					  NAME,                'Li\tMing',                         contains a control character U+0009
					  NAME,                'Li\u0007Ming',                     contains a control character U+0007
					  NAME,                'Li\u007FMing',                     contains a control character U+007F
					  NAME,                'Li\u202EgniM',                     contains an invisible character U+202E
					  NAME,                '王\u200B小明',                      contains an invisible character U+200B
					  ID_TYPE,             passport,                           'must be one of RESIDENT_ID, PASSPORT, HMT_PERMIT, TW_PERMIT'
					  ID_TYPE,             ID_CARD,                            'must be one of RESIDENT_ID, PASSPORT, HMT_PERMIT, TW_PERMIT'
					  ID_NO,               '',                                 is required
					  ID_NO,               ,                                   is required
					  ID_NO,               110105194912310021,                 check character wrong
					  ID_NO,               1101051949123100,                   must be 18 characters
					  ID_NO,               110105202302290022,                 birth date not a real date
					  LEVEL,               '',                                 is required
					  LEVEL,               ,                                   is required
					  LEVEL,               undergraduate,                      'must be one of UNDERGRADUATE, MASTER, DOCTORAL, VOCATIONAL'
					  LEVEL,               BACHELOR,                           'must be one of UNDERGRADUATE, MASTER, DOCTORAL, VOCATIONAL'
					  SALARIED,            '',                                 is required
					  SALARIED,            y,                                  must be Y or N
					  SALARIED,            YES,                                must be Y or N
					  SALARIED,            0,                                  must be Y or N
					  STATUS,              ,                                   is required
					  STATUS,              ACTIVE,                             'must be one of ENROLLED, SUSPENDED, GRADUATED, WITHDRAWN'
					  STATUS,              enrolled,                           'must be one of ENROLLED, SUSPENDED, GRADUATED, WITHDRAWN'
					  ENROLLED_ON,         '',                                 is required
					  ENROLLED_ON,         2026-02-30,                         2026-02-30 is not a valid date
					  ENROLLED_ON,         2023-02-29,                         2023-02-29 is not a valid date
					  ENROLLED_ON,         2026-13-01,                         2026-13-01 is not a valid date
					  ENROLLED_ON,         2026/09/01,                         must be a date YYYY-MM-DD
					  ENROLLED_ON,         2026-9-1,                           must be a date YYYY-MM-DD
					  ENROLLED_ON,         +2026-09-01,                        must be a date YYYY-MM-DD
					  ENROLLED_ON,         2026-09-01T08:00,                   must be a date YYYY-MM-DD
					  ENROLLED_ON,         '２０２６-０９-０１',                  must be a date YYYY-MM-DD
					  EXPECTED_GRADUATION, ,                                   is required
					  EXPECTED_GRADUATION, 2030-06-31,                         2030-06-31 is not a valid date
					  EXPECTED_GRADUATION, 2026-08-31,                         is before enrolled_on
					""")
	void badCellIsRejectedOnItsFieldWithAReason(RosterField field, String cell, String reason) {
		Map<RosterField, String> row = row();
		row.put(field, cell);

		RosterRowResult result = validate(row);

		assertFalse(result.accepted());
		assertNull(result.student());
		assertEquals(new FieldError(field, reason), result.error());
	}

	@ParameterizedTest
	@ValueSource(strings = { "Li\u0000Ming", "Li\nMing", "Li\u007FMing", "Li\u0085Ming", "Li\u009FMing" })
	void nameWithAControlCharacterInsideIsRejected(String name) {
		Map<RosterField, String> row = row();
		row.put(RosterField.NAME, name);

		assertEquals(
				new FieldError(RosterField.NAME,
						"contains a control character " + VisibleText.codePoint(name.charAt(2))),
				validate(row).error());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u202E", "\u202A", "\u2066", "\u200B", "\u200D", "\u2060", "\uFEFF", "\u061C", "\u3164" })
	void nameWithAnInvisibleCharacterIsRejectedNamingItsCodePointNotTheName(String invisible) {
		Map<RosterField, String> row = row();
		row.put(RosterField.NAME, "王" + invisible + "小明");

		FieldError error = validate(row).error();

		assertEquals(new FieldError(RosterField.NAME,
				"contains an invisible character " + VisibleText.codePoint(invisible.charAt(0))), error);
		assertFalse(error.reason().contains("王"));
	}

	@ParameterizedTest(name = "enrolled {0}, graduating {1}: accepted {2}")
	@CsvSource(textBlock = """
			2026-09-01, 2026-09-01, true
			2026-09-01, 2026-08-31, false
			2024-02-29, 2028-02-29, true
			""")
	void expectedGraduationMayNotPrecedeEnrollment(String enrolledOn, String expectedGraduation, boolean accepted) {
		Map<RosterField, String> row = row();
		row.put(RosterField.ENROLLED_ON, enrolledOn);
		row.put(RosterField.EXPECTED_GRADUATION, expectedGraduation);

		assertEquals(accepted, validate(row).accepted());
	}

	@ParameterizedTest(name = "broken {0} -> reported {1}")
	@CsvSource(textBlock = """
			# broken fields (space separated),             first failing field
			  STUDENT_NO NAME ID_TYPE ID_NO LEVEL,           STUDENT_NO
			  EXPECTED_GRADUATION NAME,                      NAME
			  ID_NO ID_TYPE,                                 ID_TYPE
			  STATUS ID_NO SALARIED,                         ID_NO
			  ENROLLED_ON LEVEL,                             LEVEL
			  STATUS SALARIED EXPECTED_GRADUATION,           SALARIED
			  EXPECTED_GRADUATION ENROLLED_ON STATUS,        STATUS
			  EXPECTED_GRADUATION ENROLLED_ON,               ENROLLED_ON
			  EXPECTED_GRADUATION,                           EXPECTED_GRADUATION
			""")
	void firstFailingFieldInColumnOrderIsReported(String broken, RosterField first) {
		Map<RosterField, String> row = row();
		for (String field : broken.split(" ")) {
			RosterField rosterField = RosterField.valueOf(field);
			row.put(rosterField, badValue(rosterField));
		}

		assertEquals(first, validate(row).error().field());
	}

	@ParameterizedTest(name = "{0} x {1}: accepted {2}")
	@CsvSource(textBlock = """
			# repeated text, times, accepted
			  𠮷,            1,     true
			  𠮷,            64,    true
			  𠮷,            65,    false
			  a,             64,    true
			  a,             65,    false
			  王,            64,    true
			  王,            65,    false
			""")
	void nameLengthCountsCodePoints(String text, int times, boolean accepted) {
		Map<RosterField, String> row = row();
		row.put(RosterField.NAME, text.repeat(times));

		RosterRowResult result = validate(row);

		assertEquals(accepted, result.accepted());
		if (!accepted) {
			assertEquals(new FieldError(RosterField.NAME, "must be at most 64 characters"), result.error());
		}
	}

	@Test
	void nameWithSupplementaryIdeographIsKeptWhole() {
		Map<RosterField, String> row = row();
		row.put(RosterField.NAME, "吉𠮷");

		assertEquals("吉𠮷", validate(row).student().name());
	}

	@Test
	void duplicateStudentNoIsRejectedBeforeAnyOtherFieldAndClaimsNoIdNo() {
		this.duplicates.duplicateStudentNos.add("2026-S001");
		Map<RosterField, String> row = row();
		row.put(RosterField.NAME, "");

		RosterRowResult result = validate(row);

		assertEquals(new FieldError(RosterField.STUDENT_NO, "duplicate student_no in file"), result.error());
		assertTrue(this.duplicates.claims.isEmpty());
	}

	@Test
	void sameIdNoUnderAnotherStudentNoRejectsTheLaterRow() {
		RosterRowResult first = validate(row());
		Map<RosterField, String> later = row();
		later.put(RosterField.STUDENT_NO, "2026-S002");
		later.put(RosterField.ID_NO, "11010519491231002x");

		RosterRowResult second = validate(later);

		assertTrue(first.accepted());
		assertEquals(new FieldError(RosterField.ID_NO, "same id_no as an earlier row with another student_no"),
				second.error());
		assertEquals(List.of("2026-S001", "2026-S002"), this.duplicates.claimants);
	}

	@Test
	void differentIdNosDoNotClash() {
		Map<RosterField, String> other = row();
		other.put(RosterField.STUDENT_NO, "2026-S002");
		other.put(RosterField.ID_NO, OTHER_ID_NO);

		assertTrue(validate(row()).accepted());
		assertTrue(validate(other).accepted());
	}

	@Test
	void rowRejectedBeforeItsIdNoDoesNotClaimIt() {
		Map<RosterField, String> badName = row();
		badName.put(RosterField.NAME, "");
		Map<RosterField, String> later = row();
		later.put(RosterField.STUDENT_NO, "2026-S002");

		assertFalse(validate(badName).accepted());
		assertTrue(validate(later).accepted());
	}

	@Test
	void rowOutcomeHoldsEitherAStudentOrAnError() {
		assertThrows(IllegalArgumentException.class, () -> new RosterRowResult(null, null));
	}

	@Test
	void fieldsAreDeclaredInFileColumnOrder() {
		List<String> headers = new ArrayList<>();
		for (RosterField field : RosterField.values()) {
			headers.add(field.header());
		}
		assertEquals(List.of("student_no", "name", "id_type", "id_no", "level", "salaried", "status", "enrolled_on",
				"expected_graduation"), headers);
		assertFalse(RosterField.ID_TYPE.required());
		assertTrue(RosterField.STUDENT_NO.required());
		assertTrue(RosterField.EXPECTED_GRADUATION.required());
	}

	private RosterRowResult validate(Map<RosterField, String> row) {
		return this.validator.validate(row::get, this.duplicates);
	}

	private static Map<RosterField, String> row() {
		Map<RosterField, String> row = new EnumMap<>(RosterField.class);
		row.put(RosterField.STUDENT_NO, "2026-S001");
		row.put(RosterField.NAME, "王小明");
		row.put(RosterField.ID_TYPE, "");
		row.put(RosterField.ID_NO, ID_NO);
		row.put(RosterField.LEVEL, "UNDERGRADUATE");
		row.put(RosterField.SALARIED, "N");
		row.put(RosterField.STATUS, "ENROLLED");
		row.put(RosterField.ENROLLED_ON, "2026-09-01");
		row.put(RosterField.EXPECTED_GRADUATION, "2030-06-30");
		return row;
	}

	private static String badValue(RosterField field) {
		return switch (field) {
			case STUDENT_NO -> "S 001";
			case NAME -> "";
			case ID_TYPE -> "ID_CARD";
			case ID_NO -> "110105194912310021";
			case LEVEL -> "BACHELOR";
			case SALARIED -> "maybe";
			case STATUS -> "ACTIVE";
			case ENROLLED_ON -> "2026-02-30";
			case EXPECTED_GRADUATION -> "2020-01-01";
		};
	}

	/**
	 * The reader's view of the file, as a plain in-memory fake.
	 */
	private static final class FileDuplicates implements RosterDuplicates {

		private final Set<String> duplicateStudentNos = new HashSet<>();

		private final Map<String, String> claims = new HashMap<>();

		private final List<String> claimants = new ArrayList<>();

		@Override
		public boolean isDuplicateStudentNo(String studentNo) {
			return this.duplicateStudentNos.contains(studentNo);
		}

		@Override
		public boolean claimIdNo(String normalizedIdNo, String studentNo) {
			this.claimants.add(studentNo);
			String earlier = this.claims.putIfAbsent(normalizedIdNo, studentNo);
			return earlier == null || earlier.equals(studentNo);
		}

	}

}
