package io.cardops.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.roster.RosterUploadProperties;
import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.jobs.support.ExplainedFailure;
import io.cardops.jobs.support.Failures;
import io.cardops.schedules.schedule.ScheduleRegistrar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops serve}: a long-running node. It registers the configured schedules in
 * the shared Quartz store, starts its clustered scheduler (every node on the same
 * database shares the triggers, each firing runs on exactly one node, and a node that
 * dies mid-run is recovered by another), and serves the portal and the API
 * (shared/spec/http.md), {@code /actuator/health} and {@code /actuator/prometheus} until
 * it is stopped.
 */
@Command(name = "serve",
		description = "Runs the scheduler, the portal and the API, health and Prometheus metrics on one port.",
		mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

	private final Session session;

	@Option(names = "--port", paramLabel = "PORT",
			description = "HTTP port (default: server.port, else 8080; 0 picks a free one)")
	private Integer port;

	ServeCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws Exception {
		ConfigurableApplicationContext context = open(this.session, this.port);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		start(this.session, context);
		closed.await();
		return 0;
	}

	/**
	 * Opens a node: the application with its HTTP server, its scheduler still in standby.
	 * @param session the invocation
	 * @param port the HTTP port, or null
	 * @return the context
	 */
	static ConfigurableApplicationContext open(Session session, Integer port) {
		if (port != null && (port < 0 || port > 65535)) {
			throw new GlobalOptions.UsageException("--port must be between 0 and 65535, not " + port);
		}
		try {
			return session.openServer(port);
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof PortInUseException inUse) {
					throw new ExplainedFailure("port " + inUse.getPort() + " is already in use: stop what listens"
							+ " there, or give another with --port (--port 0 takes a free one)", ex);
				}
			}
			throw ex;
		}
	}

	/**
	 * Makes the uploads' folder, or refuses to serve: one that cannot be made
	 * ({@code /proc/x}, a folder without the right to write) failed every upload with
	 * "the server could not answer this request" (500).
	 */
	private static void uploadsFolder(Path uploads) {
		try {
			Files.createDirectories(uploads);
		}
		catch (IOException | RuntimeException ex) {
			throw new ExplainedFailure("cardops.uploads (CARDOPS_UPLOADS) " + uploads.toAbsolutePath().normalize()
					+ " cannot be made (" + Failures.kind(ex) + "): name a folder this process may write", ex);
		}
	}

	/**
	 * Registers the schedules as this node's settings say (each change written to the
	 * audit log as {@code serve@<host>}) and starts the node's scheduler.
	 * @param session the invocation
	 * @param context the node
	 * @throws SchedulerException when the Quartz store fails
	 */
	static void start(Session session, ConfigurableApplicationContext context) throws SchedulerException {
		uploadsFolder(context.getBean(RosterUploadProperties.class).uploads());
		context.getBean(ScheduleRegistrar.class).register(Actor.node());
		// From here on a database that cannot be reached is said once and answered 503.
		context.getBean(DatabaseOutage.class).watch();
		Scheduler scheduler = context.getBean(Scheduler.class);
		scheduler.start();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		session.out()
			.println("cardops serve: scheduler " + scheduler.getSchedulerInstanceId() + " started; the portal on"
					+ " http://localhost:" + port + "/ (the API under /api, described at /v3/api-docs), health and"
					+ " metrics on /actuator/health and /actuator/prometheus; stop with Ctrl-C");
	}

}
