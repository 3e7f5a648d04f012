package io.cardops.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.TimeZone;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.audit.Actor;
import io.cardops.portal.PortalTestApplication.TestClock;
import io.cardops.portal.account.AccountStore;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The portal's integration tests: the application (jobs and portal) on a fresh database
 * of the test class's own (H2, or PostgreSQL with {@code -Dcardops.test.db=postgres}),
 * MockMvc through the real security filters, the reference partners PKU and UCAS
 * (institutions) and BMAC (the issuer), and helpers to make accounts.
 */
@SpringBootTest(classes = PortalTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PortalTestSupport {

	/** The password of every account the tests make. */
	public static final String PASSWORD = "correct-horse-battery";

	/** Who makes the tests' accounts, in the audit log. */
	public static final Actor TESTER = new Actor("tester@test", "cli");

	static {
		// H2 keeps the zone of the JVM's first connection: the business zone, as the
		// command line sets it.
		TimeZone.setDefault(TimeZone.getTimeZone(AcademicCalendar.ZONE));
	}

	@Autowired
	protected WebApplicationContext context;

	@Autowired
	protected Accounts accounts;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected TestClock clock;

	protected MockMvc mvc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.create();
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", () -> "");
		// The files the jobs write (outbox, uploads) go to a folder of the test class's
		// own, under target/.
		Path files = files();
		registry.add("cardops.inbox", () -> files.resolve("inbox").toString());
		registry.add("cardops.outbox", () -> files.resolve("outbox").toString());
		registry.add("cardops.uploads", () -> files.resolve("uploads").toString());
		registry.add("cardops.error-log", () -> files.resolve("errors.log").toString());
	}

	private static Path files() {
		try {
			// Under the build's target/, which the next clean removes, not the machine's
			// temporary folder, where each run would leave a folder per test class.
			Path parent = Files.createDirectories(Path.of("target", "portal-test-files"));
			return Files.createTempDirectory(parent, "class-").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void setUpPortal() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		partner("PKU", "INSTITUTION", "北京大学");
		partner("UCAS", "INSTITUTION", "中国科学院大学");
		partner("BMAC", "ISSUER", "北京市政交通一卡通有限公司");
	}

	/**
	 * Adds a partner of the reference data unless it is there.
	 * @param code its code
	 * @param role its role
	 * @param name its name
	 */
	protected void partner(String code, String role, String name) {
		long found = this.jdbc.sql("SELECT COUNT(*) FROM partner WHERE partner_code = ?")
			.params(code)
			.query(Long.class)
			.single();
		if (found == 0) {
			this.jdbc.sql(
					"INSERT INTO partner (partner_code, role, name, commission_bp, updated_at) VALUES (?, ?, ?, NULL, ?)")
				.params(code, role, name, OffsetDateTime.now(this.clock))
				.update();
		}
	}

	/**
	 * Makes an account with {@link #PASSWORD}, unless it exists.
	 * @param name its name
	 * @param role its role
	 * @param institution its institution (UNIVERSITY), or null
	 * @return the name
	 */
	protected String account(String name, Role role, String institution) {
		if (this.context.getBean(AccountStore.class).credentials(name).isEmpty()) {
			this.accounts.add(TESTER, name, role, institution, PASSWORD);
		}
		return name;
	}

	/**
	 * Signs a MockMvc request in as a user, without a password.
	 * @param user the user
	 * @return the post-processor
	 */
	protected static RequestPostProcessor as(PortalUser user) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
	}

	/**
	 * The audit rows of an action, oldest first, as
	 * {@code account|source|object|outcome}.
	 * @param action the action
	 * @return the rows
	 */
	protected java.util.List<String> audit(String action) {
		return this.jdbc.sql("""
				SELECT account, source_address, object, outcome FROM audit_event WHERE action = ? ORDER BY event_id""")
			.params(action)
			.query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4))
			.list();
	}

}
