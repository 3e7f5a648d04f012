package io.cardops.jobs.roster;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One roster upload to import: the job's parameters, parsed once.
 *
 * @param file the uploaded file
 * @param institution the institution it belongs to
 * @param fileDate the date in its file name
 * @param charset the charset the upload declared
 * @param force apply even when the drop rule would hold it
 */
public record RosterImportRequest(Path file, String institution, LocalDate fileDate, Charset charset, boolean force) {

	static final String FILE = "file";

	static final String INSTITUTION = "institution";

	static final String DATE = "date";

	static final String CHARSET = "charset";

	static final String FORCE = "force";

	/**
	 * The job parameters carrying this request.
	 * @return the parameters
	 */
	public Map<String, String> toParameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(FILE, this.file.toAbsolutePath().normalize().toString());
		parameters.put(INSTITUTION, this.institution);
		parameters.put(DATE, this.fileDate.toString());
		parameters.put(CHARSET, this.charset.name());
		parameters.put(FORCE, Boolean.toString(this.force));
		return parameters;
	}

	/**
	 * Parses the job parameters back.
	 * @param parameters the parameters
	 * @return the request
	 */
	static RosterImportRequest fromParameters(Map<String, Object> parameters) {
		return new RosterImportRequest(Path.of((String) parameters.get(FILE)), (String) parameters.get(INSTITUTION),
				LocalDate.parse((String) parameters.get(DATE)), Charset.forName((String) parameters.get(CHARSET)),
				Boolean.parseBoolean((String) parameters.get(FORCE)));
	}

}
