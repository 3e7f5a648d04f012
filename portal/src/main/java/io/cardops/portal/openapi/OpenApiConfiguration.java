package io.cardops.portal.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
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
