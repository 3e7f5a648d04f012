package io.cardops.jobs.partition;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who runs a partition, as recorded with its results: this process and its host.
 */
public final class Worker {

	private static final String NAME = ProcessHandle.current().pid() + "@" + host();

	private Worker() {
	}

	/**
	 * This process.
	 * @return {@code <pid>@<host>}
	 */
	public static String name() {
		return NAME;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
