package io.cardops.jobs.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who made a change and from where, as the audit log records them.
 *
 * @param account the account: a portal account, {@code <os user>@<host>} for the command
 * line, {@code serve@<host>} for a node
 * @param sourceAddress where the request came from: the client's address for the portal,
 * {@code cli} or {@code serve} otherwise
 */
public record Actor(String account, String sourceAddress) {

	/**
	 * The person at this command line: the operating system's user on this host.
	 * @return the actor
	 */
	public static Actor commandLine() {
		return new Actor(System.getProperty("user.name", "unknown") + "@" + host(), "cli");
	}

	/**
	 * A portal account acting at this command line ({@code --as NAME}): the account, and
	 * as where from the command line of the operating system's user who ran it, so that
	 * one person acting as two accounts shows.
	 * @param account the account acted as
	 * @return the actor, from for example {@code cli root@node-a}
	 */
	public static Actor commandLineAs(String account) {
		String from = "cli " + System.getProperty("user.name", "unknown") + "@" + host();
		return new Actor(account, (from.length() > 64) ? from.substring(0, 64) : from);
	}

	/**
	 * A serving node acting on its own settings (at its start-up).
	 * @return the actor
	 */
	public static Actor node() {
		return new Actor("serve@" + host(), "serve");
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
