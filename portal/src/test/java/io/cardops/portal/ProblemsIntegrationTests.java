package io.cardops.portal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * How an API controller's failures are answered: a {@link Problems} refusal as thrown,
 * Spring's own (a bad parameter) as problem details, anything unexpected as a 500 that
 * says nothing of its cause.
 */
class ProblemsIntegrationTests extends PortalTestSupport {

	@Value("${cardops.error-log}")
	private Path errorLog;

	private static final PortalUser OPS = new PortalUser("ops-problems", Role.OPS, null);

	@Test
	void aRefusalIsAnsweredAsThrown() throws Exception {
		account(OPS.name(), Role.OPS, null);
		this.mvc.perform(get("/api/test-problems/not-found").with(as(OPS)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.title").value("Not Found"))
			.andExpect(jsonPath("$.detail").value("no upload 7"));
		this.mvc.perform(get("/api/test-problems/conflict").with(as(OPS)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("an import of PKU is running"));
	}

	@Test
	void aBadParameterIs400() throws Exception {
		account(OPS.name(), Role.OPS, null);
		this.mvc.perform(get("/api/test-problems/number").param("n", "abc").with(as(OPS)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.status").value(400));
	}

	@Test
	void anUnexpectedFailureIs500WithoutItsText() throws Exception {
		account(OPS.name(), Role.OPS, null);
		String body = this.mvc.perform(get("/api/test-problems/boom").with(as(OPS)))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType("application/problem+json"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).contains("\"status\":500").doesNotContain("SELECT", "IllegalState", "Exception");
		// the stack trace is kept on the server, in the error log, for the operator
		assertThat(Files.readString(this.errorLog)).contains("GET /api/test-problems/boom:", "IllegalStateException");
	}

	/** An API controller that fails in each way (a test bean only). */
	@RestController
	@ConditionalOnWebApplication
	static class FailingController {

		@GetMapping("/api/test-problems/not-found")
		String notFound() {
			throw Problems.notFound("no upload 7");
		}

		@GetMapping("/api/test-problems/conflict")
		String conflict() {
			throw Problems.conflict("an import of PKU is running");
		}

		@GetMapping("/api/test-problems/number")
		String number(@RequestParam int n) {
			return Integer.toString(n);
		}

		@GetMapping("/api/test-problems/boom")
		String boom() {
			throw new IllegalStateException("SELECT secret FROM somewhere");
		}

	}

}
