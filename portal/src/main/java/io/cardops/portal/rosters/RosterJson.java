package io.cardops.portal.rosters;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.roster.RosterUpload;

/**
 * One upload as the API answers it (http.md "Rosters"): snake_case fields, dates
 * {@code YYYY-MM-DD}, instants ISO-8601 with their offset (Beijing time).
 *
 * @param id the upload id
 * @param file the file name as sent
 * @param institution the institution
 * @param snapshotDate the date of the file name
 * @param uploadedAt when it arrived
 * @param uploadedBy the account that sent it
 * @param status the outcome
 * @param rows the data rows, or null
 * @param accepted the rows accepted, or null
 * @param rejected the rows rejected, or null
 * @param eligibleBefore the students eligible before it, or null (also when it was
 * refused whole)
 * @param dropped the eligible students it drops, or null (also when it was refused whole)
 * @param reason what the university should know, or null
 * @param rejectsUrl where its rejects file is, or null when it has none
 * @param forcedBy who applied it although it was held, or null
 * @param forcedAt when, or null
 */
public record RosterJson(long id, String file, String institution, @JsonProperty("snapshot_date") String snapshotDate,
		@JsonProperty("uploaded_at") String uploadedAt, @JsonProperty("uploaded_by") String uploadedBy, String status,
		Long rows, Long accepted, Long rejected, @JsonProperty("eligible_before") Long eligibleBefore, Long dropped,
		String reason, @JsonProperty("rejects_url") String rejectsUrl, @JsonProperty("forced_by") String forcedBy,
		@JsonProperty("forced_at") String forcedAt) {

	/**
	 * The API's view of an upload.
	 * @param upload the upload
	 * @return the answer
	 */
	static RosterJson of(RosterUpload upload) {
		// A roster refused whole changed no one's eligibility: no drop to report (one
		// refused for its bad rows used to say how many the rest would have dropped, as
		// if they had been), as the page shows none.
		boolean refused = "REJECTED".equals(upload.status());
		return new RosterJson(upload.id(), upload.file(), upload.institution(), upload.snapshotDate().toString(),
				instant(upload.uploadedAt()), upload.uploadedBy(), upload.status(), upload.rows(), upload.accepted(),
				upload.rejected(), refused ? null : upload.eligibleBefore(), refused ? null : upload.dropped(),
				upload.reason(), upload.hasRejects() ? "/api/rosters/" + upload.id() + "/rejects" : null,
				upload.forcedBy(), instant(upload.forcedAt()));
	}

	static String instant(OffsetDateTime instant) {
		return (instant != null) ? instant.atZoneSameInstant(AcademicCalendar.ZONE)
			.toOffsetDateTime()
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) : null;
	}

}
