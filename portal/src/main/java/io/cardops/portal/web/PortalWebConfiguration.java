package io.cardops.portal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.nio.file.Path;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.jobs.support.Failures;

/**
 * The portal's web settings (io/cardops/portal/portal.properties: cookies, error pages,
 * upload limits, message bundles) and its two languages: Simplified Chinese and English,
 * from the browser's Accept-Language, switched with {@code ?lang=zh-CN} or
 * {@code ?lang=en} and kept in a cookie.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@PropertySource("classpath:io/cardops/portal/portal.properties")
public class PortalWebConfiguration implements WebMvcConfigurer {

	/** The cookie that keeps the language a person chose ({@code ?lang=}). */
	static final String LANGUAGE_COOKIE = "cardops-lang";

	/**
	 * Room in a multipart body beyond its file: the other fields and the parts' headers.
	 */
	private static final DataSize MULTIPART_FRAMING = DataSize.ofKilobytes(64);

	private final Path errorLog;

	private final DatabaseOutage outage;

	/**
	 * Creates the configuration.
	 * @param errorLog where the stack traces of the pages' unexpected failures go
	 * ({@code cardops.error-log}, as the API's and the command line's)
	 * @param outage the node's watch of its database
	 */
	public PortalWebConfiguration(@Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog,
			DatabaseOutage outage) {
		this.errorLog = errorLog;
		this.outage = outage;
	}

	/**
	 * The language of a request: the cookie, else the browser's language when it is
	 * Chinese, else English.
	 * @return the resolver
	 */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE) {

			// Whatever ?lang= or the cookie names (ja, xx_YY, a page of text), the page
			// speaks one of the two languages and says so in its lang attribute.
			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				return supported(super.resolveLocale(request));
			}

			@Override
			public LocaleContext resolveLocaleContext(HttpServletRequest request) {
				// Read when asked, as Spring's own is: a later ?lang= changes it.
				LocaleContext resolved = super.resolveLocaleContext(request);
				return () -> {
					Locale locale = resolved.getLocale();
					return (locale != null) ? supported(locale) : null;
				};
			}

			@Override
			public void setLocaleContext(HttpServletRequest request, HttpServletResponse response,
					LocaleContext context) {
				Locale locale = (context != null) ? context.getLocale() : null;
				super.setLocaleContext(request, response,
						(locale != null) ? new SimpleLocaleContext(supported(locale)) : null);
			}

		};
		// A cookie that is not a language (set by hand, or by a neighbouring site) is
		// ignored: the browser's language applies, instead of an error on every page.
		resolver.setRejectInvalidCookies(false);
		resolver.setDefaultLocaleFunction(PortalWebConfiguration::browsers);
		return resolver;
	}

	/**
	 * The limits of a multipart body: its file up to {@code cardops.http.max-upload} (a
	 * larger one is answered 413), the whole body that much and a little more, for the
	 * form's other fields and the parts' headers. A file of exactly the limit is taken.
	 * @param maxUpload the largest file accepted
	 * @return the servlet's multipart configuration
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(@Value("${cardops.http.max-upload}") DataSize maxUpload) {
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setMaxFileSize(positive("cardops.http.max-upload (CARDOPS_HTTP_MAX_UPLOAD)", maxUpload, "50MB"));
		factory.setMaxRequestSize(DataSize.ofBytes(maxUpload.toBytes() + MULTIPART_FRAMING.toBytes()));
		return factory.createMultipartConfig();
	}

	/**
	 * The size limit of a request body other than an upload, ahead of every other filter
	 * (the CSRF check reads a form's body).
	 * @param maxBody the largest body accepted
	 * @return the filter's registration
	 */
	@Bean
	FilterRegistrationBean<BodyLimit> bodyLimit(@Value("${cardops.http.max-body}") DataSize maxBody) {
		FilterRegistrationBean<BodyLimit> registration = new FilterRegistrationBean<>(
				new BodyLimit(positive("cardops.http.max-body (CARDOPS_HTTP_MAX_BODY)", maxBody, "1MB").toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * A size limit as a node takes it: more than nothing (a limit of 0 or less answered
	 * every request, a health check included, 413).
	 */
	static DataSize positive(String setting, DataSize size, String example) {
		if (size.toBytes() <= 0) {
			throw new IllegalArgumentException(
					setting + " must be a positive size such as " + example + ", not " + size.toBytes() + "B");
		}
		return size;
	}

	/**
	 * A JSON object names each field once.
	 * @return the customizer of the application's JSON mapper
	 */
	@Bean
	JsonMapperBuilderCustomizer eachFieldOnce() {
		// {"date": "2026-10-13", "date": "2026-10-14"} is no date: 400, not the last one
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * A JSON field the API reads as text takes a JSON string only: {@code {"note": 123}}
	 * is 400 as any value of the wrong type, rather than stored as the text "123".
	 * @return the customizer of the application's JSON mapper
	 */
	@Bean
	JsonMapperBuilderCustomizer textIsAString() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/**
	 * Refuses a query or form value with a NUL character, right after the body's limit
	 * (NulValues).
	 * @return the filter's registration
	 */
	@Bean
	FilterRegistrationBean<NulValues> nulValues() {
		FilterRegistrationBean<NulValues> registration = new FilterRegistrationBean<>(new NulValues());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * A page's {@code ?lang=} chosen before the security filters: a link opened signed
	 * out ({@code /finance?lang=zh-CN}) redirects to the sign-in form, which then speaks
	 * the language asked for (the interceptor, which sets it on pages, never sees that
	 * request). Only for a GET, whose query is all its parameters.
	 * @param locales the language of a request
	 * @return the filter's registration
	 */
	@Bean
	FilterRegistrationBean<LanguageAsked> languageBeforeSignIn(LocaleResolver locales) {
		FilterRegistrationBean<LanguageAsked> registration = new FilterRegistrationBean<>(new LanguageAsked(locales));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * Every request answered 503 at once while the database cannot be reached, after the
	 * body's limit and before the sign-in (DatabaseOutageAnswers).
	 * @return the filter's registration
	 */
	@Bean
	FilterRegistrationBean<DatabaseOutageAnswers> databaseOutageAnswers() {
		FilterRegistrationBean<DatabaseOutageAnswers> registration = new FilterRegistrationBean<>(
				new DatabaseOutageAnswers(this.outage));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/**
	 * The answer to a request Tomcat refuses before the application sees it: ours
	 * (ServerRefusals), with the security headers, instead of Tomcat's report page.
	 * @return the customizer of the embedded server
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> serverRefusals() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ServerRefusals.class.getName());
			}
		});
	}

	/**
	 * Room for a multipart part's headers (Tomcat's default, 512 bytes, answers 413 to a
	 * file name of some 450 characters, blaming the 50 MB limit): a long name reaches the
	 * roster-name check and is refused 400 as any other name that is not a roster's.
	 * @return the customizer of the embedded server
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> partHeaders() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> connector.setMaxPartHeaderSize(8192));
	}

	/**
	 * TRACE reaches the application, whose firewall refuses it with the security headers
	 * (portal.properties): Tomcat's own refusal comes before every valve and filter,
	 * without those headers, and lists methods the application does not accept.
	 * @return the customizer of the embedded server
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> traceThroughTheApplication() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> connector.setAllowTrace(true));
	}

	/**
	 * The API speaks JSON (and text for downloads) only: the YAML, CBOR, Smile and XML
	 * converters that the framework adds when their libraries are on the class path (YAML
	 * comes with the OpenAPI description's) would answer and read the same resources in
	 * forms that are not the contract, with another mapper's field names and dates.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList((converters) -> converters.removeIf(
				(converter) -> converter.getSupportedMediaTypes().stream().anyMatch(PortalWebConfiguration::notOurs)));
	}

	private static boolean notOurs(MediaType type) {
		String subtype = type.getSubtype();
		return subtype.contains("yaml") || subtype.contains("cbor") || subtype.contains("smile")
				|| subtype.equals("xml") || subtype.endsWith("+xml");
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
					throws ServletException {
				// once a request: the filter took it already, and a second cookie would
				// follow
				return LanguageAsked.taken(request) || super.preHandle(request, response, handler);
			}
		};
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		// Not on the error page: reading ?lang would parse the body of the request that
		// failed (one refused as too large, say) and fail again.
		registry.addInterceptor(change).excludePathPatterns("/error");
		registry.addInterceptor(new OneValueEach()).addPathPatterns("/api/**");
	}

	/**
	 * Answers a request body the server refuses to read (larger than
	 * {@code cardops.http.max-upload}: 413; not a readable multipart body: 400) at once:
	 * the error dispatch would read the body a second time and fail again with an empty
	 * answer.
	 */
	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		resolvers.add(0, (request, response, handler, ex) -> {
			boolean api = PortalErrorController.isApi(request.getRequestURI(), request.getContextPath());
			HttpStatus said = (ex instanceof ErrorResponseException refused)
					? HttpStatus.resolve(refused.getStatusCode().value()) : null;
			if (!api && (said == HttpStatus.BAD_REQUEST || said == HttpStatus.NOT_FOUND)
					&& ((ErrorResponseException) ex).getBody().getDetail() != null) {
				// A page's request refused with a reason (format must be csv or xlsx), or
				// for what is not there (no settlement file ... of 2026-10-13 version 9,
				// from an old link): the page says it, as the API's detail does.
				return PortalErrorController.page(request, said, PortalErrorController.reasonKey(said),
						((ErrorResponseException) ex).getBody().getDetail());
			}
			if (!api && ex instanceof TypeMismatchException mismatch) {
				// /desk/abc, ?version=abc: the value and the form it takes
				return PortalErrorController.page(request, HttpStatus.BAD_REQUEST,
						PortalErrorController.reasonKey(HttpStatus.BAD_REQUEST),
						ApiExceptionHandler.typeMismatch(mismatch));
			}
			if (!api && ex instanceof InvalidParameterException invalid) {
				// A page's query or form the server cannot read (%FF, too many
				// parameters): the client's mistake, not a failure to log with its
				// stack trace (ApiExceptionHandler answers the API's).
				HttpStatus refused = PortalErrorController.parametersRefused(invalid);
				return PortalErrorController.page(request, refused, PortalErrorController.reasonKey(refused));
			}
			if (!api && ApiExceptionHandler.fileWhereFieldIsExpected(ex) != null) {
				// A form's field sent as a file part (a crafted post): the client's
				// mistake, not the server's failure.
				return PortalErrorController.page(request, HttpStatus.BAD_REQUEST,
						PortalErrorController.reasonKey(HttpStatus.BAD_REQUEST));
			}
			if (!(ex instanceof MultipartException)) {
				return null;
			}
			boolean headers = partHeadersTooLong(ex);
			HttpStatus status = (ex instanceof MaxUploadSizeExceededException && !headers)
					? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
			if (api) {
				String detail = headers ? PART_HEADERS_TOO_LONG : PortalErrorController.detail(status);
				try {
					// The address and no charset, as every other problem of the API.
					ProblemJson.write(response, status.value(), status.getReasonPhrase(), detail,
							request.getRequestURI());
				}
				catch (IOException failure) {
					throw new UncheckedIOException(failure);
				}
				return new ModelAndView();
			}
			return PortalErrorController.page(request, status, PortalErrorController.reasonKey(status));
		});
		// Last, after Spring's own have answered what they know (400, 404, 405...).
		resolvers.add(new PageFailures(this.errorLog, this.outage));
	}

	/**
	 * What the API says of an upload whose part headers are longer than the server reads
	 * (partHeaders): in practice a file name of some 8,000 characters.
	 */
	public static final String PART_HEADERS_TOO_LONG = "the upload's part headers (its file name) are longer than 8192"
			+ " bytes: a roster's name is roster_<INSTITUTION>_<YYYYMMDD>.csv; nothing was stored";

	/**
	 * Whether a multipart body was refused for a part's headers longer than the server
	 * reads, which Tomcat says as a size limit exceeded (and the framework as an upload
	 * too large): the sender's file name, not the body's size, is at fault.
	 * @param failure the refusal
	 * @return true when the part headers were too long
	 */
	public static boolean partHeadersTooLong(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("Header section has more than")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One of the two languages the pages speak.
	 * @param locale the language asked for
	 * @return Simplified Chinese for any Chinese, else English
	 */
	static Locale supported(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
	}

	/**
	 * The portal's language a browser asks for: the first of Chinese and English in its
	 * Accept-Language, in the order of its preferences ({@code ja, zh-CN;q=0.9} is
	 * Chinese), English when it names neither.
	 * @param request a request
	 * @return Chinese or English
	 */
	static Locale browsers(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return Locale.ENGLISH;
		}
		for (Locale asked : java.util.Collections.list(request.getLocales())) {
			if ("zh".equals(asked.getLanguage()) || "en".equals(asked.getLanguage())) {
				return supported(asked);
			}
		}
		return Locale.ENGLISH;
	}

}
