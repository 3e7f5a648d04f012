package io.cardops.jobs.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Background timers (heartbeats, progress writes, a terminal's ticker) on one named
 * daemon thread each: they never keep a finished command's JVM alive, and a thread dump
 * names them.
 */
public final class Daemons {

	private Daemons() {
	}

	/**
	 * A scheduled executor on one daemon thread.
	 * @param name the thread's name
	 * @return the executor
	 */
	public static ScheduledExecutorService timer(String name) {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

}
