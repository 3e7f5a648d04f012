package io.cardops.jobs.roster;

/**
 * Who sends a roster upload, as the portal knows them.
 *
 * @param account the account's name
 * @param sourceAddress the client's address
 * @param institution the institution the account is bound to, or null for the issuer's
 * operations (who may upload for any institution)
 */
public record Uploader(String account, String sourceAddress, String institution) {

	/**
	 * Whether this uploader may see and send the rosters of an institution.
	 * @param code the institution
	 * @return true for the issuer's operations and for the institution's own accounts
	 */
	public boolean mayAct(String code) {
		return this.institution == null || this.institution.equals(code);
	}

}
