package io.cardops.portal.rosters;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The parts of a roster upload, as the OpenAPI description shows them.
 *
 * @param file the CSV, named {@code roster_<INSTITUTION>_<YYYYMMDD>.csv}
 * @param charset the charset it was saved in
 */
@Schema(name = "RosterUploadForm", description = "multipart/form-data parts of a roster upload")
record RosterUploadForm(
		@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
				description = "the roster CSV, named roster_<INSTITUTION>_<YYYYMMDD>.csv") String file,
		@Schema(allowableValues = {
				"UTF-8", "GB18030" }, defaultValue = "UTF-8",
				description = "the charset the file was saved in") String charset){
}
