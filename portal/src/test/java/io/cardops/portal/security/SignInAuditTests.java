package io.cardops.portal.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name tried, as the audit log keeps it.
 */
class SignInAuditTests {

	@Test
	void controlCharactersAreRemovedAndTheNameIsCutTo64Characters() {
		assertThat(SignInAudit.safe("li.ming")).isEqualTo("li.ming");
		assertThat(SignInAudit.safe("evil\r\nOK sign-in admin\u0000")).isEqualTo("evilOK sign-in admin");
		assertThat(SignInAudit.safe("名".repeat(80))).isEqualTo("名".repeat(64));
		assertThat(SignInAudit.safe(null)).isEmpty();
	}

}
