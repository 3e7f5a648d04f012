package io.cardops.jobs.settle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.cardops.domain.calendar.AcademicCalendar;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the published settlement for finance (http.md, "Settlement"): the dates with
 * their latest totals, every version of a date with its files, a file's bytes as
 * published, a version as a zip, and what changed between two versions. All money is in
 * fen.
 */
@Service
public class SettlementBrowser {

	private static final String TOTALS = """
			COALESCE(SUM(CASE WHEN f.role = 'OPERATOR' THEN f.net_fen ELSE 0 END), 0) AS payable,
			COALESCE(SUM(CASE WHEN f.role = 'CHANNEL' THEN f.net_fen ELSE 0 END), 0) AS receivable,
			COALESCE(SUM(CASE WHEN f.role = 'SUBSIDY' THEN f.net_fen ELSE 0 END), 0) AS claimable""";

	private final JdbcClient jdbc;

	private final SettlementArchive archive;

	private final ClaimToPayable claims;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param archive every version's bytes
	 * @param claims what each operator claimed against what it is paid
	 */
	public SettlementBrowser(JdbcClient jdbc, SettlementArchive archive, ClaimToPayable claims) {
		this.jdbc = jdbc;
		this.archive = archive;
		this.claims = claims;
	}

	/**
	 * The settled dates of a range, oldest first, each with its latest version's totals.
	 * @param from the first clearing date
	 * @param to the last clearing date
	 * @return one entry per settled date
	 */
	public List<DateTotals> list(LocalDate from, LocalDate to) {
		return dates(from, to);
	}

	/**
	 * The most recent settled dates, oldest first, each with its latest version's totals.
	 * @param count how many dates
	 * @return at most that many dates
	 */
	public List<DateTotals> recent(int count) {
		List<LocalDate> newest = this.jdbc
			.sql("SELECT DISTINCT clearing_date FROM settlement_version ORDER BY clearing_date DESC LIMIT ?")
			.params(count)
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list();
		return newest.isEmpty() ? List.of() : dates(newest.get(newest.size() - 1), newest.get(0));
	}

	private List<DateTotals> dates(LocalDate from, LocalDate to) {
		return this.jdbc
			.sql("""
					SELECT v.clearing_date, v.version, v.published_at,
					  (SELECT COUNT(*) FROM settlement_version c WHERE c.clearing_date = v.clearing_date) AS versions,
					""" + TOTALS
					+ """

							FROM settlement_version v
							LEFT JOIN settlement_file f ON f.clearing_date = v.clearing_date AND f.version = v.version
							WHERE v.clearing_date BETWEEN ? AND ?
							  AND v.version = (SELECT MAX(m.version) FROM settlement_version m WHERE m.clearing_date = v.clearing_date)
							GROUP BY v.clearing_date, v.version, v.published_at
							ORDER BY v.clearing_date""")
			.params(from, to)
			.query((rs, n) -> new DateTotals(rs.getObject(1, LocalDate.class), rs.getInt(2),
					rs.getObject(3, OffsetDateTime.class), rs.getInt(4),
					new Totals(rs.getLong("payable"), rs.getLong("receivable"), rs.getLong("claimable"))))
			.list();
	}

	/**
	 * Every version of a date, newest first, with its files and totals, and what each
	 * operator claimed against what it is paid.
	 * @param date the clearing date
	 * @return the date, or empty when it was never settled
	 */
	public Optional<SettlementDate> date(LocalDate date) {
		List<Version> versions = new ArrayList<>();
		this.jdbc.sql("SELECT v.version, v.published_at, " + TOTALS + """

				FROM settlement_version v
				LEFT JOIN settlement_file f ON f.clearing_date = v.clearing_date AND f.version = v.version
				WHERE v.clearing_date = ?
				GROUP BY v.version, v.published_at
				ORDER BY v.version DESC""")
			.params(date)
			.query((rs, n) -> new Version(rs.getInt(1), rs.getObject(2, OffsetDateTime.class),
					new Totals(rs.getLong("payable"), rs.getLong("receivable"), rs.getLong("claimable")),
					new ArrayList<>()))
			.list()
			.forEach(versions::add);
		if (versions.isEmpty()) {
			return Optional.empty();
		}
		for (Version version : versions) {
			version.files().addAll(files(date, version.version()));
		}
		return Optional.of(new SettlementDate(date, versions, this.claims.of(date)));
	}

	/**
	 * The first version of a date that counted the releases of an instant (its cutoff,
	 * ReleaseCutoff, after it): the one that paid a tap released then (desk.md, "What a
	 * release changes").
	 * @param date the clearing date
	 * @param after the instant
	 * @return its number and when it was published, or empty while none was
	 */
	public Optional<Published> firstPublishedAfter(LocalDate date, OffsetDateTime after) {
		return this.jdbc.sql("""
				SELECT version, published_at FROM settlement_version
				WHERE clearing_date = ? AND releases_before > ?
				ORDER BY version FETCH FIRST 1 ROW ONLY""")
			.params(date, after)
			.query((rs, n) -> new Published(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
			.optional();
	}

	private List<File> files(LocalDate date, int version) {
		// Archives the bytes of a version published before the archive existed, while the
		// outbox still holds them.
		this.archive.archived(date, version);
		return this.jdbc.sql("""
				SELECT f.file_name, f.role, f.partner, f.records, f.sha256, OCTET_LENGTH(c.content)
				FROM settlement_file f
				LEFT JOIN settlement_file_content c ON c.clearing_date = f.clearing_date AND c.version = f.version
				  AND c.file_name = f.file_name
				WHERE f.clearing_date = ? AND f.version = ?
				ORDER BY f.file_name""").params(date, version).query((rs, n) -> {
			// OCTET_LENGTH is an INTEGER on PostgreSQL, a BIGINT on H2.
			long size = rs.getLong(6);
			Long bytes = rs.wasNull() ? null : size;
			return new File(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), bytes);
		}).list();
	}

	/**
	 * One file of a version, as published.
	 * @param date the clearing date
	 * @param version the version, or null for the latest
	 * @param name the file's name
	 * @return the file, or empty when the date, version or file is unknown
	 * @throws NotArchivedException when the version's bytes were never archived and the
	 * outbox no longer holds them
	 */
	public Optional<Download> file(LocalDate date, Integer version, String name) {
		Optional<Integer> resolved = resolve(date, version);
		if (resolved.isEmpty()) {
			return Optional.empty();
		}
		Optional<String> sha256 = this.jdbc
			.sql("SELECT sha256 FROM settlement_file WHERE clearing_date = ? AND version = ? AND file_name = ?")
			.params(date, resolved.get(), name)
			.query(String.class)
			.optional();
		if (sha256.isEmpty()) {
			return Optional.empty();
		}
		byte[] content = this.archive.content(date, resolved.get(), name)
			.orElseThrow(() -> new NotArchivedException(date, resolved.get()));
		boolean latest = (version == null) || resolve(date, null).equals(resolved);
		return Optional.of(new Download(name, resolved.get(), latest, sha256.get(), content));
	}

	/**
	 * Writes a version's files and their control files as a zip, in name order, each
	 * entry dated when the version was published (the same version always zips to the
	 * same bytes).
	 * @param date the clearing date
	 * @param version the version, or null for the latest
	 * @param out where the zip goes (left open)
	 * @return the version zipped, or empty when the date or version is unknown (nothing
	 * written)
	 * @throws NotArchivedException when the version's bytes are not kept
	 */
	public Optional<Integer> zip(LocalDate date, Integer version, OutputStream out) {
		Optional<Integer> resolved = resolve(date, version);
		if (resolved.isEmpty()) {
			return resolved;
		}
		OffsetDateTime publishedAt = this.jdbc
			.sql("SELECT published_at FROM settlement_version WHERE clearing_date = ? AND version = ?")
			.params(date, resolved.get())
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.single();
		List<String> names = new ArrayList<>();
		for (String name : this.jdbc
			.sql("SELECT file_name FROM settlement_file WHERE clearing_date = ? AND version = ? ORDER BY file_name")
			.params(date, resolved.get())
			.query(String.class)
			.list()) {
			names.add(name);
			names.add(name + ".ctl");
		}
		List<byte[]> contents = new ArrayList<>();
		for (String name : names) {
			contents.add(this.archive.content(date, resolved.get(), name)
				.orElseThrow(() -> new NotArchivedException(date, resolved.get())));
		}
		try {
			ZipOutputStream zip = new ZipOutputStream(out);
			for (int i = 0; i < names.size(); i++) {
				ZipEntry entry = new ZipEntry(names.get(i));
				// A zip's entry time is a local time: Beijing's, as on every page
				// and report, not the server's zone.
				entry.setTimeLocal(publishedAt.atZoneSameInstant(AcademicCalendar.ZONE).toLocalDateTime());
				zip.putNextEntry(entry);
				zip.write(contents.get(i));
				zip.closeEntry();
			}
			zip.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the zip of " + date + " version " + resolved.get(), ex);
		}
		return resolved;
	}

	/**
	 * What changed between two versions of a date, per file and row.
	 * @param date the clearing date
	 * @param from the earlier version
	 * @param to the later version
	 * @return the changes, or empty when either version is unknown
	 * @throws NotArchivedException when either version's bytes are not kept
	 */
	public Optional<SettlementDiff> diff(LocalDate date, int from, int to) {
		if (resolve(date, from).isEmpty() || resolve(date, to).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(SettlementDiff.between(from, to, contents(date, from), contents(date, to)));
	}

	private List<SettlementDiff.Published> contents(LocalDate date, int version) {
		List<SettlementDiff.Published> files = new ArrayList<>();
		for (String name : this.jdbc
			.sql("SELECT file_name FROM settlement_file WHERE clearing_date = ? AND version = ? ORDER BY file_name")
			.params(date, version)
			.query(String.class)
			.list()) {
			files.add(new SettlementDiff.Published(name, this.archive.content(date, version, name)
				.orElseThrow(() -> new NotArchivedException(date, version))));
		}
		return files;
	}

	private Optional<Integer> resolve(LocalDate date, Integer version) {
		if (version != null) {
			return this.jdbc.sql("SELECT version FROM settlement_version WHERE clearing_date = ? AND version = ?")
				.params(date, version)
				.query(Integer.class)
				.optional();
		}
		return this.jdbc.sql("SELECT MAX(version) FROM settlement_version WHERE clearing_date = ?")
			.params(date)
			.query((rs, n) -> (Integer) rs.getObject(1, Integer.class))
			.optional()
			.filter((latest) -> latest != null);
	}

	/**
	 * The day's totals of a version, in fen.
	 *
	 * @param payableFen Σ over operators of what the issuer pays
	 * @param netReceivableFen Σ over channels of what the issuer receives
	 * @param claimableFen what the subsidy fund owes
	 */
	public record Totals(long payableFen, long netReceivableFen, long claimableFen) {
	}

	/**
	 * A settled date with its latest version.
	 *
	 * @param clearingDate the clearing date
	 * @param version the latest version
	 * @param publishedAt when it was published
	 * @param versions how many versions the date has
	 * @param totals the latest version's totals
	 */
	public record DateTotals(LocalDate clearingDate, int version, OffsetDateTime publishedAt, int versions,
			Totals totals) {
	}

	/**
	 * Every version of a date and the claims behind it.
	 *
	 * @param clearingDate the clearing date
	 * @param versions the versions, newest first
	 * @param claims per operator, from what it claimed to what it is paid
	 */
	public record SettlementDate(LocalDate clearingDate, List<Version> versions,
			List<ClaimToPayable.OperatorClaim> claims) {
	}

	/**
	 * A version's number and when it was published.
	 *
	 * @param version the version
	 * @param publishedAt when
	 */
	public record Published(int version, OffsetDateTime publishedAt) {
	}

	/**
	 * One version of a date.
	 *
	 * @param version the version number
	 * @param publishedAt when it was published
	 * @param totals its totals
	 * @param files its files, in name order
	 */
	public record Version(int version, OffsetDateTime publishedAt, Totals totals, List<File> files) {

		/**
		 * Whether every file's bytes are kept.
		 * @return false when some file of the version can no longer be downloaded
		 */
		public boolean archived() {
			return this.files.stream().allMatch((file) -> file.bytes() != null);
		}

	}

	/**
	 * One file of a version.
	 *
	 * @param name the file name
	 * @param role OPERATOR, CHANNEL, SUBSIDY or SUMMARY
	 * @param partner the partner it settles (null for the summary)
	 * @param rows its data rows
	 * @param sha256 the SHA-256 of its bytes
	 * @param bytes its size, or null when its bytes are not archived
	 */
	public record File(String name, String role, String partner, long rows, String sha256, Long bytes) {
	}

	/**
	 * A file's bytes as published.
	 *
	 * @param name the file name
	 * @param version the version it belongs to
	 * @param latest whether that is the date's latest version
	 * @param sha256 the SHA-256 of the bytes
	 * @param content the bytes
	 */
	public record Download(String name, int version, boolean latest, String sha256, byte[] content) {
	}

	/**
	 * A version whose bytes were published before the archive existed and that the outbox
	 * no longer holds.
	 */
	public static class NotArchivedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotArchivedException(LocalDate date, int version) {
			super("version " + version + " of " + date
					+ " was published before its bytes were archived, and the outbox no longer holds them");
		}

	}

}
