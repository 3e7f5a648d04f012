package io.cardops.jobs.settle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.digest.Sha256;
import io.cardops.jobs.support.CardopsProperties;

/**
 * The bytes of every settlement file published and of its {@code .ctl}, per version
 * ({@code settlement_file_content}): the outbox holds only a date's latest version, and
 * every version stays downloadable byte for byte.
 *
 * <p>
 * The settle job keeps each new version's bytes in the transaction that records it.
 * Versions published before the archive existed are kept when first asked for, from the
 * outbox, if the outbox file still has the SHA-256 the version recorded; their
 * {@code .ctl} is the one the writer wrote ({@code records=}, {@code sha256=}), rebuilt
 * from the recorded figures. A version whose file the outbox no longer holds is not
 * archived, and is reported as such.
 */
@Repository
public class SettlementArchive {

	private static final DateTimeFormatter FOLDER = DateTimeFormatter.BASIC_ISO_DATE;

	private static final String CONTROL = ".ctl";

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	/**
	 * Creates the archive.
	 * @param jdbc the database
	 * @param properties the settings (the outbox)
	 */
	public SettlementArchive(JdbcClient jdbc, CardopsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Keeps a published file's bytes and its control file's, as the outbox holds them
	 * now.
	 * @param date the clearing date
	 * @param version the version
	 * @param file the published file in the outbox
	 * @param sha256 the SHA-256 recorded for it
	 * @throws IllegalStateException when the outbox file is not the bytes recorded
	 */
	void keep(LocalDate date, int version, Path file, String sha256) {
		byte[] content = read(file);
		if (!sha256(content).equals(sha256)) {
			throw new IllegalStateException(file.getFileName() + " changed in the outbox while it was published");
		}
		byte[] control = read(file.resolveSibling(file.getFileName() + CONTROL));
		String name = file.getFileName().toString();
		insert(date, version, name, content);
		insert(date, version, name + CONTROL, control);
	}

	/**
	 * The bytes of a version's file or of its {@code .ctl} ({@code <name>.ctl}).
	 * @param date the clearing date
	 * @param version the version
	 * @param name the file's name
	 * @return the bytes as published, or empty when the version has no such file or its
	 * bytes were not archived and the outbox no longer holds them
	 */
	public Optional<byte[]> content(LocalDate date, int version, String name) {
		Optional<byte[]> kept = stored(date, version, name);
		if (kept.isPresent()) {
			return kept;
		}
		String csv = name.endsWith(CONTROL) ? name.substring(0, name.length() - CONTROL.length()) : name;
		return archiveFromOutbox(date, version, csv) ? stored(date, version, name) : Optional.empty();
	}

	/**
	 * Whether a version's bytes are kept (archiving them from the outbox first if it
	 * still holds them unchanged).
	 * @param date the clearing date
	 * @param version the version
	 * @return true when every file of the version can be downloaded
	 */
	public boolean archived(LocalDate date, int version) {
		boolean all = true;
		for (String name : this.jdbc.sql("""
				SELECT f.file_name FROM settlement_file f
				WHERE f.clearing_date = ? AND f.version = ? AND NOT EXISTS (SELECT 1 FROM settlement_file_content c
				  WHERE c.clearing_date = f.clearing_date AND c.version = f.version AND c.file_name = f.file_name)
				ORDER BY f.file_name""").params(date, version).query(String.class).list()) {
			all &= archiveFromOutbox(date, version, name);
		}
		return all;
	}

	private Optional<byte[]> stored(LocalDate date, int version, String name) {
		return this.jdbc.sql(
				"SELECT content FROM settlement_file_content WHERE clearing_date = ? AND version = ? AND file_name = ?")
			.params(date, version, name)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	private boolean archiveFromOutbox(LocalDate date, int version, String name) {
		Optional<Recorded> recorded = this.jdbc.sql(
				"SELECT records, sha256 FROM settlement_file WHERE clearing_date = ? AND version = ? AND file_name = ?")
			.params(date, version, name)
			.query((rs, n) -> new Recorded(rs.getLong(1), rs.getString(2)))
			.optional();
		Path file = this.properties.outbox().resolve(FOLDER.format(date)).resolve(name);
		if (recorded.isEmpty() || !Files.isRegularFile(file)) {
			return false;
		}
		byte[] content = read(file);
		if (!sha256(content).equals(recorded.get().sha256())) {
			return false;
		}
		insert(date, version, name, content);
		insert(date, version, name + CONTROL, recorded.get().control());
		return true;
	}

	private void insert(LocalDate date, int version, String name, byte[] content) {
		try {
			this.jdbc.sql("""
					INSERT INTO settlement_file_content (clearing_date, version, file_name, content)
					SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM settlement_file_content
					  WHERE clearing_date = ? AND version = ? AND file_name = ?)""")
				.params(date, version, name, content, date, version, name)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another request archived the same bytes first: they are kept.
		}
	}

	static String sha256(byte[] content) {
		return HexFormat.of().formatHex(Sha256.newDigest().digest(content));
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file.getFileName(), ex);
		}
	}

	/** What a version recorded of one file. */
	private record Recorded(long records, String sha256) {

		/** The control file exactly as the outbound writer writes it. */
		byte[] control() {
			return ("records=" + this.records + "\nsha256=" + this.sha256 + "\n").getBytes(StandardCharsets.UTF_8);
		}

	}

}
