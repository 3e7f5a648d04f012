package io.cardops.jobs.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.cardops.writers.bulk.ProcessFiles;

/**
 * The spill sorts of the reconciliations this process runs, one per job execution: made
 * by the load step, read by the partitions judged in this process, removed when the job
 * ends (or the process stops). A partition of another execution or another process finds
 * none and reads the database.
 */
@Component
public class DaySpills implements JobExecutionListener, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DaySpills.class);

	private static final String PREFIX = "cardops-sort-";

	private final Map<Long, DaySpill> spills = new ConcurrentHashMap<>();

	/**
	 * Starts the spill sort of a job execution's load, in a folder of its own named by
	 * this process and the execution. Folders left by a process that died (killed
	 * mid-load) are removed first. The sort is only a shortcut: when its folder cannot be
	 * made, it logs why and the load goes on without it (the partitions read the
	 * database).
	 * @param execution the job execution
	 * @param date the clearing date loaded
	 * @param parts the partitions the judging splits the date's cards into
	 * @param settings the sort's buffer and folder
	 * @return the spill, or null when its folder cannot be made
	 */
	DaySpill open(long execution, LocalDate date, int parts, ReconcileSettings settings) {
		Path parent = settings.sortFolder();
		Path directory;
		try {
			Files.createDirectories(parent);
			removeOrphans(parent);
			directory = Files.createTempDirectory(parent,
					PREFIX + ProcessHandle.current().pid() + "-" + execution + "-");
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn(
					"the judging's sort could not make a folder in {} (cardops.reconcile.sort-directory, or"
							+ " java.io.tmpdir when it is empty): {}; the partitions of {} read the database instead",
					parent, ex.getMessage(), date);
			return null;
		}
		DaySpill spill = new DaySpill(date, parts, settings.sortBufferRows(), directory);
		DaySpill replaced = this.spills.put(execution, spill);
		if (replaced != null) {
			replaced.close();
		}
		return spill;
	}

	/** Removes the sort folders of processes that are gone. */
	private static void removeOrphans(Path parent) throws IOException {
		try (Stream<Path> folders = Files.list(parent)) {
			for (Path folder : folders.toList()) {
				try {
					if (ProcessFiles.ownerGone(folder.getFileName().toString(), PREFIX)) {
						DaySpill.remove(folder);
					}
				}
				catch (UncheckedIOException ex) {
					// Removed by another process meanwhile.
				}
			}
		}
	}

	/**
	 * The spill sort of a job execution, if this process made one.
	 * @param execution the job execution
	 * @return the spill
	 */
	Optional<DaySpill> of(long execution) {
		return Optional.ofNullable(this.spills.get(execution));
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		DaySpill spill = this.spills.remove(jobExecution.getId());
		if (spill != null) {
			spill.close();
		}
	}

	/**
	 * Removes every spill left (the process stops).
	 */
	@Override
	public void destroy() {
		this.spills.values().forEach(DaySpill::close);
		this.spills.clear();
	}

}
