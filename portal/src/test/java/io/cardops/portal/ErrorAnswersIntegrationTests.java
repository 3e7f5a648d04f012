package io.cardops.portal;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.portal.account.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real server answers when something goes wrong (the error pages run on the
 * server's error dispatch, which MockMvc does not imitate): problem details on the API, a
 * friendly page elsewhere, neither with an exception's text; the size limit of request
 * bodies; the OpenAPI description without signing in.
 */
@SpringBootTest(classes = PortalTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "cardops.http.max-upload=10KB", "cardops.http.max-body=4KB",
		// (the outage test asserts what is answered before the next try)
		"cardops.database.retry=15s" })
@ExtendWith(OutputCaptureExtension.class)
@Import(ErrorAnswersIntegrationTests.FailingPage.class)
class ErrorAnswersIntegrationTests extends PortalTestSupport {

	@Value("${cardops.error-log}")
	private Path errorLog;

	@LocalServerPort
	private int port;

	@Autowired
	private DatabaseOutage outage;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void anUnknownApiPathIsAProblemDetail() throws Exception {
		account("ops-errors", Role.OPS, null);
		HttpResponse<String> answer = send(request("/api/no-such-thing").header("Authorization", basic("ops-errors")));
		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body())
			.contains("\"type\":\"about:blank\"", "\"status\":404", "\"title\":\"Not Found\"", "\"detail\":",
					"\"instance\":\"/api/no-such-thing\"")
			.doesNotContain("Exception", "trace");
		assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void aTooLargeBodyIsAnswered413() throws Exception {
		account("ops-upload", Role.OPS, null);
		HttpResponse<String> answer = upload("ops-upload", "big.csv", "x".repeat(20_000));
		assertThat(answer.statusCode()).isEqualTo(413);
		// The same shape as every other problem of the API: no charset, the address asked
		// for.
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"status\":413", "\"instance\":\"/api/rosters\"")
			.doesNotContain("Exception");
	}

	@Test
	void aMultipartBodyAnywhereButAnUploadIsHeldToTheBodysLimit() throws Exception {
		// (max-body is 4 KB here, max-upload 10 KB: 8 KB is an upload's size, not a
		// body's)
		String boundary = "cardopsboundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"z.bin\"\r\n\r\n"
				+ "z".repeat(8 * 1024) + "\r\n--" + boundary + "--\r\n";
		for (String path : new String[] { "/login", "/desk/1/close", "/nope" }) {
			HttpResponse<String> answer = send(request(path).POST(HttpRequest.BodyPublishers.ofString(body))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary));
			assertThat(answer.statusCode()).as(path).isEqualTo(413);
		}
	}

	@Test
	void aFileOfExactlyTheLimitIsTakenAndOneByteMoreIsAnswered413() throws Exception {
		account("ops-limit", Role.OPS, null);
		for (int extra : new int[] { 0, 1 }) {
			HttpResponse<String> answer = upload("ops-limit", "roster_UCAS_20260901.csv",
					"x".repeat(10 * 1024 + extra));
			if (extra == 0) {
				assertThat(answer.statusCode()).as("a file of exactly cardops.http.max-upload").isNotEqualTo(413);
			}
			else {
				assertThat(answer.statusCode()).as("one byte more").isEqualTo(413);
			}
		}
	}

	@Test
	void aPathTheServerRefusesItselfIsAnsweredWithTheSecurityHeadersAndNoServerPage() throws Exception {
		for (String path : new String[] { "/api/rosters/a%2Fb", "/finance/a%2Fb", "/api/runs/%00" }) {
			HttpResponse<String> answer = send(request(path));
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			// (nothing of the request: the API's fixed words name %2F and %00 as kinds)
			assertThat(answer.body()).as(path).doesNotContain("Tomcat", "Exception", "a%2Fb", "runs/%00");
			if (path.startsWith("/api/")) {
				assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
				assertThat(answer.body()).contains("\"status\":400",
						"The address has something the server refuses in a path");
			}
		}
		// and the same words for an address the security filters' firewall refuses
		for (String path : new String[] { "/api/runs;jsessionid=abc", "/api/%2e%2e/v3/api-docs", "/api//rosters" }) {
			HttpResponse<String> answer = send(request(path));
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.body()).as(path)
				.contains("an encoded slash (%2F) or backslash (%5C), a doubled slash (//), a dot segment (.. or %2e),"
						+ " a path parameter");
		}
		// the page speaks the request's language, in the portal's style, fit for a phone:
		// an encoded slash in the path (the browser's language, then the portal's cookie)
		HttpResponse<String> chinese = send(request("/finance/a%2Fb").header("Accept-Language", "zh-CN,zh;q=0.9"));
		assertThat(chinese.statusCode()).isEqualTo(400);
		assertThat(chinese.body()).containsPattern("<html[^>]*\\slang=\"zh-CN\"")
			.contains("<meta name=\"viewport\"", "/css/cardops.css", "<h1>无法理解此请求</h1>", "返回首页");
		HttpResponse<String> english = send(
				request("/finance/a%2Fb").header("Accept-Language", "zh-CN").header("Cookie", "cardops-lang=en"));
		assertThat(english.body()).containsPattern("<html[^>]*\\slang=\"en\"")
			.contains("<h1>Request not understood</h1>", "Back to the start page");
	}

	@Test
	void aNulInASignInNameIsAnUnknownNameAndInAValueA400NamingTheParameter() throws Exception {
		account("ops-nul", Role.OPS, null);
		// a NUL in the name HTTP Basic signs in with: refused as any unknown name
		HttpResponse<String> basic = send(request("/api/rosters").header("Authorization", basic("ops-nul\u0000")));
		assertThat(basic.statusCode()).isEqualTo(401);
		assertThat(basic.body()).doesNotContain("Exception", "SQL", "portal_account");
		// a NUL in a query value, on the API and on a page
		HttpResponse<String> api = send(
				request("/api/audit?user=%00&action=a").header("Authorization", basic("ops-nul")));
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(api.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(api.body()).contains("the value of 'user' carries a NUL character (%00), which no field takes")
			.doesNotContain("Exception", "SQL");
		String session = signIn("ops-nul");
		HttpResponse<String> page = send(request("/ops/rosters?institution=U%00CAS").header("Cookie", session));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("NUL character (%00)").doesNotContainPattern("\\wException|SQL");
		// and the audit log kept the refused sign-in, its name made visible
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'sign-in' AND outcome = 'FAILED'"
					+ " AND account LIKE 'ops-nul%'")
			.query(Long.class)
			.single()).isPositive();
		// a zero-width space after a real name: kept visible, so that the failure does
		// not
		// read as the account's own
		assertThat(send(request("/api/rosters").header("Authorization", basic("ops-nul\u200b"))).statusCode())
			.isEqualTo(401);
		assertThat(this.jdbc
			.sql("SELECT account FROM audit_event WHERE action = 'sign-in' AND outcome = 'FAILED'"
					+ " AND account LIKE 'ops-nul_'")
			.query(String.class)
			.list()).contains("ops-nul\uFFFD").doesNotContain("ops-nul\u200b");
	}

	@Test
	void aTraceRequestIsRefusedWithTheSecurityHeadersAndEchoesNothing() throws Exception {
		account("ops-trace", Role.OPS, null);
		for (String path : new String[] { "/api/rosters", "/login" }) {
			for (boolean signedIn : new boolean[] { false, true }) {
				HttpRequest.Builder trace = request(path).method("TRACE", HttpRequest.BodyPublishers.noBody())
					.header("X-Echo", "secret-header");
				if (signedIn) {
					trace.header("Authorization", basic("ops-trace"));
				}
				HttpResponse<String> answer = send(trace);
				assertThat(answer.statusCode()).as(path).isEqualTo(400);
				assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
				assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
				assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
				assertThat(answer.body()).as(path)
					.doesNotContain("secret-header", "Authorization", "Tomcat", "TRACE " + path);
				if (path.startsWith("/api/")) {
					// the method is what is refused, not anything in the address
					assertThat(answer.body()).as(path)
						.contains("The server takes no TRACE request")
						.doesNotContain("in a path");
				}
			}
		}
		// a header longer than the server reads is not blamed on the address
		HttpResponse<String> longHeader = send(
				request("/api/runs").header("Authorization", "Bearer cdt_" + "a".repeat(10_000)));
		assertThat(longHeader.statusCode()).isEqualTo(400);
		assertThat(longHeader.body()).contains("could not read the request's headers").doesNotContain("in a path");
	}

	@Test
	void aLinkOpenedSignedOutWithALanguageShowsTheSignInFormInIt() throws Exception {
		HttpResponse<String> link = send(
				request("/finance?lang=zh-CN").header("Accept", "text/html").header("Accept-Language", "en"));
		assertThat(link.statusCode()).isEqualTo(302);
		String cookie = link.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("cardops-lang="))
			.findFirst()
			.orElseThrow()
			.split(";")[0];
		assertThat(cookie).isEqualTo("cardops-lang=zh-CN");
		assertThat(link.headers().allValues("Set-Cookie")).filteredOn((value) -> value.startsWith("cardops-lang="))
			.hasSize(1);
		HttpResponse<String> form = send(request("/login").header("Cookie", cookie).header("Accept-Language", "en"));
		assertThat(form.body()).contains("<html lang=\"zh-CN\"", "登录");
	}

	@Test
	void whileTheDatabaseCannotBeReachedEveryRequestIsAnswered503AtOnceAndTheLogSaysItOnce(CapturedOutput output)
			throws Exception {
		account("ops-outage", Role.OPS, null);
		String session = signIn("ops-outage");
		this.outage.watch();
		try {
			// given: a page whose database went away while it was answered
			HttpResponse<String> failed = send(
					request("/ops/database-gone").header("Cookie", session).header("Accept-Language", "zh-CN"));
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(failed.headers().firstValue("Retry-After")).hasValue("30");
			assertThat(failed.body()).contains("<h1>暂时无法使用</h1>", "暂时无法连接数据库，本次操作未执行")
				.doesNotContain("Exception", "the test's words", "Hikari");

			// then: every request is answered 503 at once, ahead of the sign-in (which
			// would read the account from the database): the API with a problem detail
			HttpResponse<String> api = send(request("/api/runs").header("Authorization", basic("ops-outage")));
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(api.headers().firstValue("Retry-After")).hasValue("30");
			assertThat(api.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(api.body())
				.contains("\"status\":503", "\"instance\":\"/api/runs\"", "The database cannot be reached (since 20",
						"Asia/Shanghai): nothing was done.")
				.doesNotContain("Exception", "Hikari");
			// the pages with the error page, in the reader's language, its style sheet
			// served
			HttpResponse<String> page = send(request("/ops").header("Cookie", session).header("Accept-Language", "en"));
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("<h1>Temporarily unavailable</h1>",
					"The database cannot be reached at the moment, so nothing was done.", "/css/cardops.css");
			assertThat(send(request("/css/cardops.css")).statusCode()).isEqualTo(200);
			// the sign-in form's post too (it would read the account)
			assertThat(send(request("/login").POST(HttpRequest.BodyPublishers.ofString("username=ops-outage"))
				.header("Content-Type", "application/x-www-form-urlencoded")).statusCode()).isEqualTo(503);
			// and the log says it once, naming the database and what the node does
			assertThat(output.getOut() + output.getErr()).containsOnlyOnce("cannot reach the database ")
				.contains("the portal and the API answer 503 and the schedules wait until it is back")
				.doesNotContain("the test's words\n\tat ");
		}
		finally {
			// when a connection is had again (this database never went away), the node
			// answers again and says so
			Instant deadline = Instant.now().plusSeconds(120);
			while (this.outage.down() != null && Instant.now().isBefore(deadline)) {
				Thread.sleep(200);
			}
		}
		assertThat(this.outage.down()).as("the database is reached again").isNull();
		assertThat(output.getOut() + output.getErr()).contains("reached the database ", " again after ");
		assertThat(send(request("/api/runs").header("Authorization", basic("ops-outage"))).statusCode()).isEqualTo(200);
	}

	@Test
	void anUnknownPageIsTheFriendlyErrorPage() throws Exception {
		account("ops-page", Role.OPS, null);
		String session = signIn("ops-page");
		HttpResponse<String> answer = send(
				request("/no-such-page").header("Cookie", session).header("Accept-Language", "en"));
		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		// (the navigation names the "Exception desk": a Java exception's name has a word
		// before it)
		assertThat(answer.body()).contains("There is nothing at this address.")
			.doesNotContainPattern("\\wException")
			.doesNotContain("Whitelabel", "trace");
	}

	@Test
	void aPageRefusedForAValueSaysWhatToChangeAsTheApiDoes() throws Exception {
		account("finance-page", Role.FINANCE, null);
		String session = signIn("finance-page");
		HttpResponse<String> format = send(
				request("/finance/settlements/2026-10-13/files/settlement_20261013_BJBUS.csv?format=pdf")
					.header("Cookie", session)
					.header("Accept-Language", "en"));
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(format.body()).contains("What to change:", "format must be csv or xlsx");
		// the page keeps its header: the account, its navigation, signing out
		assertThat(format.body()).contains("<span>finance-page</span>", "href=\"/desk\"", "/logout");
		HttpResponse<String> caseNumber = send(
				request("/desk/abc").header("Cookie", session).header("Accept-Language", "zh-CN"));
		assertThat(caseNumber.statusCode()).isEqualTo(400);
		assertThat(caseNumber.body()).contains("需要更正：", "id must be a whole number (&#39;abc&#39; is none).")
			.doesNotContainPattern("\\wException")
			.doesNotContain("trace");
		// a value shown back is escaped, and an identity number in it is not shown
		HttpResponse<String> hostile = send(
				request("/desk/%3Cb%3E110101199003070038").header("Cookie", session).header("Accept-Language", "en"));
		assertThat(hostile.statusCode()).isEqualTo(400);
		assertThat(hostile.body()).doesNotContain("<b>", "110101199003070038");
	}

	@Test
	void aQueryWithRawCharactersAUrlShouldEncodeIsAnsweredAsAnyOtherValue() throws Exception {
		account("ops-raw", Role.OPS, null);
		String basic = basic("ops-raw");
		// the API answers for itself, in JSON, naming the parameter
		String api = raw("GET /api/runs?limit=\"<1>\" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic
				+ "\r\nConnection: close\r\n\r\n");
		assertThat(api).startsWith("HTTP/1.1 400")
			.contains("Content-Type: application/problem+json", "limit must be a whole number");
		assertThat(raw("GET /api/runs?x={a|b} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic
				+ "\r\nConnection: close\r\n\r\n"))
			.startsWith("HTTP/1.1 200");
		// and a page (signed out: to the sign-in) repeats nothing of it unescaped
		String page = raw("GET /finance?x=<script>alert(1)</script> HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(page).startsWith("HTTP/1.1 302").doesNotContain("<script>alert");
	}

	@Test
	void aSettlementDatePostgresqlCannotHoldIsNotADateOnThePages() throws Exception {
		account("fin-far", Role.FINANCE, null);
		String session = signIn("fin-far");
		HttpResponse<String> date = send(request("/finance/settlements/+999999999-01-01").header("Cookie", session)
			.header("Accept-Language", "en"));
		assertThat(date.statusCode()).isEqualTo(400);
		assertThat(date.body()).doesNotContainPattern("\\wException|SQL");
		HttpResponse<String> range = send(
				request("/finance?to=%2B6000000-01-01").header("Cookie", session).header("Accept-Language", "en"));
		assertThat(range.statusCode()).isLessThan(500);
		assertThat(range.body()).doesNotContainPattern("\\wException|SQL");
	}

	@Test
	void aPagesUnexpectedFailureIsTheErrorPageAndOneLineInTheLogWithTheTraceInTheErrorLog(CapturedOutput output)
			throws Exception {
		account("ops-boom", Role.OPS, null);
		String session = signIn("ops-boom");
		HttpResponse<String> answer = send(
				request("/ops/boom").header("Cookie", session).header("Accept-Language", "en"));
		assertThat(answer.statusCode()).isEqualTo(500);
		assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(answer.body()).contains("<h1>").doesNotContainPattern("\\wException|SQL|secret_column");
		assertThat(output.getAll()).contains("GET /ops/boom failed unexpectedly: java.lang.IllegalStateException")
			.doesNotContain("secret_column", "at io.cardops");
		assertThat(Files.readString(this.errorLog)).contains("GET /ops/boom", "secret_column", "at io.cardops");
	}

	@Test
	void aParameterNotPercentEncodedUtf8IsTheClientsMistake400() throws Exception {
		account("ops-encoding", Role.OPS, null);
		for (String path : new String[] { "/api/runs?job=%C0%AF", "/api/exceptions?partner=%FF" }) {
			HttpResponse<String> answer = send(request(path).header("Authorization", basic("ops-encoding")));
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.body()).as(path)
				.contains("percent-encoded UTF-8 (%FF is not)")
				.doesNotContainPattern("\\wException");
		}
		// more parameters than Tomcat takes (1,000): the same answer
		StringBuilder many = new StringBuilder("/api/runs?limit=5");
		for (int i = 0; i < 1_100; i++) {
			many.append("&p").append(i).append("=1");
		}
		HttpResponse<String> tooMany = send(request(many.toString()).header("Authorization", basic("ops-encoding")));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.body()).contains("at most 1,000 of them");
		String session = signIn("ops-encoding");
		HttpResponse<String> page = send(
				request("/desk?partner=%FF").header("Cookie", session).header("Accept-Language", "en"));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("The request could not be understood.").doesNotContainPattern("\\wException");
	}

	@Test
	void aLanguageNeitherChineseNorEnglishIsEnglish() throws Exception {
		for (String asked : new String[] { "ja", "xx_YY", "x".repeat(300) }) {
			HttpResponse<String> login = send(request("/login?lang=" + asked));
			assertThat(login.statusCode()).as(asked).isEqualTo(200);
			assertThat(login.body()).as(asked).containsPattern("<html[^>]*\\slang=\"en\"");
		}
		HttpResponse<String> cookie = send(request("/login").header("Cookie", "cardops-lang=ja"));
		assertThat(cookie.body()).containsPattern("<html[^>]*\\slang=\"en\"");
		// the browser's first preference of the two, not its first of all
		for (String[] accepted : new String[][] { { "ja,zh-CN;q=0.9", "zh-CN" }, { "fr-FR,zh;q=0.8", "zh-CN" },
				{ "fr,en;q=0.5,zh;q=0.4", "en" }, { "zh;q=0.1,en;q=0.9", "en" }, { "ja", "en" } }) {
			HttpResponse<String> login = send(request("/login").header("Accept-Language", accepted[0]));
			assertThat(login.body()).as(accepted[0]).containsPattern("<html[^>]*\\slang=\"" + accepted[1] + "\"");
			HttpResponse<String> refused = send(request("/finance/a%2Fb").header("Accept-Language", accepted[0]));
			assertThat(refused.body()).as(accepted[0]).containsPattern("<html[^>]*\\slang=\"" + accepted[1] + "\"");
		}
	}

	@Test
	void anUploadWithALongFileNameIsRefusedForItsName400() throws Exception {
		account("ops-long-name", Role.OPS, null);
		HttpResponse<String> answer = upload("ops-long-name", "r".repeat(450), "abc");
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("roster_<INSTITUTION>_<YYYYMMDD>.csv");
		// a name longer than the part headers the server reads: still the name's fault,
		// not a body too large
		HttpResponse<String> longer = upload("ops-long-name", "r".repeat(9_000), "abc");
		assertThat(longer.statusCode()).isEqualTo(400);
		assertThat(longer.body()).contains("its file name", "roster_<INSTITUTION>_<YYYYMMDD>.csv")
			.doesNotContain("max-upload");
		assertThat(this.jdbc
			.sql("SELECT detail FROM audit_event WHERE action = 'roster.upload' AND account = 'ops-long-name'"
					+ " ORDER BY event_id DESC FETCH FIRST 1 ROW ONLY")
			.query(String.class)
			.single()).startsWith("its file name (the part's headers) is longer than 8192 bytes");
	}

	@Test
	void aRefusedPageSpeaksTheLanguageItsAddressAsksFor() throws Exception {
		account("fin-lang", Role.FINANCE, null);
		String session = signIn("fin-lang");
		HttpResponse<String> refused = send(
				request("/ops?lang=zh-CN").header("Cookie", session).header("Accept-Language", "en"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).containsPattern("<html[^>]*\\slang=\"zh-CN\"").contains("您的账户无权打开此页面。");
	}

	@Test
	void aLanguageCookieThatIsNoLanguageIsIgnored() throws Exception {
		HttpResponse<String> login = send(
				request("/login").header("Cookie", "cardops-lang=<script>").header("Accept-Language", "zh-CN"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("lang=\"zh-CN\"");
		assertThat(send(request("/api/runs").header("Cookie", "cardops-lang=%3C")).statusCode()).isEqualTo(401);
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
		account("ops-cookie", Role.OPS, null);
		HttpResponse<String> login = send(request("/login"));
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("CARDOPS_SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(cookie).doesNotContain("Secure");
	}

	@Test
	void theSessionCookieIsSecureWhenTheRequestCameOverHttps() throws Exception {
		// A TLS-terminating proxy on this host says the client spoke HTTPS.
		HttpResponse<String> login = send(request("/login").header("X-Forwarded-Proto", "https"));
		assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
	}

	@Test
	void theOpenApiDescriptionNeedsNoSignIn() throws Exception {
		HttpResponse<String> docs = send(request("/v3/api-docs"));
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("cardops API", "bearer", "basic");
		// the schemas name the fields as the answers do (a record named with Jackson 3's
		// @JsonNaming, one with @JsonProperty, one answer of each kind)
		assertThat(docs.body())
			.contains("\"case_state\"", "\"source_address\"", "\"runs_url\"", "\"as_of\"", "\"snapshot_date\"",
					"\"clearing_date\"")
			.doesNotContain("\"*/*\"", "\"caseState\"", "\"sourceAddress\"", "\"runsUrl\"", "\"asOf\"",
					"\"snapshotDate\"");
		HttpResponse<String> ui = send(request("/swagger-ui.html"));
		assertThat(ui.statusCode()).isEqualTo(302);
		assertThat(ui.headers().firstValue("Location").orElseThrow()).endsWith("/swagger-ui/index.html");
		assertThat(send(request("/swagger-ui/index.html")).statusCode()).isEqualTo(200);
	}

	@Test
	void aJsonBodyOverTheLimitIsRefused413BeforeAnythingIsApplied() throws Exception {
		account("fin-body", Role.FINANCE, null);
		String big = "{\"note\":\"" + "n".repeat(5_000) + "\"}";
		HttpResponse<String> answer = send(
				request("/api/exceptions/1/acknowledge").header("Authorization", basic("fin-body"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(big)));
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"status\":413", "cardops.http.max-body").doesNotContain("Exception");
		assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void aPageFormOverTheLimitIsTheTooLargePageInItsLanguage() throws Exception {
		account("fin-form", Role.FINANCE, null);
		String session = signIn("fin-form");
		HttpResponse<String> answer = send(request("/desk/1/close").header("Cookie", session)
			.header("Accept-Language", "zh-CN")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("resolution=OTHER&note=" + "n".repeat(3_000_000))));
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("内容过大", "cardops.http.max-body").doesNotContainPattern("\\wException");
		assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
	}

	@Test
	void aPathTheFirewallRefusesIsAnswered400WithTheSecurityHeaders() throws Exception {
		for (String path : new String[] { "/login;jsessionid=ABC", "/finance/settlements/2026-10-14/files/%2e%2e",
				"/api/settlements/2026-10-14/files/%2e%2e" }) {
			HttpResponse<String> answer = send(request(path));
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
			assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(answer.body()).as(path).doesNotContain("Exception", "jsessionid");
		}
	}

	@Test
	void theErrorPageAskedForItselfIsNotFound() throws Exception {
		assertThat(send(request("/error")).statusCode()).isEqualTo(404);
	}

	@Test
	void theApiSpeaksJsonOnlyNotYaml() throws Exception {
		account("fin-yaml", Role.OPS, null);
		HttpResponse<String> asked = send(
				request("/api/runs").header("Authorization", basic("fin-yaml")).header("Accept", "application/yaml"));
		assertThat(asked.statusCode()).isEqualTo(406);
		HttpResponse<String> sent = send(
				request("/api/exceptions/1/acknowledge").header("Authorization", basic("fin-yaml"))
					.header("Content-Type", "application/yaml")
					.POST(HttpRequest.BodyPublishers.ofString("note: hi")));
		assertThat(sent.statusCode()).isEqualTo(415);
	}

	@Test
	void aValueOfTheWrongFormOrABodyThatIsNotJsonSaysWhatToSend() throws Exception {
		account("fin-forms", Role.OPS, null);
		HttpResponse<String> date = send(
				request("/api/settlements/2026-13-45").header("Authorization", basic("fin-forms")));
		assertThat(date.statusCode()).isEqualTo(400);
		assertThat(date.body()).contains("date must be a date YYYY-MM-DD ('2026-13-45' is none).")
			.doesNotContain("Failed to convert");
		// a year PostgreSQL cannot hold (Java's ISO dates take nine digits and a sign)
		for (String far : new String[] { "/api/settlements/+999999999-01-01",
				"/api/settlements/+999999999-01-01/files/x.csv",
				"/api/settlements?from=%2B6000000-01-01&to=%2B6000000-01-02" }) {
			HttpResponse<String> answer = send(request(far).header("Authorization", basic("fin-forms")));
			assertThat(answer.statusCode()).as(far).isEqualTo(400);
			assertThat(answer.body()).as(far).contains("must be a date YYYY-MM-DD ('+");
		}
		// a parameter of one value given twice is named, not shown as a Java array
		HttpResponse<String> twice = send(
				request("/api/runs?limit=1&limit=2").header("Authorization", basic("fin-forms")));
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("limit is given 2 times: give it once.").doesNotContain("[L");
		// a text parameter too, which would be read as the values joined by a comma
		for (String query : new String[] { "/api/audit?user=ops-demo&user=ops-demo",
				"/api/runs?job=settle&job=reconcile" }) {
			HttpResponse<String> repeated = send(request(query).header("Authorization", basic("fin-forms")));
			assertThat(repeated.statusCode()).as(query).isEqualTo(400);
			assertThat(repeated.body()).as(query).contains(" is given 2 times: give it once.");
		}
		HttpResponse<String> limit = send(request("/api/runs?limit=abc").header("Authorization", basic("fin-forms")));
		assertThat(limit.statusCode()).isEqualTo(400);
		assertThat(limit.body()).contains("limit must be a whole number ('abc' is none).");
		// other scripts' digits are not whole numbers here, as they are not in
		// dates (Arabic-Indic five, full-width four)
		HttpResponse<String> arabic = send(
				request("/api/exceptions/%D9%A5").header("Authorization", basic("fin-forms")));
		assertThat(arabic.statusCode()).as(arabic.body()).isEqualTo(400);
		assertThat(arabic.body()).contains("id must be a whole number");
		HttpResponse<String> huge = send(
				request("/api/exceptions/99999999999999999999").header("Authorization", basic("fin-forms")));
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(huge.body()).contains("id '99999999999999999999' is out of range: no id is that large.")
			.doesNotContain("9223372036854775807");
		HttpResponse<String> wide = send(
				request("/api/runs?limit=%EF%BC%94").header("Authorization", basic("fin-forms")));
		assertThat(wide.statusCode()).isEqualTo(400);
		assertThat(send(request("/api/runs?limit=%2B4").header("Authorization", basic("fin-forms"))).statusCode())
			.isEqualTo(200);
		HttpResponse<String> body = send(
				request("/api/exceptions/1/acknowledge").header("Authorization", basic("fin-forms"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{bad")));
		assertThat(body.statusCode()).isEqualTo(400);
		assertThat(body.body()).contains("send a JSON object").doesNotContain("Failed to read", "JsonParse", "line: 1");
		// a number, a boolean or a fraction where a field takes text is no text
		for (String wrong : new String[] { "{\"note\": 123}", "{\"note\": true}", "{\"note\": 1.5}",
				"{\"resolution\": 7}" }) {
			HttpResponse<String> typed = send(
					request("/api/exceptions/1/acknowledge").header("Authorization", basic("fin-forms"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(wrong)));
			assertThat(typed.statusCode()).as(wrong).isEqualTo(400);
			assertThat(typed.body()).as(wrong).contains("send a JSON object");
		}
	}

	@Test
	void aMethodOrABodyTypeAnAddressDoesNotTakeIsAnsweredWithWhatItTakes() throws Exception {
		account("ops-methods", Role.OPS, null);
		HttpResponse<String> method = send(
				request("/api/exceptions/1/acknowledge").header("Authorization", basic("ops-methods")));
		assertThat(method.statusCode()).isEqualTo(405);
		assertThat(method.headers().firstValue("Allow")).hasValue("POST");
		assertThat(method.body()).contains("This address takes only POST.");
		HttpResponse<String> text = send(
				request("/api/exceptions/1/acknowledge").header("Authorization", basic("ops-methods"))
					.header("Content-Type", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString("note: hi")));
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(text.body()).contains("send it as application/json.").doesNotContain("text/plain");
	}

	@Test
	void aRoleRefusalIsAProblemLikeEveryOtherWithItsAddress() throws Exception {
		account("fin-roles", Role.FINANCE, null);
		HttpResponse<String> refused = send(request("/api/runs?limit=2").header("Authorization", basic("fin-roles")));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":403", "\"instance\":\"/api/runs\"", "it is for OPS accounts");
		// the 401 says nothing of the request to whoever is not signed in
		HttpResponse<String> anonymous = send(request("/api/runs"));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("instance");
	}

	@Test
	void aFormWithoutItsTokenSaysItExpiredOrLeadsSignedOutToTheLogin() throws Exception {
		account("fin-csrf", Role.FINANCE, null);
		HttpResponse<String> signedOut = send(
				request("/desk/1/acknowledge").header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("note=x")));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		String session = signIn("fin-csrf");
		HttpResponse<String> signedIn = send(request("/desk/1/acknowledge").header("Cookie", session)
			.header("Accept-Language", "en")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("note=x")));
		assertThat(signedIn.statusCode()).isEqualTo(403);
		assertThat(signedIn.body()).contains("This form has expired").doesNotContain("may not open this page");
		// Its language switch cannot lead to the address posted to (which takes no
		// GET): it leads to the page the form was on, or home.
		assertThat(signedIn.body()).contains("href=\"/?lang=zh-CN\"");
		String page = "http://127.0.0.1:" + this.port + "/desk/1?state=NEW";
		for (String[] referer : new String[][] { { page, "href=\"/desk/1?state=NEW&amp;lang=zh-CN\"" },
				{ "http://elsewhere.example/desk/1", "href=\"/?lang=zh-CN\"" },
				{ "http://127.0.0.1:" + this.port + "/desk/1/acknowledge", "href=\"/?lang=zh-CN\"" },
				{ "http://127.0.0.1:" + this.port + "//elsewhere.example/", "href=\"/?lang=zh-CN\"" } }) {
			HttpResponse<String> expired = send(request("/desk/1/acknowledge").header("Cookie", session)
				.header("Accept-Language", "en")
				.header("Referer", referer[0])
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("note=x")));
			assertThat(expired.statusCode()).as(referer[0]).isEqualTo(403);
			assertThat(expired.body()).as(referer[0]).contains(referer[1]);
		}
	}

	@Test
	void aFormSentAfterItsSessionEndedSaysItWasNotDoneAndSigningInLeadsBackToItsPage() throws Exception {
		account("fin-ended", Role.FINANCE, null);
		account("uni-ended", Role.UNIVERSITY, "UCAS");
		String page = "http://127.0.0.1:" + this.port + "/desk/1?state=NEW";
		// given: a form of /desk/1 posted with a session that has ended
		HttpResponse<String> posted = send(request("/desk/1/acknowledge").header("Cookie", "CARDOPS_SESSION=ended")
			.header("Referer", page)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("note=x&_csrf=old")));
		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		String cookie = posted.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

		// when: the login form is opened and signed in with
		HttpResponse<String> login = send(
				request("/login?expired").header("Cookie", cookie).header("Accept-Language", "en"));
		assertThat(login.body()).contains("Your session had ended, so what you just sent was not done");
		String csrf = login.body().replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> signedIn = send(request("/login").header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=fin-ended&password=" + PASSWORD + "&_csrf=" + csrf)));

		// then: it leads back to the page the form was on, once
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/desk/1?state=NEW");

		// and a role that may not open that page goes home instead
		HttpResponse<String> again = send(request("/desk/1/acknowledge").header("Referer", page)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("note=x")));
		String other = again.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		HttpResponse<String> form = send(request("/login?expired").header("Cookie", other));
		String token = form.body().replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> university = send(request("/login").header("Cookie", other)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=uni-ended&password=" + PASSWORD + "&_csrf=" + token)));
		assertThat(university.headers().firstValue("Location").orElseThrow()).endsWith("/");
	}

	@Test
	void aFormsAddressOpenedAsAPageSaysItIsAButton() throws Exception {
		account("fin-button", Role.FINANCE, null);
		String session = signIn("fin-button");
		for (String[] language : new String[][] { { "en", "This address is a form's button: it opens no page." },
				{ "zh-CN", "此地址是表单按钮的提交地址，不是页面。" } }) {
			HttpResponse<String> page = send(
					request("/desk/1/acknowledge").header("Cookie", session).header("Accept-Language", language[0]));
			assertThat(page.statusCode()).isEqualTo(405);
			assertThat(page.body()).contains(language[1].replace("'", "&#39;"));
		}
	}

	@Test
	void aPageUploadTooLargeLeadsItsLanguageSwitchBackToTheUploadPage() throws Exception {
		account("registrar-large", Role.UNIVERSITY, "PKU");
		String session = signIn("registrar-large");
		HttpResponse<String> page = send(request("/university").header("Cookie", session));
		String csrf = page.body().replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		String boundary = "cardopsboundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
				+ " filename=\"roster_PKU_20260901.csv\"\r\nContent-Type: text/csv\r\n\r\n" + "x".repeat(20_000)
				+ "\r\n--" + boundary + "--\r\n";
		HttpResponse<String> large = send(request("/university/rosters").header("Cookie", session)
			.header("X-CSRF-TOKEN", csrf)
			.header("Referer", "http://127.0.0.1:" + this.port + "/university")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(large.statusCode()).isEqualTo(413);
		// not a GET of the address posted to, which takes none (405)
		assertThat(large.body()).contains("href=\"/university?lang=zh-CN\"").doesNotContain("href=\"?lang=zh-CN\"");
	}

	/**
	 * A page that fails as a database error would, its SQL in its message: imported by
	 * this test alone (no annotation of its own, its controller an inner class, so that
	 * the tests' component scan takes neither).
	 */
	static class FailingPage {

		@Bean
		Boom boom() {
			return new Boom();
		}

		@Controller
		class Boom {

			@GetMapping("/ops/boom")
			String boom() {
				throw new IllegalStateException("SQL [SELECT secret_column FROM x]; ERROR: date out of range");
			}

			@GetMapping("/ops/database-gone")
			String databaseGone() {
				// what the pool throws once it has waited for a connection in vain
				throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
						new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request"
								+ " timed out after 30000ms (the test's words)", "08001"));
			}

		}

	}

	/**
	 * A roster upload to the API as the account: one part, the file, named and holding
	 * the content.
	 */
	private HttpResponse<String> upload(String account, String fileName, String content) throws Exception {
		String boundary = "cardopsboundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		return send(request("/api/rosters").header("Authorization", basic(account))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Signs in through the login form as a browser does; returns the session cookie. */
	private String signIn(String name) throws Exception {
		HttpResponse<String> login = send(request("/login"));
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		String csrf = login.body().replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> posted = send(request("/login").header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=" + name + "&password=" + PASSWORD + "&_csrf=" + csrf)));
		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/");
		return posted.headers().firstValue("Set-Cookie").orElse(cookie).split(";")[0];
	}

	/**
	 * Sends bytes as they are, which no HTTP client would, and reads the whole answer.
	 */
	private String raw(String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String basic(String name) {
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
