package io.cardops.portal.ops;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.cardops.portal.PortalTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code /v3/api-docs} describes every {@code /api} path of shared/spec/http.md that this
 * build serves (the operations paths among them), with the roles in its words.
 */
class ApiDocsListHttpMdPathsIntegrationTests extends PortalTestSupport {

	/** Every /api path http.md names (path variables unnamed: {}). */
	static final List<String> HTTP_MD = List.of("/api/rosters", "/api/rosters/{}", "/api/rosters/{}/rejects",
			"/api/rosters/{}/force", "/api/renewal-lists", "/api/renewal-lists/{}", "/api/settlements",
			"/api/settlements/{}", "/api/settlements/{}/files/{}", "/api/settlements/{}/archive",
			"/api/settlements/{}/diff", "/api/runs", "/api/runs/{}", "/api/schedules", "/api/schedules/{}/pause",
			"/api/schedules/{}/resume", "/api/schedules/{}/trigger", "/api/inbox-rejects", "/api/exceptions",
			"/api/audit");

	/** The operations paths this branch serves. */
	static final List<String> OPERATIONS = List.of("/api/runs", "/api/runs/{}", "/api/schedules",
			"/api/schedules/{}/pause", "/api/schedules/{}/resume", "/api/schedules/{}/trigger", "/api/inbox-rejects",
			"/api/exceptions", "/api/audit");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyServedPathOfHttpMdIsDescribed() throws Exception {
		Set<String> served = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			info.getPatternValues().stream().map(ApiDocsListHttpMdPathsIntegrationTests::unnamed).forEach(served::add);
		}
		Set<String> expected = new TreeSet<>(HTTP_MD);
		expected.retainAll(served);
		assertThat(expected).containsAll(OPERATIONS);
		String docs = this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		Set<String> described = new TreeSet<>();
		JsonPath.<java.util.Map<String, Object>>read(docs, "$.paths")
			.keySet()
			.stream()
			.map(ApiDocsListHttpMdPathsIntegrationTests::unnamed)
			.forEach(described::add);
		assertThat(described).containsAll(expected);
		assertThat(JsonPath.<String>read(docs, "$.paths['/api/runs'].get.summary")).contains("OPS");
		assertThat(JsonPath.<Object>read(docs, "$.paths['/api/schedules/{name}/trigger'].post.responses['202']"))
			.isNotNull();
		assertThat(JsonPath.<Object>read(docs, "$.paths['/api/schedules/{name}/trigger'].post.responses['409']"))
			.isNotNull();
	}

	@Test
	void everyApiOperationDescribesTheRefusalsItCanGive() throws Exception {
		String docs = this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = JsonPath.read(docs,
				"$.paths");
		List<String> missing = new java.util.ArrayList<>();
		paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
			Object responses = operation.get("responses");
			for (String code : new String[] { "401", "403" }) {
				if (!(responses instanceof java.util.Map<?, ?> answers) || !answers.containsKey(code)) {
					missing.add(method + " " + path + " " + code);
				}
			}
		}));
		assertThat(missing).isEmpty();
		for (String path : new String[] { "/api/settlements/{date}", "/api/rosters/{id}" }) {
			assertThat(JsonPath.<Object>read(docs, "$.paths['" + path + "'].get.responses['400']")).as(path)
				.isNotNull();
		}
	}

	private static String unnamed(String path) {
		return path.replaceAll("\\{[^}]*\\}", "{}");
	}

}
