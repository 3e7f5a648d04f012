package io.cardops.jobs.roster;

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
	 * The portal's request limits.
	 *
	 * @param maxUpload the largest roster upload accepted
	 * ({@code cardops.http.max-upload}, default 50MB)
	 */
	public record Http(@DefaultValue("50MB") DataSize maxUpload) {
	}

}
