package io.cardops.portal.rosters;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.cardops.portal.PortalTestApplication;
import io.cardops.portal.PortalTestSupport;
import io.cardops.portal.account.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roster uploads through a real server (the container reads multipart bodies, which
 * MockMvc does not imitate): the page's form with its CSRF token, and a client that goes
 * away mid-file.
 */
@SpringBootTest(classes = PortalTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "cardops.http.max-upload=200KB")
class RosterUploadsOverHttpIntegrationTests extends PortalTestSupport {

	private static final String BOUNDARY = "cardopsrosterboundary";

	private static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void theUploadFormWorksWithItsCsrfTokenThroughTheContainer() throws Exception {
		account("pku-form", Role.UNIVERSITY, "PKU");
		String session = signIn("pku-form");
		HttpResponse<String> page = send(request("/university").header("Cookie", session));
		assertThat(page.statusCode()).isEqualTo(200);
		String csrf = page.body().replaceFirst("(?s).*?name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		byte[] body = multipart(Files.readAllBytes(SAMPLES.resolve("inbox/roster_PKU_20260825.csv")), "GB18030", csrf);

		HttpResponse<String> posted = send(request("/university/rosters").header("Cookie", session)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));

		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/university");
		assertThat(this.jdbc.sql("SELECT status FROM roster_upload WHERE uploaded_by = 'pku-form'")
			.query(String.class)
			.single()).isEqualTo("COMPLETED");
		HttpResponse<String> after = send(request("/university").header("Cookie", session));
		assertThat(after.body()).contains("roster_PKU_20260825.csv", "/university/rosters/");
	}

	@Test
	void aFileOverTheLimitSentFromThePageIsAnswered413AndAudited() throws Exception {
		account("pku-large", Role.UNIVERSITY, "PKU");
		String session = signIn("pku-large");
		HttpResponse<String> page = send(request("/university").header("Cookie", session));
		String action = page.body()
			.replaceFirst("(?s).*action=\"(/university/rosters\\?_csrf=[^\"]+)\".*", "$1")
			.replace("&amp;", "&");
		assertThat(action).startsWith("/university/rosters?_csrf=");

		HttpResponse<String> posted = send(request(action).header("Cookie", session)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(new byte[400 * 1024], "UTF-8", null))));

		assertThat(posted.statusCode()).isEqualTo(413);
		assertThat(posted.body()).doesNotContain("Exception", "at io.", "at org.");
		// the page's refusal is audited as the API's is
		assertThat(audit("roster.upload").stream().filter((row) -> row.startsWith("pku-large|")))
			.containsExactly("pku-large|127.0.0.1|(body not read)|REFUSED");

		HttpResponse<String> api = send(request("/api/rosters").header("Authorization", basic("pku-large"))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(new byte[400 * 1024], "UTF-8", null))));

		assertThat(api.statusCode()).isEqualTo(413);
		assertThat(api.body()).contains("\"status\":413");
		assertThat(audit("roster.upload").stream().filter((row) -> row.startsWith("pku-large|"))).containsExactly(
				"pku-large|127.0.0.1|(body not read)|REFUSED", "pku-large|127.0.0.1|(body not read)|REFUSED");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = 'pku-large'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aClientThatGoesAwayMidFileLeavesNothingAndIsAudited() throws Exception {
		account("pku-socket", Role.UNIVERSITY, "PKU");
		byte[] body = multipart(Files.readAllBytes(SAMPLES.resolve("inbox/roster_PKU_20260825.csv")), "GB18030", null);
		String head = "POST /api/rosters HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic("pku-socket")
				+ "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + body.length
				+ "\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body, 0, body.length / 3);
			out.flush();
		}

		long deadline = System.nanoTime() + 20_000_000_000L;
		while (audit("roster.upload").stream().noneMatch((row) -> row.startsWith("pku-socket|"))
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(audit("roster.upload")).contains("pku-socket|127.0.0.1|(body not read)|FAILED");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = 'pku-socket'")
			.query(Long.class)
			.single()).isZero();
		HttpResponse<String> next = send(request("/api/rosters").header("Authorization", basic("pku-socket")));
		assertThat(next.statusCode()).isEqualTo(200);
	}

	private static byte[] multipart(byte[] file, String charset, String csrf) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (csrf != null) {
			out.writeBytes(field("_csrf", csrf));
		}
		out.writeBytes(field("charset", charset));
		out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\";"
				+ " filename=\"roster_PKU_20260825.csv\"\r\nContent-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(file);
		out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private static byte[] field(String name, String value) {
		return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
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
		return posted.headers().firstValue("Set-Cookie").orElse(cookie).split(";")[0];
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private static String basic(String name) {
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
