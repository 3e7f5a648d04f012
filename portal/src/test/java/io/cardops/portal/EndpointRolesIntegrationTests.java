package io.cardops.portal;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import io.cardops.portal.account.Role;
import io.cardops.portal.desk.DeskFixture;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.settlement.SettlementFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The role table: every row of {@code endpoint-roles.csv} (method, path, role, expected
 * status, redirect location, setup) is one request through the real security filters.
 * Rows that need data name a {@link RowSetup} registered in {@link #SETUPS}.
 */
class EndpointRolesIntegrationTests extends PortalTestSupport {

	/**
	 * Prepares what a row needs (rows in the tables, an upload...) and returns the values
	 * of its path's {@code {placeholders}}.
	 */
	@FunctionalInterface
	interface RowSetup {

		/**
		 * Prepares the data.
		 * @param test the running test (its database, accounts, clock)
		 * @return the placeholders of the path, by name
		 * @throws Exception when the data cannot be made
		 */
		Map<String, String> prepare(PortalTestSupport test) throws Exception;

	}

	/** The setups rows may name: add yours here, by name. */
	static final Map<String, RowSetup> SETUPS = Map.of("none", (test) -> Map.of(), "upload", RosterRowSetups::upload,
			"renewal", RosterRowSetups::renewal, "settlement", (test) -> SettlementFixture.publish(test.jdbc), "case",
			(test) -> DeskFixture.heldTap(test.jdbc));

	@ParameterizedTest(name = "{0} {1} as {2} -> {3} {4}")
	@CsvFileSource(resources = "/endpoint-roles.csv", numLinesToSkip = 1)
	void answersAsTheRoleTableSays(String method, String path, String role, int status, String location, String setup)
			throws Exception {
		Map<String, String> placeholders = new HashMap<>();
		if (setup != null) {
			assertThat(SETUPS).as("setup %s is registered", setup).containsKey(setup);
			placeholders.putAll(SETUPS.get(setup).prepare(this));
		}
		String expanded = path;
		for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
			expanded = expanded.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
		}
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), expanded);
		if (!method.equals("GET")) {
			// The table tests roles: a page's form carries its CSRF token.
			request.with(csrf());
		}
		PortalUser user = user(role);
		if (user != null) {
			request.with(as(user));
		}
		MvcResult result = this.mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as("%s %s as %s", method, expanded, role).isEqualTo(status);
		if (location != null) {
			assertThat(pathOf(result.getResponse().getHeader(HttpHeaders.LOCATION))).isEqualTo(location);
		}
		if (status == 401) {
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Bearer, Basic realm=\"cardops\"");
			assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		}
	}

	private PortalUser user(String role) {
		if (role.equals("ANONYMOUS")) {
			return null;
		}
		if (role.startsWith("UNIVERSITY")) {
			String institution = role.contains("@") ? role.substring(role.indexOf('@') + 1) : "PKU";
			String name = account("uni-" + institution.toLowerCase(), Role.UNIVERSITY, institution);
			return new PortalUser(name, Role.UNIVERSITY, institution);
		}
		Role chosen = Role.valueOf(role);
		return new PortalUser(account(role.toLowerCase(), chosen, null), chosen, null);
	}

	private static String pathOf(String location) {
		URI uri = URI.create(location);
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

}
