package io.cardops.app.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cardops users} (shared/spec/http.md, "Accounts"): accounts made, listed,
 * disabled, given passwords and tokens, each change audited; every refusal exits 2 and
 * changes nothing; no secret is ever stored or listed in the clear.
 */
class UsersCommandIntegrationTests extends CliTestSupport {

	private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void addPrintsAGeneratedPasswordOnceAndKeepsOnlyItsHash() {
		CliResult added = cardops("users", "add", "alice", "--role", "OPS");
		assertThat(added.code()).as(added.err()).isZero();
		String password = added.out().replaceFirst("(?s).*password: (\\S+) .*", "$1");
		assertThat(password).hasSizeGreaterThanOrEqualTo(16).matches("[A-Za-z0-9]+");
		String hash = this.database.sql()
			.sql("SELECT password_hash FROM portal_account WHERE name = 'alice'")
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(password);
		assertThat(ENCODER.matches(password, hash)).isTrue();
		CliResult list = cardops("users", "list");
		assertThat(list.code()).isZero();
		assertThat(list.out()).contains("alice").contains("OPS").doesNotContain(password).doesNotContain("bcrypt");
	}

	@Test
	void aUniversityAccountNeedsAnInstitutionOfTheReferenceData() {
		loadReference();
		assertThat(cardops("users", "add", "pku-office", "--role", "UNIVERSITY").code()).isEqualTo(2);
		CliResult issuer = cardops("users", "add", "pku-office", "--role", "UNIVERSITY", "--institution", "BMAC");
		assertThat(issuer.code()).isEqualTo(2);
		assertThat(issuer.err()).contains("BMAC is not an INSTITUTION partner");
		CliResult finance = cardops("users", "add", "clerk", "--role", "FINANCE", "--institution", "PKU");
		assertThat(finance.code()).isEqualTo(2);
		assertThat(finance.err()).contains("--institution is only for UNIVERSITY accounts");
		assertThat(accounts()).isEmpty();
		CliResult added = cardops("users", "add", "pku-office", "--role", "UNIVERSITY", "--institution", "PKU");
		assertThat(added.code()).as(added.err()).isZero();
		assertThat(cardops("users", "list").out()).containsPattern("pku-office\\s+UNIVERSITY\\s+PKU\\s+yes");
	}

	@Test
	void refusalsExitTwoAndChangeNothing() {
		assertThat(withStdin("short-pw\n", () -> cardops("users", "add", "bob", "--role", "OPS", "--password-stdin"))
			.code()).isEqualTo(2);
		// twelve spaces, or twelve of one key: long enough, and guessed first
		for (String weak : new String[] { " ".repeat(12), "a".repeat(12), "abababababab" }) {
			CliResult refused = withStdin(weak + "\n",
					() -> cardops("users", "add", "bob", "--role", "OPS", "--password-stdin"));
			assertThat(refused.code()).as(weak).isEqualTo(2);
			assertThat(refused.err()).as(weak).contains("at least 4 different characters");
		}
		assertThat(accounts()).isEmpty();
		assertThat(cardops("users", "add", "bob", "--role", "OPS").code()).isZero();
		CliResult taken = cardops("users", "add", "bob", "--role", "FINANCE");
		assertThat(taken.code()).isEqualTo(2);
		assertThat(taken.err()).contains("the name bob is taken");
		// and a name that differs only in letter case is taken too
		CliResult cased = cardops("users", "add", "Bob", "--role", "FINANCE");
		assertThat(cased.code()).isEqualTo(2);
		assertThat(cased.err()).contains("the name Bob is taken: bob differs only in letter case");
		for (String[] command : List.of(new String[] { "users", "disable", "nobody" },
				new String[] { "users", "enable", "nobody" }, new String[] { "users", "password", "nobody" },
				new String[] { "users", "token", "nobody" }, new String[] { "users", "revoke", "nobody" })) {
			CliResult unknown = cardops(command);
			assertThat(unknown.code()).as(String.join(" ", command)).isEqualTo(2);
			assertThat(unknown.err()).contains("there is no account nobody");
		}
		assertThat(cardops("users", "add", "carol", "--role", "ROOT").code()).isEqualTo(2);
		assertThat(accounts()).containsExactly("bob");
		assertThat(audit()).containsExactly("user.add bob OK");
	}

	@Test
	void passwordDisableEnableTokenAndRevokeAreAudited() {
		assertThat(cardops("users", "add", "dave", "--role", "FINANCE").code()).isZero();
		CliResult password = withStdin("a-new-long-password\n",
				() -> cardops("users", "password", "dave", "--password-stdin"));
		assertThat(password.code()).as(password.err()).isZero();
		assertThat(password.out()).doesNotContain("a-new-long-password");
		assertThat(ENCODER.matches("a-new-long-password",
				this.database.sql()
					.sql("SELECT password_hash FROM portal_account WHERE name = 'dave'")
					.query(String.class)
					.single()))
			.isTrue();
		assertThat(cardops("users", "disable", "dave").code()).isZero();
		assertThat(cardops("users", "list").out()).containsPattern("dave\\s+FINANCE\\s+-\\s+no");
		assertThat(cardops("users", "enable", "dave").code()).isZero();
		CliResult token = cardops("users", "token", "dave", "--expires", "2099-12-31");
		assertThat(token.code()).as(token.err()).isZero();
		String issued = token.out().replaceFirst("(?s).*token: (\\S+) .*", "$1");
		assertThat(issued).matches("cdt_[a-z0-9]{12}_[A-Za-z0-9]{32}");
		String secret = issued.substring(issued.lastIndexOf('_') + 1);
		String tokenHash = this.database.sql().sql("SELECT token_hash FROM api_token").query(String.class).single();
		assertThat(tokenHash).doesNotContain(secret);
		assertThat(ENCODER.matches(secret, tokenHash)).isTrue();
		assertThat(cardops("users", "token", "dave", "--expires", "tomorrow").code()).isEqualTo(2);
		CliResult revoked = cardops("users", "revoke", "dave");
		assertThat(revoked.out()).contains("dave: 1 token(s) revoked");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM api_token WHERE revoked_at IS NOT NULL")
			.query(Long.class)
			.single()).isOne();
		assertThat(audit()).containsExactly("user.add dave OK", "user.password dave OK", "user.disable dave OK",
				"user.enable dave OK", "user.token dave OK", "user.revoke dave OK");
	}

	private List<String> accounts() {
		return this.database.sql().sql("SELECT name FROM portal_account ORDER BY name").query(String.class).list();
	}

	private List<String> audit() {
		return this.database.sql()
			.sql("SELECT action || ' ' || object || ' ' || outcome FROM audit_event WHERE action LIKE 'user.%'"
					+ " ORDER BY event_id")
			.query(String.class)
			.list();
	}

}
