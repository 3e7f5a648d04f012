package io.cardops.portal.rosters;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.cardops.jobs.renewal.PublishedRenewalLists.RenewalList;

/**
 * One published renewal eligibility list as the API answers it.
 *
 * @param institution the institution
 * @param year the renewal year
 * @param file the file's name
 * @param rows its data rows
 * @param publishedAt when it was published
 * @param url where its bytes are
 */
public record RenewalListJson(String institution, int year, String file, long rows,
		@JsonProperty("published_at") String publishedAt, String url) {

	static RenewalListJson of(RenewalList list, boolean named) {
		return new RenewalListJson(list.institution(), list.year(), list.file(), list.rows(),
				RosterJson.instant(list.publishedAt()),
				"/api/renewal-lists/" + list.year() + (named ? "?institution=" + list.institution() : ""));
	}

}
