package io.cardops.tools.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.digest.Sha256;

/**
 * Writes a card-event file issuing one card to each given student, with its control file.
 */
public final class CardEventGenerator {

	private CardEventGenerator() {
	}

	/**
	 * Writes {@code cardevents_<channel>_<date>_01.csv} and its {@code .ctl} into a
	 * folder.
	 * @param inbox the folder
	 * @param channel the issuing channel
	 * @param date the clearing date (every event happens on it)
	 * @param institution the students' institution
	 * @param studentNos the students, one ISSUE each
	 * @return the event file
	 */
	public static Path issues(Path inbox, String channel, LocalDate date, String institution, List<String> studentNos) {
		Path file = inbox.resolve("cardevents_" + channel + "_" + date.toString().replace("-", "") + "_01.csv");
		try {
			Files.createDirectories(inbox);
			try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				out.write("event_id,event,occurred_at,card_no,institution,student_no,device,refund_fen\n");
				for (int i = 0; i < studentNos.size(); i++) {
					String occurredAt = date.atTime(LocalTime.of(7, 0).plusSeconds(i % 50_000))
						.atZone(AcademicCalendar.ZONE)
						.toOffsetDateTime()
						.toString();
					out.write("B" + i + ",ISSUE," + occurredAt + ",31049" + String.format("%014d", i) + ","
							+ institution + "," + studentNos.get(i) + "," + ((i % 3 == 0) ? "IOS" : "ANDROID") + ",\n");
				}
			}
			Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"),
					"records=" + studentNos.size() + "\nsum_fen=0\nsha256=" + Sha256.of(file) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
		return file;
	}

}
