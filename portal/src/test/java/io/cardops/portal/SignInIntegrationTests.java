package io.cardops.portal;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PasswordSignIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Signing in (shared/spec/http.md, "Signing in"): the form, HTTP Basic and API tokens,
 * the lockout after five wrong passwords, the audit of every attempt, the security
 * headers.
 */
class SignInIntegrationTests extends PortalTestSupport {

	@Test
	void theFormSignsInAndEachRoleLandsOnItsPage() throws Exception {
		account("clerk", Role.FINANCE, null);
		this.mvc.perform(formLogin("/login").user("clerk").password(PASSWORD))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"));
		assertThat(audit("sign-in")).contains("clerk|127.0.0.1|form|OK");
		OffsetDateTime last = this.jdbc.sql("SELECT last_sign_in_at FROM portal_account WHERE name = 'clerk'")
			.query(OffsetDateTime.class)
			.single();
		assertThat(last.toInstant()).isEqualTo(this.clock.instant());
	}

	@Test
	void fiveWrongPasswordsLockTheAccountForFifteenMinutes() throws Exception {
		account("locky", Role.OPS, null);
		for (int i = 0; i < 4; i++) {
			this.mvc.perform(formLogin("/login").user("locky").password("wrong-password-" + i))
				.andExpect(redirectedUrl("/login?error"));
		}
		// The fifth wrong one, through HTTP Basic: it counts the same.
		this.mvc.perform(get("/api/runs").with(httpBasic("locky", "wrong-password-5")))
			.andExpect(status().isUnauthorized());
		// Locked: the right password is refused, with the same answer as a wrong one.
		this.mvc.perform(formLogin("/login").user("locky").password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(get("/api/no-such-thing").with(httpBasic("locky", PASSWORD)))
			.andExpect(status().isUnauthorized());
		this.clock.advance(Duration.ofMinutes(14));
		this.mvc.perform(formLogin("/login").user("locky").password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
		this.clock.advance(Duration.ofMinutes(1));
		this.mvc.perform(formLogin("/login").user("locky").password(PASSWORD)).andExpect(redirectedUrl("/"));
		assertThat(audit("sign-in")).filteredOn((row) -> row.startsWith("locky|"))
			.containsExactly("locky|127.0.0.1|form|FAILED", "locky|127.0.0.1|form|FAILED",
					"locky|127.0.0.1|form|FAILED", "locky|127.0.0.1|form|FAILED", "locky|127.0.0.1|basic|LOCKED",
					"locky|127.0.0.1|form|LOCKED", "locky|127.0.0.1|basic|LOCKED", "locky|127.0.0.1|form|LOCKED",
					"locky|127.0.0.1|form|OK");
	}

	@Test
	void wrongPasswordsSentAllAtOnceAreJudgedOneAfterAnotherAndStillLockAfterFive() throws Exception {
		account("racer", Role.FINANCE, null);
		PasswordSignIn signIn = this.context.getBean(PasswordSignIn.class);
		int attempts = 20;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(attempts);
		try {
			List<Future<Boolean>> refused = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				String guess = "wrong-password-" + i;
				refused.add(threads.submit(() -> {
					start.await();
					try {
						signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("racer", guess));
						return false;
					}
					catch (BadCredentialsException ex) {
						return true;
					}
				}));
			}
			start.countDown();
			for (Future<Boolean> attempt : refused) {
				assertThat(attempt.get(60, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		// Five guesses were checked (the fifth locked the account); the fifteen others
		// were refused as locked, unchecked.
		assertThat(audit("sign-in")).filteredOn((row) -> row.startsWith("racer|"))
			.hasSize(attempts)
			.filteredOn((row) -> row.endsWith("|FAILED"))
			.hasSize(PasswordSignIn.LOCK_AFTER - 1);
		assertThatThrownBy(
				() -> signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("racer", PASSWORD)))
			.as("the right password, while locked")
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void aPageSessionEndsWhenItsAccountIsDisabledOrGivenANewPassword() throws Exception {
		account("leaver", Role.FINANCE, null);
		account("renamed", Role.FINANCE, null);
		account("idle", Role.FINANCE, null);
		MockHttpSession leaver = signedIn("leaver");
		MockHttpSession renamed = signedIn("renamed");
		// signed in and kept unused until after the change (a stolen password's session)
		MockHttpSession idle = signedIn("idle");
		this.mvc.perform(get("/finance").session(leaver)).andExpect(status().isOk());
		this.mvc.perform(get("/finance").session(renamed)).andExpect(status().isOk());

		this.accounts.disable(TESTER, "leaver");
		this.accounts.password(TESTER, "renamed", "a-new-password-for-renamed");
		this.accounts.password(TESTER, "idle", "a-new-password-for-idle");

		this.mvc.perform(get("/finance").session(idle))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/login")));

		this.mvc.perform(get("/finance").session(leaver))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/login")));
		MvcResult ended = this.mvc.perform(get("/finance").session(renamed))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/login")))
			.andReturn();
		// the sign-in page says why, once
		MockHttpSession next = (MockHttpSession) ended.getRequest().getSession(false);
		assertThat(this.mvc.perform(get("/login").session(next)).andReturn().getResponse().getContentAsString())
			.contains("Your session ended because your account was changed on the server");
		assertThat(this.mvc.perform(get("/login").session(next)).andReturn().getResponse().getContentAsString())
			.doesNotContain("Your session ended");
		// and a session of an account that did not change goes on
		account("stayer", Role.FINANCE, null);
		MockHttpSession stayer = signedIn("stayer");
		this.mvc.perform(get("/finance").session(stayer)).andExpect(status().isOk());
		this.mvc.perform(get("/finance").session(stayer)).andExpect(status().isOk());
	}

	@Test
	void aLinkOpenedSignedOutOpensAfterSignInWhenTheRoleMayOpenIt() throws Exception {
		account("reader", Role.FINANCE, null);
		account("registrar", Role.UNIVERSITY, "PKU");
		MockHttpSession reader = new MockHttpSession();
		this.mvc.perform(get(URI.create("/finance?partner=BJBUS")).accept("text/html").session(reader))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/login")));
		String back = this.mvc.perform(signIn("reader", reader))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		// the address asked for, without a ?continue of Spring Security's after it
		assertThat(back).endsWith("/finance?partner=BJBUS");
		this.mvc.perform(get(URI.create(back)).accept("text/html").session(reader)).andExpect(status().isOk());

		// a university account given a settlement link lands on its own page, not on a
		// refusal
		MockHttpSession registrar = new MockHttpSession();
		this.mvc.perform(get("/finance").accept("text/html").session(registrar)).andExpect(status().isFound());
		this.mvc.perform(signIn("registrar", registrar)).andExpect(redirectedUrl("/"));
		// and a finance account sent to the sign-in from a university's page, after a
		// sign-out, lands on its own
		MockHttpSession after = new MockHttpSession();
		this.mvc.perform(get("/university").accept("text/html").session(after)).andExpect(status().isFound());
		this.mvc.perform(signIn("reader", after)).andExpect(redirectedUrl("/"));
		// an icon the browser asked for meanwhile is not the page to return to
		MockHttpSession icon = new MockHttpSession();
		this.mvc.perform(get(URI.create("/finance?partner=BJBUS")).accept("text/html").session(icon))
			.andExpect(status().isFound());
		this.mvc.perform(get("/apple-touch-icon.png").accept("image/*").session(icon)).andExpect(status().isFound());
		assertThat(this.mvc.perform(signIn("reader", icon)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/finance?partner=BJBUS");
	}

	@Test
	void aRefusedSignInShowsTheNameTypedOnceAndNoMore() throws Exception {
		account("typist", Role.OPS, null);
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(post("/login").param("username", "typist<b>")
				.param("password", "wrong-password")
				.with(csrf())
				.session(session))
			.andExpect(redirectedUrl("/login?error"));
		String form = this.mvc.perform(get("/login?error").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).contains("value=\"typist&lt;b&gt;\"").doesNotContain("typist<b>");
		String again = this.mvc.perform(get("/login").session(session)).andReturn().getResponse().getContentAsString();
		assertThat(again).doesNotContain("typist");
	}

	@Test
	void theLanguageSwitchKeepsThePageAndItsQuery() throws Exception {
		String page = this.mvc.perform(get(URI.create("/login?error&lang=en")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("href=\"?error&amp;lang=zh-CN\"").contains("href=\"?error&amp;lang=en\"");
		String hostile = this.mvc.perform(get(URI.create("/login?x=%22%3E%3Cscript%3E")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(hostile).contains("href=\"?x=%22%3E%3Cscript%3E&amp;lang=zh-CN\"").doesNotContain("\"><script>");
	}

	private MockHttpServletRequestBuilder signIn(String name, MockHttpSession session) {
		return post("/login").param("username", name).param("password", PASSWORD).with(csrf()).session(session);
	}

	private MockHttpSession signedIn(String name) throws Exception {
		MvcResult login = this.mvc.perform(formLogin("/login").user(name).password(PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		return (MockHttpSession) login.getRequest().getSession(false);
	}

	@Test
	void aSuccessStartsTheCountOfWrongPasswordsAgain() throws Exception {
		account("resets", Role.OPS, null);
		for (int i = 0; i < 4; i++) {
			this.mvc.perform(formLogin("/login").user("resets").password("wrong-password"));
		}
		this.mvc.perform(formLogin("/login").user("resets").password(PASSWORD)).andExpect(redirectedUrl("/"));
		for (int i = 0; i < 4; i++) {
			this.mvc.perform(formLogin("/login").user("resets").password("wrong-password"));
		}
		this.mvc.perform(formLogin("/login").user("resets").password(PASSWORD)).andExpect(redirectedUrl("/"));
	}

	@Test
	void anUnknownNameIsAnsweredAsAWrongPasswordAndAuditedSafely() throws Exception {
		String hostile = "nobody\u0007\n" + "x".repeat(100);
		MvcResult unknown = this.mvc.perform(get("/api/runs").with(httpBasic(hostile, PASSWORD))).andReturn();
		account("known", Role.OPS, null);
		MvcResult wrong = this.mvc.perform(get("/api/runs").with(httpBasic("known", "wrong-password"))).andReturn();
		assertThat(unknown.getResponse().getStatus()).isEqualTo(401);
		assertThat(unknown.getResponse().getContentAsString()).isEqualTo(wrong.getResponse().getContentAsString());
		assertThat(audit("sign-in")).contains("nobody" + "x".repeat(58) + "|127.0.0.1|basic|FAILED");
		// an identity number typed as the name is masked, as everywhere else
		this.mvc.perform(get("/api/runs").with(httpBasic("110105199803304547", PASSWORD)));
		assertThat(audit("sign-in")).contains("**************4547|127.0.0.1|basic|FAILED")
			.noneMatch((row) -> row.contains("110105199803304547"));
	}

	@Test
	void httpBasicSignsInAnApiRequestWithoutASession() throws Exception {
		account("basic-ops", Role.OPS, null);
		MvcResult result = this.mvc.perform(get("/api/no-such-thing").with(httpBasic("basic-ops", PASSWORD)))
			.andExpect(status().isNotFound())
			.andReturn();
		assertThat(result.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();
		assertThat(result.getRequest().getSession(false)).isNull();
	}

	@Test
	void aDisabledAccountCannotSignIn() throws Exception {
		account("gone", Role.OPS, null);
		this.accounts.disable(TESTER, "gone");
		this.mvc.perform(formLogin("/login").user("gone").password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(get("/api/runs").with(httpBasic("gone", PASSWORD))).andExpect(status().isUnauthorized());
	}

	@Test
	void aTokenSignsInUntilItIsRevoked() throws Exception {
		account("system-pku", Role.UNIVERSITY, "PKU");
		String token = this.accounts.token(TESTER, "system-pku", null);
		assertThat(token).matches("cdt_[a-z0-9]{12}_[A-Za-z0-9]{32}");
		this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isNotFound());
		// a system that signs in with its token alone does not look unused in users list;
		// its calls within a minute do not write the account's row again
		assertThat(lastSignIn("system-pku")).isEqualTo(this.clock.instant());
		java.time.Instant first = this.clock.instant();
		this.clock.advance(Duration.ofSeconds(30));
		this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
		assertThat(lastSignIn("system-pku")).isEqualTo(first);
		this.clock.advance(Duration.ofSeconds(31));
		this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
		assertThat(lastSignIn("system-pku")).isEqualTo(this.clock.instant());
		// The right role is still needed.
		this.mvc.perform(get("/api/runs").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isForbidden());
		this.accounts.revoke(TESTER, "system-pku");
		this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer, Basic realm=\"cardops\""));
		assertThat(audit("sign-in")).filteredOn((row) -> row.startsWith("system-pku|"))
			.containsExactly("system-pku|127.0.0.1|bearer|OK", "system-pku|127.0.0.1|bearer|OK",
					"system-pku|127.0.0.1|bearer|OK", "system-pku|127.0.0.1|bearer|OK",
					"system-pku|127.0.0.1|bearer|FAILED");
	}

	private java.time.Instant lastSignIn(String name) {
		return this.jdbc.sql("SELECT last_sign_in_at FROM portal_account WHERE name = ?")
			.params(name)
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant();
	}

	@Test
	void aTokenWorksThroughItsExpiryDateAndNotAfter() throws Exception {
		account("system-ucas", Role.UNIVERSITY, "UCAS");
		LocalDate today = LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		String token = this.accounts.token(TESTER, "system-ucas", today);
		this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isNotFound());
		this.clock.advance(Duration.ofDays(1));
		this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aForgedTokenIsRefused() throws Exception {
		account("system-forged", Role.UNIVERSITY, "PKU");
		String token = this.accounts.token(TESTER, "system-forged", null);
		String forged = token.substring(0, token.length() - 4) + "AAAA";
		for (String bad : new String[] { forged, "cdt_nosuchtoken1_secret", "garbage", "cdt__", "" }) {
			this.mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + bad))
				.andExpect(status().isUnauthorized());
		}
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() throws Exception {
		for (String path : new String[] { "/login", "/api/runs", "/css/cardops.css" }) {
			this.mvc.perform(get(path))
				.andExpect(header().string("Content-Security-Policy",
						"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
								+ "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(header().string("X-Frame-Options", "DENY"))
				.andExpect(header().string("Referrer-Policy", "same-origin"));
		}
	}

	@Test
	void refusalsAreProblemDetailsWithoutInternals() throws Exception {
		account("uni-problem", Role.UNIVERSITY, "PKU");
		String unauthorized = this.mvc.perform(get("/api/runs"))
			.andExpect(status().isUnauthorized())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String forbidden = this.mvc.perform(get("/api/runs").with(httpBasic("uni-problem", PASSWORD)))
			.andExpect(status().isForbidden())
			// UTF-8 by definition, as every other problem of the API
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(unauthorized).contains("\"status\":401", "\"title\":\"Unauthorized\"");
		assertThat(forbidden).contains("\"status\":403", "\"title\":\"Forbidden\"",
				"\"detail\":\"This account may not do this: it is for OPS accounts only.\"",
				"\"instance\":\"/api/runs\"");
		// each part of the API names its own roles
		account("clerk-problem", Role.FINANCE, null);
		assertThat(this.mvc.perform(get("/api/rosters").with(httpBasic("clerk-problem", PASSWORD)))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("it is for UNIVERSITY and OPS accounts.");
		// but forcing a held roster is for OPS only, which the refusal says
		assertThat(this.mvc.perform(post("/api/rosters/1/force").with(httpBasic("clerk-problem", PASSWORD)))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("it is for OPS accounts only.");
		assertThat(this.mvc.perform(get("/api/settlements").with(httpBasic("uni-problem", PASSWORD)))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("it is for FINANCE and OPS accounts.");
		assertThat(this.mvc.perform(get("/actuator/prometheus").with(httpBasic("uni-problem", PASSWORD)))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("it is for OPS accounts only.");
		assertThat(unauthorized + forbidden).doesNotContain("Exception", "at io.", "at org.");
	}

	@Test
	void anAddressBarLogoutAsksFirstAndItsButtonSignsOut() throws Exception {
		account("leaving", Role.FINANCE, null);
		MockHttpSession session = signedIn("leaving");
		String page = this.mvc.perform(get("/logout").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<h1>Sign out</h1>", "Sign out of cardops on this browser?",
				"<form class=\"stacked signout-confirm\" action=\"/logout\" method=\"post\">");
		Matcher token = Pattern
			.compile("signout-confirm[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(page);
		assertThat(token.find()).as("the confirming form carries its CSRF token").isTrue();
		// the GET itself signed nothing out
		this.mvc.perform(get("/finance").session(session)).andExpect(status().isOk());
		this.mvc.perform(post("/logout").param("_csrf", token.group(1)).session(session))
			.andExpect(redirectedUrl("/login?logout"));
		this.mvc.perform(get("/finance").session(session))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/login")));
		// signed out already, the address leads to the sign-in
		this.mvc.perform(get("/logout").session(session)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/logout")).andExpect(redirectedUrl("/login"));
		String chinese = this.mvc.perform(get("/logout").session(signedIn("leaving")).param("lang", "zh-CN"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(chinese).contains("<h1>退出登录</h1>", "要在此浏览器上退出 cardops 吗？", "保持登录");
	}

	@Test
	void thePagesSpeakChineseOrEnglish() throws Exception {
		String chinese = this.mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String english = this.mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "en-US"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String switched = this.mvc.perform(get("/login").param("lang", "zh-CN"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(chinese).contains("<h1>登录</h1>").contains("用户名");
		assertThat(english).contains("<h1>Sign in</h1>");
		assertThat(switched).contains("<h1>登录</h1>");
		assertThat(english).contains("name=\"_csrf\"").doesNotContain("style=").doesNotContain("<script>");
	}

}
