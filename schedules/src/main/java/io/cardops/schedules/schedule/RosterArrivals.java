package io.cardops.schedules.schedule;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.cardops.domain.digest.Sha256;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.readers.roster.RosterFileName;

/**
 * Finds the roster files in the inbox that the nightly chain should import:
 * {@code roster_<INST>_<YYYYMMDD>.csv} dated on or before the clearing date, oldest
 * first, that were not imported yet.
 *
 * <p>
 * A file counts as imported when an import of the same name, read in the same charset,
 * ended (applied, no-op, rejected or held) with the same content, or, when the import was
 * rejected before its content could be read, after the file was last changed: a partner
 * who fixes a file and uploads it again under the same name gets it imported the next
 * night. An import that died or failed is not ended, so the chain runs it again and the
 * job restarts it.
 *
 * <p>
 * Each institution's uploads are read in its configured charset,
 * {@code cardops.roster.charset.<CODE>} (UTF-8 unless set to GB18030). A file rejected
 * because it was read in the wrong charset is imported again the night after the setting
 * is corrected: the earlier import was of another charset.
 */
@Component
public class RosterArrivals {

	private static final Logger logger = LoggerFactory.getLogger(RosterArrivals.class);

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	/**
	 * Creates the finder.
	 * @param jdbc the database
	 * @param properties the inbox folder and the institutions' roster charsets
	 */
	public RosterArrivals(JdbcClient jdbc, CardopsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * The roster uploads to import for a clearing date.
	 * @param date the clearing date
	 * @return the uploads, oldest first
	 * @throws IOException when the inbox cannot be listed
	 * @throws InboxService.MissingInboxException when the inbox folder does not exist
	 */
	public List<Upload> notImported(LocalDate date) throws IOException {
		Path inbox = InboxService.requireFolder(this.properties.inbox());
		List<Upload> uploads = new ArrayList<>();
		try (Stream<Path> files = Files.list(inbox)) {
			for (Path file : files.toList()) {
				Optional<RosterFileName> name = RosterFileName.parse(file);
				if (name.isEmpty() || name.get().date().isAfter(date)) {
					continue;
				}
				if (Files.isSymbolicLink(file)) {
					// Whoever may put files in the inbox could otherwise point the import
					// at
					// any file of the server.
					logger.warn("{} in the inbox is a symbolic link, not a file: it is not imported (copy the file "
							+ "itself into the inbox)", file.getFileName());
					continue;
				}
				if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					continue;
				}
				Charset charset = this.properties.roster().charsetOf(name.get().institution());
				if (imported(file, charset)) {
					continue;
				}
				uploads.add(new Upload(
						new RosterImportRequest(file, name.get().institution(), name.get().date(), charset, false)));
			}
		}
		uploads.sort(Comparator.comparing((Upload upload) -> upload.request().fileDate())
			.thenComparing((upload) -> upload.request().file().getFileName().toString()));
		return uploads;
	}

	private boolean imported(Path file, Charset charset) throws IOException {
		String sha256 = Sha256.of(file);
		OffsetDateTime changed = Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC);
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM roster_import
				WHERE file_name = ? AND charset = ? AND status IN ('COMPLETED', 'NOOP', 'REJECTED', 'HELD')
				  AND (sha256 = ? OR (sha256 IS NULL AND finished_at >= ?))""")
			.params(file.getFileName().toString(), charset.name(), sha256, changed)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * One roster upload to import.
	 *
	 * @param request the import, as {@code cardops run roster-import} would make it
	 */
	public record Upload(RosterImportRequest request) {
	}

}
