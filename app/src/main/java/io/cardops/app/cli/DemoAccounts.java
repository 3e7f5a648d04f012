package io.cardops.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Account;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;

/**
 * The demo's portal accounts, one per role and a second FINANCE account (a release of
 * held money on the exception desk needs two people), so that a new user can sign in
 * after {@code ./cardops demo}. Each run of the demo gives them new random passwords (an
 * account the demo made before keeps its name and role and gets a new password), so the
 * passwords printed last are always the ones that work. Made on the embedded database
 * only: a password printed on a terminal has no place in a production database.
 */
final class DemoAccounts {

	/**
	 * The accounts, in the order they are printed: operations, finance, a second finance
	 * account (the four eyes of a release), and a university registry office bound to
	 * UCAS of the sample reference data.
	 */
	static final List<Demo> ACCOUNTS = List.of(new Demo("ops-demo", Role.OPS, null, "/ops"),
			new Demo("finance-demo", Role.FINANCE, null, "/finance"),
			new Demo("finance-checker", Role.FINANCE, null, "/finance"),
			new Demo("ucas-registry", Role.UNIVERSITY, "UCAS", "/university"));

	private DemoAccounts() {
	}

	/**
	 * Creates the demo accounts, or gives the existing ones new passwords (and enables
	 * them again).
	 * @param accounts the accounts service
	 * @return each account with its password, in {@link #ACCOUNTS} order
	 */
	static List<Signed> createOrReset(Accounts accounts) {
		Actor actor = Actor.commandLine();
		Map<String, Account> existing = accounts.list()
			.stream()
			.collect(Collectors.toMap(Account::name, Function.identity()));
		List<Signed> signed = new ArrayList<>();
		for (Demo demo : ACCOUNTS) {
			Optional<Account> found = Optional.ofNullable(existing.get(demo.name()));
			String password;
			if (found.isEmpty()) {
				password = accounts.add(actor, demo.name(), demo.role(), demo.institution(), null);
			}
			else {
				password = accounts.password(actor, demo.name(), null);
				if (!found.get().enabled()) {
					accounts.enable(actor, demo.name());
				}
			}
			signed.add(new Signed(demo, password, found.isPresent()));
		}
		return signed;
	}

	/**
	 * A demo account.
	 *
	 * @param name its sign-in name
	 * @param role its role
	 * @param institution its institution (UNIVERSITY), or null
	 * @param landing the page it lands on after signing in
	 */
	record Demo(String name, Role role, String institution, String landing) {

	}

	/**
	 * A demo account with the password it has now.
	 *
	 * @param demo the account
	 * @param password its new password, shown once
	 * @param existed whether an earlier demo had made it
	 */
	record Signed(Demo demo, String password, boolean existed) {

	}

}
