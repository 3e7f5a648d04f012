package io.cardops.writers.bulk;

/**
 * The temporary files and folders a process names after itself ({@code <prefix><pid>-…}),
 * so that those of a process that was killed are known for what they are and removed by
 * the next one (the judging's spools, the load's sort).
 */
public final class ProcessFiles {

	private ProcessFiles() {
	}

	/**
	 * Whether a file or folder of the temporary folder was made by a process no longer
	 * running on this host.
	 * @param name its name
	 * @param prefix the prefix its kind is named with, before the process number
	 * @return true when it is of that kind and its process is gone; false for any other
	 * name
	 */
	public static boolean ownerGone(String name, String prefix) {
		int end = name.indexOf('-', prefix.length());
		if (!name.startsWith(prefix) || end < 0) {
			return false;
		}
		try {
			return ProcessHandle.of(Long.parseLong(name.substring(prefix.length(), end))).isEmpty();
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
