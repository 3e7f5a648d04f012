package io.cardops.portal.security;

import org.springframework.stereotype.Component;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;

/**
 * Writes every sign-in, accepted or refused, to the audit log (action {@code sign-in},
 * outcome OK, FAILED or LOCKED), with the name tried made safe to keep.
 */
@Component
public class SignInAudit {

	/** The outcome of a sign-in refused because the account is locked. */
	public static final String LOCKED = "LOCKED";

	private static final int NAME_LENGTH = 64;

	private final AuditLog audit;

	/**
	 * Creates the recorder.
	 * @param audit the audit log
	 */
	public SignInAudit(AuditLog audit) {
		this.audit = audit;
	}

	/**
	 * Records one sign-in.
	 * @param name the name tried (or the account a token belongs to)
	 * @param sourceAddress the client's address
	 * @param method how: form, basic or bearer
	 * @param outcome OK, FAILED or LOCKED
	 */
	public void record(String name, String sourceAddress, String method, String outcome) {
		this.audit.record(new Actor(safe(name), (sourceAddress != null) ? sourceAddress : "unknown"), "sign-in", method,
				outcome, null);
	}

	/**
	 * A name as the log may keep it: control characters removed, at most 64 characters.
	 * @param name the name as received
	 * @return the name to keep
	 */
	static String safe(String name) {
		if (name == null) {
			return "";
		}
		String clean = name.codePoints()
			.filter((c) -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (clean.length() <= NAME_LENGTH) ? clean : clean.substring(0, NAME_LENGTH);
	}

}
