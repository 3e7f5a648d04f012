package io.cardops.jobs.partition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The identity of the database this process works on: the random id its migrations made
 * ({@code installation}, V42). Remote partition requests carry it, so that a worker
 * connected to another database (given the same queue by mistake) gives a request back
 * instead of running a step execution of the same number in its own database. Read once,
 * at its first use.
 */
@Component
public class DatabaseIdentity {

	private final JdbcClient jdbc;

	private volatile String id;

	/**
	 * Creates the identity (read at its first use).
	 * @param jdbc the database
	 */
	public DatabaseIdentity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The database's id.
	 * @return the id
	 */
	public String id() {
		String known = this.id;
		if (known == null) {
			known = this.jdbc.sql("SELECT id FROM installation").query(String.class).single().trim();
			this.id = known;
		}
		return known;
	}

	/**
	 * The id shortened for a message: its first 8 characters.
	 * @param id an id
	 * @return its start
	 */
	static String shown(String id) {
		return (id.length() > 8) ? id.substring(0, 8) : id;
	}

}
