package io.cardops.portal.web;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

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

	/**
	 * The language of a request: the cookie, else the browser's language when it is
	 * Chinese, else English.
	 * @return the resolver
	 */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("cardops-lang");
		resolver.setDefaultLocaleFunction((request) -> supported(
				(request.getHeader("Accept-Language") != null) ? request.getLocale() : Locale.ENGLISH));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

	/**
	 * One of the two languages the pages speak.
	 * @param locale the language asked for
	 * @return Simplified Chinese for any Chinese, else English
	 */
	static Locale supported(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
	}

}
