package io.cardops.jobs.partition;

import java.nio.charset.StandardCharsets;

import org.springframework.batch.integration.partition.StepExecutionRequest;

import io.cardops.domain.text.VisibleText;

/**
 * A partition request on the wire: {@code <worker step>:<step execution id>} as UTF-8
 * text. Spring Batch's request object would travel as a serialized Java object, which a
 * worker would have to deserialize from the broker; plain text needs no allow-list and
 * can be read in RabbitMQ's management console.
 */
final class PartitionRequests {

	private PartitionRequests() {
	}

	static byte[] encode(StepExecutionRequest request) {
		return (request.getStepName() + ":" + request.getStepExecutionId()).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads a request.
	 * @param body the message body
	 * @return the request
	 * @throws IllegalArgumentException when the body is not a request
	 */
	static StepExecutionRequest decode(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		int colon = text.lastIndexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("not a partition request: " + abbreviate(text));
		}
		try {
			return new StepExecutionRequest(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a partition request: " + abbreviate(text));
		}
	}

	/**
	 * At most 80 characters of what arrived, control characters (a terminal's escape
	 * sequences among them) shown as {@code ?}.
	 */
	private static String abbreviate(String text) {
		String shown = VisibleText.cut(text, 83);
		return shown.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
