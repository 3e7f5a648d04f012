package io.cardops.portal.openapi;

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
