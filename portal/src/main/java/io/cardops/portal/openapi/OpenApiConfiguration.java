package io.cardops.portal.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description's title and its two ways to sign in: an API token as a bearer token, or
 * HTTP Basic. Controllers describe themselves with {@code @Tag}, {@code @Operation} and
 * {@code @ApiResponse}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class OpenApiConfiguration {

	/** The name of the bearer-token scheme. */
	public static final String BEARER = "bearer";

	/** The name of the HTTP Basic scheme. */
	public static final String BASIC = "basic";

	/**
	 * The schemas' field names as the API writes them: snake_case. The answers' records
	 * name their fields with Jackson 3's {@code @JsonNaming} (or {@code @JsonProperty}),
	 * and the description is made by swagger-core with a Jackson 2 mapper, which reads
	 * the second but not the first: without this, half the schemas would name fields in
	 * camelCase that no answer carries. A field named with {@code @JsonProperty} keeps
	 * its name.
	 * @return the resolver springdoc uses for every schema
	 */
	@Bean
	ModelResolver snakeCaseModels() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	/**
	 * The answers every {@code /api} operation can give whether or not its controller
	 * names them: 401 without a valid sign-in, 403 for a role (or an institution) it does
	 * not serve, and 400 for a path or query value of the wrong form when it takes any.
	 * An operation that describes one of them keeps its own words.
	 * @return the customizer springdoc applies to the description
	 */
	@Bean
	OpenApiCustomizer commonApiAnswers() {
		return (openApi) -> {
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> {
				if (!path.startsWith("/api/") && !path.equals("/api")) {
					return;
				}
				for (Operation operation : item.readOperations()) {
					ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses()
							: new ApiResponses();
					operation.setResponses(responses);
					boolean takesValues = operation.getParameters() != null && operation.getParameters()
						.stream()
						.anyMatch((parameter) -> "path".equals(parameter.getIn()) || "query".equals(parameter.getIn()));
					if (takesValues) {
						responses.computeIfAbsent("400", (code) -> problem("A value of the wrong form"));
					}
					responses.computeIfAbsent("401", (code) -> problem("Not signed in (a token or HTTP Basic)"));
					responses.computeIfAbsent("403", (code) -> problem("This account's role may not do this"));
				}
			});
		};
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json", new MediaType()));
	}

	/**
	 * The description's frame.
	 * @return the OpenAPI model
	 */
	@Bean
	OpenAPI cardopsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("cardops API")
				.version("0.1.0")
				.description("Rosters, renewal lists, settlement and operations of the student transit-card"
						+ " programme (shared/spec/http.md). Errors are RFC 9457 problem details."))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("cdt_<id>_<secret>")
							.description("An API token from `cardops users token NAME`."))
				.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
