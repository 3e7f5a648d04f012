package io.cardops.jobs.renewal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.jobs.support.CardopsProperties;
import io.cardops.readers.csv.InboundValues;
import io.cardops.writers.csv.OutboundFile;

/**
 * The renewal eligibility lists the open-renewal job published, one per institution and
 * year (in the outbox folder of the day the window opened), as the portal offers them for
 * download.
 */
@Service
public class PublishedRenewalLists {

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param properties the outbox
	 */
	public PublishedRenewalLists(JdbcClient jdbc, CardopsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * An institution's published lists, newest year first.
	 * @param institution the institution
	 * @return the lists whose files are in the outbox
	 */
	public List<RenewalList> of(String institution) {
		List<RenewalList> lists = new ArrayList<>();
		windows().forEach((window) -> list(institution, window).ifPresent(lists::add));
		return lists;
	}

	private List<Window> windows() {
		return this.jdbc.sql("SELECT window_year, opened_on, opened_at FROM renewal_window ORDER BY window_year DESC")
			.query((rs, n) -> new Window(rs.getInt(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, OffsetDateTime.class)))
			.list();
	}

	/**
	 * Every institution's published lists, newest year first, then by institution.
	 * @return the lists whose files are in the outbox
	 */
	public List<RenewalList> ofEvery() {
		List<RenewalList> lists = new ArrayList<>();
		List<String> institutions = this.jdbc
			.sql("SELECT partner_code FROM partner WHERE role = 'INSTITUTION' ORDER BY partner_code")
			.query(String.class)
			.list();
		windows().forEach(
				(window) -> institutions.forEach((institution) -> list(institution, window).ifPresent(lists::add)));
		return lists;
	}

	/**
	 * One year's list.
	 * @param institution the institution
	 * @param year the year
	 * @return the list, empty when none was published for the institution that year
	 */
	public Optional<RenewalList> of(String institution, int year) {
		return this.jdbc.sql("SELECT window_year, opened_on, opened_at FROM renewal_window WHERE window_year = ?")
			.params(year)
			.query((rs, n) -> new Window(rs.getInt(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, OffsetDateTime.class)))
			.optional()
			.flatMap((window) -> list(institution, window));
	}

	/**
	 * The bytes of a list, as published.
	 * @param list the list
	 * @return the file's bytes
	 * @throws IOException when the file cannot be read
	 */
	public byte[] bytes(RenewalList list) throws IOException {
		return Files.readAllBytes(list.path());
	}

	private Optional<RenewalList> list(String institution, Window window) {
		// Only a partner code names a file: anything else (a NUL, a slash) has no list.
		if (!InboundValues.isPartnerCode(institution)) {
			return Optional.empty();
		}
		Path file = OutboundFile.RENEWAL_ELIGIBILITY.path(this.properties.outbox(), window.openedOn(), institution);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		return Optional.of(new RenewalList(institution, window.year(), file.getFileName().toString(), rows(file),
				window.openedAt(), file));
	}

	/**
	 * The rows of a published file: its control file's count, else its lines less the
	 * header.
	 */
	private static long rows(Path file) {
		Path control = file.resolveSibling(file.getFileName() + ".ctl");
		try {
			if (Files.isRegularFile(control)) {
				for (String line : Files.readAllLines(control)) {
					if (line.startsWith("records=")) {
						return Long.parseLong(line.substring("records=".length()).strip());
					}
				}
			}
			try (var lines = Files.lines(file)) {
				return Math.max(0, lines.count() - 1);
			}
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

	private record Window(int year, LocalDate openedOn, OffsetDateTime openedAt) {
	}

	/**
	 * One published renewal eligibility list.
	 *
	 * @param institution the institution
	 * @param year the renewal year
	 * @param file the file's name
	 * @param rows its data rows
	 * @param publishedAt when the window opened and the list was published
	 * @param path where it is
	 */
	public record RenewalList(String institution, int year, String file, long rows, OffsetDateTime publishedAt,
			Path path) {
	}

}
