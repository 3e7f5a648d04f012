package io.cardops.tools.generate;

import java.time.LocalDate;

/**
 * Instants and dates as the inbound files write them: {@code 2026-10-12T07:45:12+08:00}
 * (Asia/Shanghai, always with seconds and the offset) and {@code YYYYMMDD} in file names.
 */
final class Stamps {

	static final int SECONDS_PER_DAY = 86_400;

	private Stamps() {
	}

	static String instant(LocalDate date, int secondOfDay) {
		StringBuilder text = new StringBuilder(25).append(date).append('T');
		two(text, secondOfDay / 3600);
		text.append(':');
		two(text, (secondOfDay / 60) % 60);
		text.append(':');
		two(text, secondOfDay % 60);
		return text.append("+08:00").toString();
	}

	static String compact(LocalDate date) {
		return date.toString().replace("-", "");
	}

	private static void two(StringBuilder text, int value) {
		text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

}
