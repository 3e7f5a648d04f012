package io.cardops.portal.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.cardops.portal.account.Role;

/**
 * Who is signed in, as a controller receives it with
 * {@code @AuthenticationPrincipal PortalUser user}.
 *
 * @param name the account's name
 * @param role what it may do
 * @param institution the institution a UNIVERSITY account speaks for, else null
 */
public record PortalUser(String name, Role role, String institution) implements Principal, Serializable {

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * The account's authorities: its role as {@code ROLE_OPS}, {@code ROLE_FINANCE} or
	 * {@code ROLE_UNIVERSITY}.
	 * @return the authorities
	 */
	public List<GrantedAuthority> authorities() {
		return List.of(new SimpleGrantedAuthority(this.role.authority()));
	}

	/**
	 * Whether this user may see what belongs to an institution: OPS sees every
	 * institution's, a UNIVERSITY only its own, FINANCE none.
	 * @param code the institution
	 * @return true when it may
	 */
	public boolean maySee(String code) {
		return this.role == Role.OPS || (this.role == Role.UNIVERSITY && this.institution.equals(code));
	}

}
