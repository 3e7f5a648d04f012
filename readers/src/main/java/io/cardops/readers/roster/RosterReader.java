package io.cardops.readers.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardops.domain.digest.Sha256;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.roster.RosterDuplicates;
import io.cardops.domain.roster.RosterField;
import io.cardops.domain.roster.RosterRowResult;
import io.cardops.domain.roster.RosterRowValidator;
import io.cardops.readers.csv.InboundCsv;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.csv.InboundRow;

/**
 * Reads one roster file in two streaming passes: {@link #scan()} hashes the bytes, checks
 * the charset and header and finds duplicated student numbers; {@link #read} judges every
 * row in file order. Neither pass holds the file: only the set of student numbers is
 * kept, because a duplicate's first copy can only be rejected once its second copy has
 * been seen.
 */
public final class RosterReader {

	/** The longest student_no a rejects line copies back (the format's own limit). */
	private static final int SHOWN_STUDENT_NO = 32;

	/** Column names of the roster format, in files.md order. */
	public static final List<String> COLUMNS = Arrays.stream(RosterField.values()).map(RosterField::header).toList();

	/** The columns a roster must have. */
	public static final List<String> REQUIRED_COLUMNS = Arrays.stream(RosterField.values())
		.filter(RosterField::required)
		.map(RosterField::header)
		.toList();

	/** The field reported for a row whose number of cells differs from the header's. */
	public static final String ROW_FIELD = "row";

	private final Path file;

	private final Charset charset;

	private final RosterRowValidator validator;

	/**
	 * Creates a reader.
	 * @param file the roster file
	 * @param charset the charset the upload declared
	 * @param fileDate the date in the file's name, which rows are judged on (a birth date
	 * after it is in the future)
	 */
	public RosterReader(Path file, Charset charset, LocalDate fileDate) {
		this.file = file;
		this.charset = charset;
		this.validator = new RosterRowValidator(fileDate);
	}

	/**
	 * The first pass.
	 * @return what the file holds
	 * @throws InboundFileException when the file is unusable as a whole
	 */
	public RosterScan scan() {
		MessageDigest sha256 = Sha256.newDigest();
		Map<String, Integer> counts = new HashMap<>();
		long rows = 0;
		List<String> warnings;
		try (InputStream raw = Files.newInputStream(this.file);
				DigestInputStream in = new DigestInputStream(raw, sha256);
				InboundCsv csv = InboundCsv.open(this.file, in, this.charset, REQUIRED_COLUMNS, COLUMNS)) {
			warnings = csv.warnings();
			for (InboundRow row : csv) {
				rows++;
				String studentNo = row.get(RosterField.STUDENT_NO.header());
				if (!studentNo.isEmpty() && studentNo.length() <= 32) {
					counts.merge(studentNo, 1, Integer::sum);
				}
			}
			// The parser stops at the last record; the hash covers every byte.
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (NoSuchFileException ex) {
			throw new InboundFileException(this.file, 0, "file not found");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + this.file, ex);
		}
		if (rows == 0) {
			throw new InboundFileException(this.file, 0, "no data rows (the file holds only a header)");
		}
		Set<String> duplicates = new HashSet<>();
		counts.forEach((studentNo, count) -> {
			if (count > 1) {
				duplicates.add(studentNo);
			}
		});
		return new RosterScan(Sha256.hex(sha256), rows, duplicates, warnings);
	}

	/**
	 * The second pass: judges every row and hands it to the sink, in file order.
	 * @param scan the first pass's result
	 * @param sink receives accepted and rejected rows
	 * @throws Exception what the sink threw
	 */
	public void read(RosterScan scan, RosterRowSink sink) throws Exception {
		Map<String, String> idOwners = new HashMap<>();
		RosterDuplicates duplicates = new RosterDuplicates() {

			@Override
			public boolean isDuplicateStudentNo(String studentNo) {
				return scan.duplicateStudentNos().contains(studentNo);
			}

			@Override
			public boolean claimIdNo(String normalizedIdNo, String studentNo) {
				String owner = idOwners.putIfAbsent(normalizedIdNo, studentNo);
				return owner == null || owner.equals(studentNo);
			}

		};
		try (InputStream in = Files.newInputStream(this.file);
				InboundCsv csv = InboundCsv.open(this.file, in, this.charset, REQUIRED_COLUMNS, COLUMNS)) {
			int width = csv.width();
			for (InboundRow row : csv) {
				String studentNo = shown(row.get(RosterField.STUDENT_NO.header()));
				if (row.size() != width) {
					sink.rejected(row.line(), studentNo, ROW_FIELD,
							"has " + row.size() + " cells, the header has " + width);
					continue;
				}
				RosterRowResult result = this.validator.validate((field) -> row.get(field.header()), duplicates);
				if (result.accepted()) {
					sink.accepted(row.line(), result.student());
				}
				else {
					sink.rejected(row.line(), studentNo, result.error().field().header(), result.error().reason());
				}
			}
		}
	}

	/**
	 * A row's student_no as its rejects line shows it: as sent when it is one line of at
	 * most 32 characters, with anything like an identity number masked; empty otherwise
	 * (a stray quote can make the cell run over several rows, names and identity numbers
	 * included, which the line number locates without copying them out).
	 */
	static String shown(String studentNo) {
		if (studentNo == null) {
			return null;
		}
		if (studentNo.codePointCount(0, studentNo.length()) > SHOWN_STUDENT_NO
				|| studentNo.chars().anyMatch((c) -> c == '\n' || c == '\r')) {
			return "";
		}
		return IdNumbers.redact(studentNo);
	}

}
