package io.cardops.portal.web;

import java.beans.PropertyEditorSupport;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import io.cardops.domain.calendar.IsoDates;

/**
 * Whole numbers and dates ({@link IsoDates}) of a path or a query in the digits 0-9 only:
 * Java's own parsing also takes other scripts' digits ({@code /api/exceptions/٥} answered
 * case 5, {@code ?limit=４} four runs). Anything else is a type mismatch, answered 400
 * naming the parameter (ApiExceptionHandler). Registered as each binder's editor, which
 * Spring asks before its conversion service.
 */
@ControllerAdvice
public class AsciiNumbers {

	/**
	 * Reads the whole numbers of every request's parameters with {@link #parse}.
	 * @param binder the request's binder
	 */
	@InitBinder
	public void wholeNumbers(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new Editor(false, false));
		binder.registerCustomEditor(Long.class, new Editor(false, true));
		binder.registerCustomEditor(int.class, new Editor(true, false));
		binder.registerCustomEditor(Integer.class, new Editor(true, true));
		binder.registerCustomEditor(LocalDate.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				try {
					setValue((text == null || text.isBlank()) ? null : IsoDates.parse(text.strip()));
				}
				catch (DateTimeParseException ex) {
					// What Spring answers as a type mismatch (400 naming the parameter).
					throw new IllegalArgumentException(ex.getMessage(), ex);
				}
			}

		});
	}

	/**
	 * A whole number: an optional sign, then the digits 0-9.
	 * @param text the value, surrounding white space allowed
	 * @return the digits with their sign, or null for a blank value
	 * @throws IllegalArgumentException for anything else
	 */
	static String parse(String text) {
		String number = (text != null) ? text.strip() : "";
		if (number.isEmpty()) {
			return null;
		}
		for (int i = 0; i < number.length(); i++) {
			char c = number.charAt(i);
			boolean sign = i == 0 && (c == '-' || c == '+') && number.length() > 1;
			if (!sign && (c < '0' || c > '9')) {
				throw new IllegalArgumentException("not a whole number in the digits 0-9");
			}
		}
		return number;
	}

	private static final class Editor extends PropertyEditorSupport {

		private final boolean small;

		private final boolean nullable;

		Editor(boolean small, boolean nullable) {
			this.small = small;
			this.nullable = nullable;
		}

		@Override
		public void setAsText(String text) {
			String number = parse(text);
			if (number == null) {
				if (!this.nullable) {
					throw new IllegalArgumentException("a whole number is required");
				}
				setValue(null);
			}
			else {
				setValue(this.small ? (Object) Integer.valueOf(number) : (Object) Long.valueOf(number));
			}
		}

	}

}
