package io.cardops.readers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds fixture files byte by byte, so that encodings, BOMs and line ends are exactly
 * what a test says.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * Writes the concatenation of byte arrays to a file.
	 * @param file the file
	 * @param parts the bytes, in order
	 * @return the file
	 * @throws IOException when it cannot be written
	 */
	public static Path write(Path file, byte[]... parts) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			bytes.write(part);
		}
		return Files.write(file, bytes.toByteArray());
	}

	/**
	 * UTF-8 bytes of a text.
	 * @param text the text
	 * @return its bytes
	 */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
