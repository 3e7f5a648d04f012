package io.cardops.readers.roster;

import java.util.List;
import java.util.Set;

/**
 * What a first pass over a roster file learned: its content hash, its size, and the
 * student numbers that occur more than once (every copy of which is rejected).
 *
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param dataRows the data rows (blank lines excluded)
 * @param duplicateStudentNos student numbers occurring more than once
 * @param warnings warnings about the header
 */
public record RosterScan(String sha256, long dataRows, Set<String> duplicateStudentNos, List<String> warnings) {
}
