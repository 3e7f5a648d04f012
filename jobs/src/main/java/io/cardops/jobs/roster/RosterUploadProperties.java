package io.cardops.jobs.roster;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where roster uploads are kept and how large one may be.
 *
 * @param uploads the folder that keeps every upload's bytes under a name the server
 * chooses ({@code cardops.uploads}, default {@code data/uploads})
 * @param http the portal's request limits
 */
@ConfigurationProperties("cardops")
public record RosterUploadProperties(@DefaultValue("data/uploads") Path uploads, @DefaultValue Http http) {

	/**
	 * Checks the folder: a file where it should be would fail every upload (500), so it
	 * is refused at the start, naming the setting.
	 */
	public RosterUploadProperties {
		if (uploads != null && Files.exists(uploads) && !Files.isDirectory(uploads)) {
			throw new IllegalArgumentException(
					"cardops.uploads (CARDOPS_UPLOADS) " + uploads + " is a file where a folder is needed");
		}
	}

	/**
	 * The portal's request limits.
	 *
	 * @param maxUpload the largest roster upload accepted
	 * ({@code cardops.http.max-upload}, default 50MB)
	 */
	public record Http(@DefaultValue("50MB") DataSize maxUpload) {
	}

}
