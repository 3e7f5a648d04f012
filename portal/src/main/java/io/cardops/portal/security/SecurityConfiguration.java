package io.cardops.portal.security;

import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.cardops.jobs.desk.ExceptionDesk;
import io.cardops.portal.account.AccountStore;
import io.cardops.portal.web.PortalErrorController;
import io.cardops.portal.web.ServerRefusals;

/**
 * The two ways in (shared/spec/http.md, "Signing in"): the API under {@code /api/**},
 * stateless, with a token or HTTP Basic, answering problem details; the pages, with the
 * login form, a session cookie and CSRF tokens. Who may reach which path is decided here,
 * by role; what belongs to which institution is decided by each feature.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableMethodSecurity
public class SecurityConfiguration {

	/**
	 * The Content-Security-Policy of every answer: nothing inline, nothing from
	 * elsewhere.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

	private static final String OPS = "OPS";

	private static final String FINANCE = "FINANCE";

	private static final String UNIVERSITY = "UNIVERSITY";

	/**
	 * Who may use which part of the API, in the order they are decided; a refusal names
	 * the roles of the part asked for (ApiProblemResponses).
	 */
	static final List<ApiArea> API_AREAS = List.of(
			// Forcing a held roster is the issuer's decision: a university is let
			// through to be refused by the endpoint, which audits it.
			new ApiArea(List.of("/api/rosters/*/force"), List.of(UNIVERSITY, OPS), List.of(OPS)),
			new ApiArea(List.of("/api/rosters/**", "/api/renewal-lists/**"), List.of(UNIVERSITY, OPS)),
			new ApiArea(List.of("/api/settlements/**", "/api/exceptions/**"), List.of(FINANCE, OPS)),
			new ApiArea(List.of("/api/runs/**", "/api/schedules/**", "/api/inbox-rejects/**", "/api/audit/**"),
					List.of(OPS)));

	/** Who may scrape the metrics. */
	static final ApiArea METRICS = new ApiArea(List.of("/actuator/prometheus"), List.of(OPS));

	/**
	 * The node's monitoring endpoints: {@code /actuator/health} answers anyone with its
	 * status alone (its details, the database and the scheduler, are for OPS:
	 * {@code management.endpoint.health.show-details}); {@code /actuator/prometheus},
	 * whose series name the partners and carry the money settled, is for OPS, with a
	 * token or HTTP Basic as a scraper sends them. Like the API: no session, no CSRF.
	 * @param http the builder
	 * @param tokens the token checker
	 * @return the chain
	 * @throws Exception when it cannot be built
	 */
	@Bean
	@Order(0)
	SecurityFilterChain actuatorSecurity(HttpSecurity http, TokenSignIn tokens, ObjectProvider<ExceptionDesk> desk)
			throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers(METRICS.patterns().toArray(String[]::new))
				.hasAnyRole(METRICS.roles().toArray(String[]::new))
				.anyRequest()
				.denyAll());
		return stateless(http, tokens, desk);
	}

	/**
	 * The API: no session, no CSRF (no cookie signs a request in), a bearer token or HTTP
	 * Basic.
	 * @param http the builder
	 * @param tokens the token checker
	 * @return the chain
	 * @throws Exception when it cannot be built
	 */
	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, TokenSignIn tokens, ObjectProvider<ExceptionDesk> desk)
			throws Exception {
		http.securityMatcher("/api/**").authorizeHttpRequests((requests) -> {
			for (ApiArea area : API_AREAS) {
				requests.requestMatchers(area.patterns().toArray(String[]::new))
					.hasAnyRole(area.roles().toArray(String[]::new));
			}
			requests.anyRequest().authenticated();
		});
		return stateless(http, tokens, desk);
	}

	/**
	 * What the API and the monitoring endpoints share: no session, no CSRF (no cookie
	 * signs a request in), a bearer token or HTTP Basic, refusals as problem details.
	 */
	private static SecurityFilterChain stateless(HttpSecurity http, TokenSignIn tokens,
			ObjectProvider<ExceptionDesk> desk) throws Exception {
		ApiProblemResponses problems = new ApiProblemResponses(
				Stream.concat(API_AREAS.stream(), Stream.of(METRICS)).toList(), new DeskRoleRefusals(desk));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.realmName("cardops").authenticationEntryPoint(problems))
			.addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return headers(http).build();
	}

	/**
	 * The pages: the login form, a session cookie, CSRF tokens on every form that changes
	 * something; signed out, a page redirects to {@code /login}, and back to the page
	 * after sign-in (ReturnToAskedPage); a session whose account changed since it signed
	 * in ends (SessionAccountCheck).
	 * @param http the builder
	 * @param accounts the accounts, for the sessions' check
	 * @param privileges who may open which page, for the way back after sign-in
	 * @return the chain
	 * @throws Exception when it cannot be built
	 */
	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, AccountStore accounts,
			ObjectProvider<WebInvocationPrivilegeEvaluator> privileges, ObjectProvider<ExceptionDesk> desk)
			throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/logout", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/v3/api-docs",
					"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
			.permitAll()
			.requestMatchers("/university/**")
			.hasRole(UNIVERSITY)
			.requestMatchers("/finance/**", "/desk", "/desk/**")
			.hasAnyRole(FINANCE, OPS)
			.requestMatchers("/ops/**")
			.hasRole(OPS)
			.anyRequest()
			.authenticated())
			.requestCache((cache) -> cache.requestCache(ReturnToAskedPage.pagesAskedFor()))
			.formLogin((form) -> form.loginPage("/login")
				.authenticationDetailsSource(FormSignInDetails::new)
				.successHandler(new ReturnToAskedPage(privileges, accounts))
				.failureHandler(new RefusedSignIn()))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.csrf(Customizer.withDefaults())
			.exceptionHandling(
					(exceptions) -> exceptions.accessDeniedHandler(new ExpiredForms(new DeskRoleRefusals(desk))))
			.addFilterBefore(new SessionAccountCheck(accounts), AnonymousAuthenticationFilter.class);
		return headers(http).build();
	}

	/**
	 * A request the firewall refuses (a path parameter such as {@code ;jsessionid}, an
	 * encoded dot segment): 400, with the headers every answer carries, since it is
	 * refused before the filters that write them.
	 * @return the handler (Spring Security uses the one bean of this type)
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, rejected) -> {
			// the API's detail says what in an address is refused (its page, only that
			// the request was not understood)
			boolean method = rejected.getMessage() != null && rejected.getMessage().contains("HTTP method");
			request.setAttribute(PortalErrorController.DETAIL, method
					? PortalErrorController.methodRefused(request.getMethod()) : PortalErrorController.PATH_REFUSED);
			ServerRefusals.securityHeaders(response);
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
		};
	}

	private static HttpSecurity headers(HttpSecurity http) throws Exception {
		return http
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
	}

}
