package io.cardops.jobs.settle;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The settlement versions published, newest first, with each file's figures and SHA-256
 * (for {@code cardops runs}).
 */
@Repository
public class SettlementHistory {

	private final JdbcClient jdbc;

	/**
	 * Creates the repository.
	 * @param jdbc the database
	 */
	public SettlementHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The most recently published versions.
	 * @param limit how many versions
	 * @return the versions, newest first, each with its files
	 */
	public List<Version> recent(int limit) {
		return recent(null, limit);
	}

	/**
	 * The most recently published versions of one clearing date, or of every date.
	 * @param date the clearing date, or null for every date
	 * @param limit how many versions
	 * @return the versions, newest first, each with its files
	 */
	public List<Version> recent(LocalDate date, int limit) {
		List<Version> versions = new ArrayList<>();
		this.jdbc
			.sql("SELECT clearing_date, version, published_at, job_execution_id FROM settlement_version"
					+ ((date != null) ? " WHERE clearing_date = :date" : "")
					+ " ORDER BY published_at DESC, clearing_date DESC, version DESC LIMIT :limit")
			.params((date != null) ? Map.<String, Object>of("date", date, "limit", limit)
					: Map.<String, Object>of("limit", limit))
			.query((rs, n) -> new Version(rs.getObject(1, LocalDate.class), rs.getInt(2),
					rs.getObject(3, OffsetDateTime.class), rs.getLong(4), new ArrayList<>()))
			.list()
			.forEach(versions::add);
		for (Version version : versions) {
			this.jdbc.sql("""
					SELECT file_name, role, records, items, gross_fen, deductions_fen, net_fen, direction, sha256
					FROM settlement_file WHERE clearing_date = ? AND version = ? ORDER BY file_name""")
				.params(version.clearingDate(), version.version())
				.query((rs, n) -> new File(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9)))
				.list()
				.forEach(version.files()::add);
		}
		return versions;
	}

	/**
	 * One published version.
	 *
	 * @param clearingDate the clearing date
	 * @param version the version number (1, 2, ...)
	 * @param publishedAt when it was published
	 * @param executionId the job execution that published it
	 * @param files its files
	 */
	public record Version(LocalDate clearingDate, int version, OffsetDateTime publishedAt, long executionId,
			List<File> files) {
	}

	/**
	 * One file of a version with the figures of its summary row.
	 *
	 * @param name the file name
	 * @param role OPERATOR, CHANNEL, SUBSIDY or SUMMARY
	 * @param records its data rows
	 * @param items taps, recharges or student taps
	 * @param grossFen the gross amount
	 * @param deductionsFen the deductions
	 * @param netFen the net amount
	 * @param direction who pays whom (null for the summary)
	 * @param sha256 the SHA-256 of its bytes
	 */
	public record File(String name, String role, int records, long items, long grossFen, long deductionsFen,
			long netFen, String direction, String sha256) {
	}

}
