package io.cardops.tools.generate;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the seed: one per (purpose, day, card), so a
 * card's day never depends on the order cards are processed in and the same seed always
 * gives the same bytes.
 */
final class Rng {

	private Rng() {
	}

	static SplittableRandom of(long seed, long a, long b) {
		return new SplittableRandom(mix(mix(seed + 0x9E3779B97F4A7C15L * (a + 1)) + 0xC2B2AE3D27D4EB4FL * (b + 1)));
	}

	static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

	static String pad(long value, int width) {
		String digits = Long.toString(value);
		if (digits.length() >= width) {
			return digits;
		}
		StringBuilder padded = new StringBuilder(width);
		for (int i = digits.length(); i < width; i++) {
			padded.append('0');
		}
		return padded.append(digits).toString();
	}

}
