package io.cardops.domain.roster;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cardops.domain.identity.IdNumberCheck;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.identity.IdType;
import io.cardops.domain.text.VisibleText;

/**
 * Validates one roster row against the roster format, field by field in column order, and
 * reports the first failing field so that the university can fix its export.
 */
public final class RosterRowValidator {

	private static final String REQUIRED = "is required";

	private static final int STUDENT_NO_MAX_LENGTH = 32;

	private static final Pattern STUDENT_NO = Pattern.compile("[A-Za-z0-9-]{1," + STUDENT_NO_MAX_LENGTH + "}");

	private static final int NAME_MAX_CODE_POINTS = 64;

	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private final LocalDate fileDate;

	/**
	 * Creates a validator; it holds no state but the date, so one instance can validate
	 * every row of a file.
	 * @param fileDate the roster file's date: an identity number whose birth date is
	 * after it is refused (the domain reads no clock)
	 */
	public RosterRowValidator(LocalDate fileDate) {
		this.fileDate = fileDate;
	}

	/**
	 * Validates one data row.
	 * @param raw gives the cell text of each field, or {@code null} when the column is
	 * absent from the file (only possible for optional columns)
	 * @param duplicates what the rest of the file says about repeated student and
	 * identity numbers; its identity claim is made only once the row's earlier fields
	 * passed
	 * @return the student, or the first failing field in column order with its reason
	 */
	public RosterRowResult validate(Function<RosterField, String> raw, RosterDuplicates duplicates) {
		Cell<String> studentNo = studentNo(raw.apply(RosterField.STUDENT_NO), duplicates);
		if (studentNo.failed()) {
			return studentNo.rejection(RosterField.STUDENT_NO);
		}
		Cell<String> name = name(raw.apply(RosterField.NAME));
		if (name.failed()) {
			return name.rejection(RosterField.NAME);
		}
		Cell<IdType> idType = idType(raw.apply(RosterField.ID_TYPE));
		if (idType.failed()) {
			return idType.rejection(RosterField.ID_TYPE);
		}
		Cell<String> idNo = idNo(idType.value(), raw.apply(RosterField.ID_NO), studentNo.value(), duplicates,
				this.fileDate);
		if (idNo.failed()) {
			return idNo.rejection(RosterField.ID_NO);
		}
		Cell<StudyLevel> level = oneOf(StudyLevel.class, raw.apply(RosterField.LEVEL));
		if (level.failed()) {
			return level.rejection(RosterField.LEVEL);
		}
		Cell<Boolean> salaried = yesNo(raw.apply(RosterField.SALARIED));
		if (salaried.failed()) {
			return salaried.rejection(RosterField.SALARIED);
		}
		Cell<EnrollmentStatus> status = oneOf(EnrollmentStatus.class, raw.apply(RosterField.STATUS));
		if (status.failed()) {
			return status.rejection(RosterField.STATUS);
		}
		Cell<LocalDate> enrolledOn = date(raw.apply(RosterField.ENROLLED_ON));
		if (enrolledOn.failed()) {
			return enrolledOn.rejection(RosterField.ENROLLED_ON);
		}
		Cell<LocalDate> expectedGraduation = date(raw.apply(RosterField.EXPECTED_GRADUATION));
		if (expectedGraduation.failed()) {
			return expectedGraduation.rejection(RosterField.EXPECTED_GRADUATION);
		}
		if (expectedGraduation.value().isBefore(enrolledOn.value())) {
			return RosterRowResult.rejected(RosterField.EXPECTED_GRADUATION, "is before enrolled_on");
		}
		return RosterRowResult.of(new RosterStudent(studentNo.value(), name.value(), idType.value(), idNo.value(),
				level.value(), salaried.value(), status.value(), enrolledOn.value(), expectedGraduation.value()));
	}

	private static Cell<String> studentNo(String cell, RosterDuplicates duplicates) {
		String text = strip(cell);
		if (text.isEmpty()) {
			return Cell.failure(REQUIRED);
		}
		if (!STUDENT_NO.matcher(text).matches()) {
			return Cell.failure("must be 1-32 of A-Z a-z 0-9 -");
		}
		if (duplicates.isDuplicateStudentNo(text)) {
			return Cell.failure("duplicate student_no in file");
		}
		return Cell.success(text);
	}

	private static Cell<String> name(String cell) {
		String text = strip(cell);
		if (text.isEmpty()) {
			return Cell.failure(REQUIRED);
		}
		// Code points, not UTF-16 units: a name with a supplementary ideograph such as 𠮷
		// counts it as one character, as the university's own system does.
		if (text.codePointCount(0, text.length()) > NAME_MAX_CODE_POINTS) {
			return Cell.failure("must be at most 64 characters");
		}
		// A name is published again (eligibility lists): every character must be seen.
		String invisible = VisibleText.problem(text);
		if (invisible != null) {
			return Cell.failure(invisible);
		}
		return Cell.success(text);
	}

	private static Cell<IdType> idType(String cell) {
		String text = strip(cell);
		if (text.isEmpty()) {
			// The format lets universities leave out the column or the cell for the
			// common case of a mainland resident ID.
			return Cell.success(IdType.RESIDENT_ID);
		}
		return IdType.parse(text)
			.map(Cell::success)
			.orElseGet(() -> Cell.failure("must be one of " + names(IdType.class)));
	}

	private static Cell<String> idNo(IdType idType, String cell, String studentNo, RosterDuplicates duplicates,
			LocalDate fileDate) {
		IdNumberCheck check = IdNumbers.check(idType, strip(cell), fileDate);
		if (!check.valid()) {
			return Cell.failure(check.error());
		}
		if (!duplicates.claimIdNo(check.normalized(), studentNo)) {
			return Cell.failure("same id_no as an earlier row with another student_no");
		}
		return Cell.success(check.normalized());
	}

	private static <E extends Enum<E>> Cell<E> oneOf(Class<E> type, String cell) {
		String text = strip(cell);
		if (text.isEmpty()) {
			return Cell.failure(REQUIRED);
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(text)) {
				return Cell.success(constant);
			}
		}
		return Cell.failure("must be one of " + names(type));
	}

	private static Cell<Boolean> yesNo(String cell) {
		String text = strip(cell);
		if (text.isEmpty()) {
			return Cell.failure(REQUIRED);
		}
		return switch (text) {
			case "Y" -> Cell.success(Boolean.TRUE);
			case "N" -> Cell.success(Boolean.FALSE);
			default -> Cell.failure("must be Y or N");
		};
	}

	private static Cell<LocalDate> date(String cell) {
		String text = strip(cell);
		if (text.isEmpty()) {
			return Cell.failure(REQUIRED);
		}
		if (!DATE.matcher(text).matches()) {
			return Cell.failure("must be a date YYYY-MM-DD");
		}
		int year = Integer.parseInt(text.substring(0, 4));
		int month = Integer.parseInt(text.substring(5, 7));
		int day = Integer.parseInt(text.substring(8, 10));
		// Checked by hand rather than with a lenient parser, so that 2026-02-30 is
		// refused
		// instead of being moved to March 2.
		if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
			return Cell.failure(text + " is not a valid date");
		}
		return Cell.success(LocalDate.of(year, month, day));
	}

	private static String strip(String cell) {
		// strip(), unlike trim(), also removes the ideographic space (U+3000) that
		// Chinese
		// spreadsheets leave around values.
		return (cell != null) ? cell.strip() : "";
	}

	private static <E extends Enum<E>> String names(Class<E> type) {
		return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
	}

	/**
	 * One parsed cell: its value, or the reason it failed.
	 */
	private record Cell<T>(T value, String reason) {

		static <T> Cell<T> success(T value) {
			return new Cell<>(value, null);
		}

		static <T> Cell<T> failure(String reason) {
			return new Cell<>(null, reason);
		}

		boolean failed() {
			return this.reason != null;
		}

		RosterRowResult rejection(RosterField field) {
			return RosterRowResult.rejected(field, this.reason);
		}

	}

}
