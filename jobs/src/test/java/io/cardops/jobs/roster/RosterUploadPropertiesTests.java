package io.cardops.jobs.roster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The uploads folder is a folder, or not yet there.
 */
class RosterUploadPropertiesTests {

	@TempDir
	Path work;

	@Test
	void aFileWhereTheFolderShouldBeIsRefusedNamingTheSetting() throws IOException {
		Path file = Files.writeString(this.work.resolve("passwd"), "x");

		assertThatIllegalArgumentException().isThrownBy(() -> new RosterUploadProperties(file, null))
			.withMessage("cardops.uploads (CARDOPS_UPLOADS) " + file + " is a file where a folder is needed");
		assertThat(new RosterUploadProperties(this.work.resolve("uploads"), null).uploads())
			.isEqualTo(this.work.resolve("uploads"));
	}

}
