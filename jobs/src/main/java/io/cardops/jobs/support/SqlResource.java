package io.cardops.jobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads SQL kept in a {@code .sql} resource next to the job that runs it.
 */
public final class SqlResource {

	private SqlResource() {
	}

	/**
	 * Reads a statement.
	 * @param owner a class of the job's package
	 * @param name the resource name inside that package
	 * @return the SQL text
	 */
	public static String load(Class<?> owner, String name) {
		try (InputStream in = owner.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing SQL resource " + name + " next to " + owner.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
