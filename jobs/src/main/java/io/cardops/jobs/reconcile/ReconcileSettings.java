package io.cardops.jobs.reconcile;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code cardops.reconcile.*} settings.
 *
 * @param sortWhileLoading whether the load orders the new rows per card as it reads them
 * (a bounded spill sort in the process running the job), so that the partitions judged in
 * that process read them from there instead of sorting the day again in the database;
 * partitions judged elsewhere (a worker process, a restart) read the database either way
 * and judge the same
 * @param sortBufferRows how many rows the sort holds in memory before it writes them to a
 * run file
 * @param sortDirectory where the sort's run files go (a folder per run, removed when the
 * job ends; about 100 bytes per row of the date); empty for the temporary folder
 * ({@code java.io.tmpdir})
 */
@ConfigurationProperties("cardops.reconcile")
public record ReconcileSettings(@DefaultValue("true") boolean sortWhileLoading,
		@DefaultValue("100000") int sortBufferRows, @DefaultValue("") String sortDirectory) {

	/**
	 * The folder the sort's run folders go in.
	 * @return the folder
	 */
	public Path sortFolder() {
		return Path.of(this.sortDirectory.isBlank() ? System.getProperty("java.io.tmpdir") : this.sortDirectory);
	}

	/**
	 * Checks the settings.
	 */
	public ReconcileSettings {
		if (sortBufferRows < 1) {
			throw new IllegalArgumentException(
					"cardops.reconcile.sort-buffer-rows must be at least 1, not " + sortBufferRows);
		}
	}

}
