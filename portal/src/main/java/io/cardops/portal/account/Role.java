package io.cardops.portal.account;

/**
 * What an account may do (shared/spec/http.md, "Who uses it").
 */
public enum Role {

	/** The issuer's operations team. */
	OPS,

	/** The issuer's finance clerks. */
	FINANCE,

	/** A university's registry office or its system, bound to one institution. */
	UNIVERSITY;

	/**
	 * The Spring Security authority of the role.
	 * @return {@code ROLE_<name>}
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
