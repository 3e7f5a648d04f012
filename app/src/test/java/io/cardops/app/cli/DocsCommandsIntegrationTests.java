package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Accounts;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command the documentation shows is real. Each {@code ./cardops ...} line of the
 * README and {@code docs/} names an existing command and only options it has (checked
 * against the command tree of {@link CardopsCli}); each {@code curl} example of the
 * audience guides is sent, method, path, headers and form parts as written, by Java's
 * HttpClient to a {@code cardops serve} node holding the demo's data, with an API token
 * of the guide's demo account, and answers the status the guide documents.
 *
 * <p>
 * The shape of a documented example: a {@code curl} line in a fenced code block (lines
 * ending in {@code \} continue it), its status in a comment at its end or on the next
 * line ({@code # 201: ...}; none documented means 200). {@code $TOKEN} is the API token
 * of the guide's account ({@code ucas-registry}, {@code finance-demo}, {@code ops-demo});
 * {@code $UPLOAD} the id of the upload the last {@code Location} named.
 */
class DocsCommandsIntegrationTests extends CliTestSupport {

	private static final Path ROOT = SAMPLES.getParent();

	/** The guides whose curl examples are run, in this order, with their account. */
	private static final Map<String, String> GUIDES = guides();

	private static final Pattern STATUS = Pattern.compile("#\\s*(\\d{3})\\b");

	private static final List<String> GLOBAL_OPTIONS = List.of("--db", "--inbox", "--outbox");

	@Test
	void everyCardopsCommandInTheDocsNamesAnExistingCommandAndItsOptions() throws IOException {
		CommandLine tree = CardopsCli.commandTree(session());
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (Path doc : documents()) {
			for (Example example : examples(doc, "./cardops", true)) {
				checked++;
				String problem = problem(tree, example.command());
				if (problem != null) {
					problems.add(example.where() + ": " + example.command() + " -> " + problem);
				}
			}
		}
		assertThat(problems).as("commands in the docs that the command line does not have").isEmpty();
		// and the check itself tells a wrong command from a right one
		assertThat(problem(tree, "./cardops users add li.ming --role OPS --password-stdin")).isNull();
		assertThat(problem(tree, "./cardops run reconcile --date 2026-10-13 --inbox sample-data/inbox")).isNull();
		assertThat(problem(tree, "./cardops users remove li.ming")).contains("has no command remove");
		assertThat(problem(tree, "./cardops serve --host 0.0.0.0")).contains("has no option --host");
		assertThat(checked).as("./cardops commands found in the docs").isGreaterThan(40);
	}

	@Test
	void everyCurlExampleOfTheGuidesAnswersAsDocumented() throws Exception {
		// given: the demo's data, a node, an API token per demo account
		CliResult demo = cardops("demo");
		assertThat(demo.code()).as(demo.err()).isZero();
		try (ConfigurableApplicationContext node = ServeCommand.open(session(), 0)) {
			ServeCommand.start(session(), node);
			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			Accounts accounts = node.getBean(Accounts.class);
			Map<String, String> variables = new LinkedHashMap<>();
			List<String> problems = new ArrayList<>();
			int sent = 0;
			for (Map.Entry<String, String> guide : GUIDES.entrySet()) {
				variables.put("TOKEN", token(accounts, guide.getValue()));
				Path doc = ROOT.resolve(guide.getKey());
				for (Example example : examples(doc, "curl", false)) {
					sent++;
					String problem = send(example, port, variables);
					if (problem != null) {
						problems.add(example.where() + ": " + example.command() + " -> " + problem);
					}
				}
			}
			// then
			assertThat(problems).as("curl examples that do not answer as documented").isEmpty();
			assertThat(sent).as("curl examples found in the guides").isGreaterThan(10);
		}
	}

	private static Map<String, String> guides() {
		Map<String, String> guides = new LinkedHashMap<>();
		guides.put("docs/universities.md", "ucas-registry");
		guides.put("docs/finance.md", "finance-demo");
		guides.put("docs/operations.md", "ops-demo");
		return guides;
	}

	/** A token of a demo account (made here when the demo made none: on PostgreSQL). */
	private static String token(Accounts accounts, String name) {
		boolean exists = accounts.list().stream().anyMatch((account) -> account.name().equals(name));
		if (!exists) {
			DemoAccounts.Demo demo = DemoAccounts.ACCOUNTS.stream()
				.filter((account) -> account.name().equals(name))
				.findFirst()
				.orElseThrow();
			accounts.add(Actor.commandLine(), name, demo.role(), demo.institution(), null);
		}
		return accounts.token(Actor.commandLine(), name, null);
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((doc) -> doc.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	/**
	 * The commands of a document that start with a word: in fenced code blocks (joined
	 * across {@code \} line ends, each with the status documented for it), and, when
	 * asked, in inline code spans of the prose.
	 */
	static List<Example> examples(Path doc, String word, boolean inline) throws IOException {
		List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
		List<Example> examples = new ArrayList<>();
		boolean fenced = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.strip().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			String where = ROOT.relativize(doc) + ":" + (i + 1);
			if (!fenced) {
				if (inline) {
					Matcher span = Pattern.compile("`(" + Pattern.quote(word) + " [^`]*)`").matcher(line);
					while (span.find()) {
						examples.add(new Example(where, command(span.group(1), word), 200));
					}
				}
				continue;
			}
			String text = line;
			while (text.stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
				String head = text.stripTrailing();
				text = head.substring(0, head.length() - 1) + " " + lines.get(++i).strip();
			}
			int at = start(text, word);
			if (at < 0) {
				continue;
			}
			Integer status = status(text.substring(at));
			if (status == null && i + 1 < lines.size()) {
				String next = lines.get(i + 1).strip();
				status = next.startsWith("#") ? status(next) : null;
			}
			examples.add(new Example(where, command(text.substring(at), word), (status != null) ? status : 200));
		}
		return examples;
	}

	/**
	 * Where a command starts in a line: at its word, not inside another word or a
	 * comment.
	 */
	private static int start(String line, String word) {
		Matcher matcher = Pattern.compile("(^|[\\s;&|(])" + Pattern.quote(word) + "(\\s|$)").matcher(line);
		if (!matcher.find()) {
			return -1;
		}
		int comment = line.indexOf('#');
		int at = matcher.start() + matcher.group(1).length();
		return (comment >= 0 && comment < at && !insideQuotes(line, comment)) ? -1 : at;
	}

	private static Integer status(String text) {
		int comment = commentStart(text);
		if (comment < 0) {
			return null;
		}
		Matcher matcher = STATUS.matcher(text.substring(comment));
		return matcher.lookingAt() ? Integer.valueOf(matcher.group(1)) : null;
	}

	/** The command alone: up to a comment, a pipe, a list operator or a redirection. */
	private static String command(String text, String word) {
		int end = text.length();
		boolean single = false;
		boolean dbl = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\'' && !dbl) {
				single = !single;
			}
			else if (c == '"' && !single) {
				dbl = !dbl;
			}
			else if (!single && !dbl && (c == '|' || c == ';' || c == '&' || c == '>' || c == ')'
					|| (c == '#' && i > 0 && Character.isWhitespace(text.charAt(i - 1))))) {
				end = i;
				break;
			}
		}
		return text.substring(0, end).strip();
	}

	private static int commentStart(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
					&& !insideQuotes(text, i)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean insideQuotes(String text, int at) {
		boolean single = false;
		boolean dbl = false;
		for (int i = 0; i < at; i++) {
			char c = text.charAt(i);
			if (c == '\'' && !dbl) {
				single = !single;
			}
			else if (c == '"' && !single) {
				dbl = !dbl;
			}
		}
		return single || dbl;
	}

	/** Splits a command as a shell would (quotes, no expansion). */
	static List<String> words(String command) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		boolean single = false;
		boolean dbl = false;
		for (char c : command.toCharArray()) {
			if (c == '\'' && !dbl) {
				single = !single;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (c == '"' && !single) {
				dbl = !dbl;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (Character.isWhitespace(c) && !single && !dbl) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

	/**
	 * What is wrong with a documented command line, or null: an unknown command, or an
	 * option its command does not have. Placeholders ({@code …}, {@code <...>},
	 * {@code $VAR}) pass.
	 */
	private static String problem(CommandLine tree, String command) {
		List<String> words = words(command);
		CommandLine current = tree;
		boolean positional = false;
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			if (word.contains("…") || word.contains("...") || word.startsWith("<") || word.startsWith("$")) {
				continue;
			}
			if (word.startsWith("-") && word.length() > 1) {
				String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
				if (GLOBAL_OPTIONS.contains(name)) {
					i += word.contains("=") ? 0 : 1;
					continue;
				}
				OptionSpec option = current.getCommandSpec().findOption(name);
				if (option == null) {
					return "`" + current.getCommandSpec().qualifiedName() + "` has no option " + name;
				}
				if (!word.contains("=") && option.arity().max() > 0) {
					i++;
				}
				continue;
			}
			CommandSpec spec = current.getCommandSpec();
			if (!positional && !spec.subcommands().isEmpty()) {
				CommandLine sub = spec.subcommands().get(word);
				if (sub == null) {
					return "`" + spec.qualifiedName() + "` has no command " + word;
				}
				current = sub;
				continue;
			}
			if (spec.positionalParameters().isEmpty()) {
				return "`" + spec.qualifiedName() + "` takes no parameter " + word;
			}
			positional = true;
		}
		return null;
	}

	/** Sends an example as curl would; returns what differs from the documentation. */
	private static String send(Example example, int port, Map<String, String> variables) throws Exception {
		String expanded;
		try {
			expanded = expand(example.command(), variables);
		}
		catch (IllegalStateException ex) {
			return ex.getMessage();
		}
		List<String> words = words(expanded);
		String method = null;
		String url = null;
		Map<String, String> headers = new LinkedHashMap<>();
		List<String[]> parts = new ArrayList<>();
		String data = null;
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			switch (word) {
				case "-X", "--request" -> method = words.get(++i);
				case "-H", "--header" -> {
					String header = words.get(++i);
					headers.put(header.substring(0, header.indexOf(':')).strip(),
							header.substring(header.indexOf(':') + 1).strip());
				}
				case "-F", "--form" -> {
					String part = words.get(++i);
					parts.add(new String[] { part.substring(0, part.indexOf('=')),
							part.substring(part.indexOf('=') + 1) });
				}
				case "-d", "--data" -> data = words.get(++i);
				case "-o", "--output", "-u", "--user" -> i++;
				case "-I", "--head" -> method = "HEAD";
				default -> {
					if (word.startsWith("-")) {
						continue; // -s, -S, -i, -O, -J, -f, -L: how curl shows the answer
					}
					url = word;
				}
			}
		}
		if (url == null) {
			return "no URL";
		}
		String path = url.replaceFirst("^(https?://)?localhost:8080", "");
		if (!path.startsWith("/")) {
			return "not an example against http://localhost:8080: " + url;
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(120));
		headers.forEach(request::header);
		if (!parts.isEmpty()) {
			String boundary = "cardops-docs-" + UUID.randomUUID();
			request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
			request.method((method != null) ? method : "POST",
					HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, parts)));
		}
		else if (data != null) {
			if (!headers.containsKey("Content-Type")) {
				request.header("Content-Type", "application/x-www-form-urlencoded");
			}
			request.method((method != null) ? method : "POST", HttpRequest.BodyPublishers.ofString(data));
		}
		else {
			request.method((method != null) ? method : "GET", HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<byte[]> response = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()
			.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		response.headers()
			.firstValue("Location")
			.filter((location) -> location.matches(".*/api/rosters/[^/]+$"))
			.ifPresent((location) -> variables.put("UPLOAD", location.substring(location.lastIndexOf('/') + 1)));
		if (response.statusCode() != example.status()) {
			String body = new String(response.body(), StandardCharsets.UTF_8);
			return "answered " + response.statusCode() + ", documented " + example.status()
					+ (body.length() > 300 ? "" : " (" + body.strip() + ")");
		}
		return null;
	}

	private static String expand(String command, Map<String, String> variables) {
		Matcher matcher = Pattern.compile("\\$\\{?([A-Z_]+)}?").matcher(command);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			if (value == null) {
				throw new IllegalStateException("$" + matcher.group(1) + " is not set"
						+ (matcher.group(1).equals("UPLOAD") ? ": no upload before it answered with a Location" : ""));
			}
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
		}
		return matcher.appendTail(expanded).toString();
	}

	private static byte[] multipart(String boundary, List<String[]> parts) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String[] part : parts) {
			body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
			if (part[1].startsWith("@")) {
				Path file = ROOT.resolve(part[1].substring(1));
				body.write(("Content-Disposition: form-data; name=\"" + part[0] + "\"; filename=\"" + file.getFileName()
						+ "\"\r\nContent-Type: text/csv\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.write(Files.readAllBytes(file));
			}
			else {
				body.write(("Content-Disposition: form-data; name=\"" + part[0] + "\"\r\n\r\n" + part[1])
					.getBytes(StandardCharsets.UTF_8));
			}
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	/**
	 * A command shown in the docs.
	 *
	 * @param where the document and line
	 * @param command the command as written, up to a pipe or comment
	 * @param status the HTTP status documented for it (curl)
	 */
	record Example(String where, String command, int status) {

	}

}
