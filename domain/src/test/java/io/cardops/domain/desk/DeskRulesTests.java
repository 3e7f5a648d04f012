package io.cardops.domain.desk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.reconcile.ExceptionCategory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * desk.md's actions as a table: the case (state, category, whether its row is a tap, who
 * requested its release, its resolution), the person, the action with its resolution and
 * note, and what follows (the new state, owner and resolution, or the refusal's reason).
 */
class DeskRulesTests {

	@ParameterizedTest(name = "{0} {1} by {5}/{6}: {7} {8} \"{9}\" -> {10}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					# state           | category         | tap   | requester | resolution | person | role     | action          | resolution     | note     | afterwards
					NEW               | BALANCE_BREAK    | true  | -         | -          | olga   | OPS      | ACKNOWLEDGE     | -              | -        | ACKNOWLEDGED olga -
					ACKNOWLEDGED      | BALANCE_BREAK    | true  | -         | -          | olga   | OPS      | ACKNOWLEDGE     | -              | -        | refused: acknowledge needs a case that is NEW; this one is ACKNOWLEDGED
					NEW               | BALANCE_BREAK    | true  | -         | -          | fiona  | FINANCE  | CLOSE           | FALSE_POSITIVE | -        | CLOSED fiona FALSE_POSITIVE
					NEW               | BALANCE_BREAK    | true  | -         | -          | fiona  | FINANCE  | CLOSE           | WRITTEN_OFF    | -        | refused: closing as WRITTEN_OFF needs a note
					NEW               | BALANCE_BREAK    | true  | -         | -          | fiona  | FINANCE  | CLOSE           | REFUSED        | ' '      | refused: closing as REFUSED needs a note
					NEW               | BALANCE_BREAK    | true  | -         | -          | fiona  | FINANCE  | CLOSE           | OTHER          | -        | refused: closing as OTHER needs a note
					NEW               | BALANCE_BREAK    | true  | -         | -          | fiona  | FINANCE  | CLOSE           | WRITTEN_OFF    | too small| CLOSED fiona WRITTEN_OFF
					NEW               | BALANCE_BREAK    | true  | -         | -          | fiona  | FINANCE  | CLOSE           | -              | -        | refused: close needs a resolution
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | olga   | OPS      | CLOSE           | REFUSED        | no card  | CLOSED olga REFUSED
					CLOSED            | BALANCE_BREAK    | true  | -         | OTHER      | fiona  | FINANCE  | CLOSE           | OTHER          | again    | refused: the case is already CLOSED (OTHER)
					CLOSED            | BALANCE_BREAK    | true  | -         | OTHER      | olga   | OPS      | REOPEN          | -              | -        | refused: reopen needs a note
					CLOSED            | BALANCE_BREAK    | true  | -         | OTHER      | olga   | OPS      | REOPEN          | -              | new data | ACKNOWLEDGED olga -
					ACKNOWLEDGED      | BALANCE_BREAK    | true  | -         | -          | olga   | OPS      | REOPEN          | -              | why      | refused: reopen needs a case that is CLOSED; this one is ACKNOWLEDGED
					CLOSED            | SEQ_CONFLICT     | true  | -         | RELEASED   | fiona  | FINANCE  | REOPEN          | -              | oops     | refused: a released tap cannot be reopened
					CLOSED            | SEQ_CONFLICT     | true  | -         | RELEASED   | fiona  | FINANCE  | CLOSE           | FALSE_POSITIVE | oops     | refused: the case is already CLOSED (RELEASED): a released tap is paid
					NEW               | SEQ_CONFLICT     | true  | -         | -          | olga   | OPS      | REQUEST_RELEASE | -              | -        | RELEASE_REQUESTED olga -
					ACKNOWLEDGED      | UNKNOWN_CARD     | true  | -         | -          | fiona  | FINANCE  | REQUEST_RELEASE | -              | -        | RELEASE_REQUESTED fiona -
					NEW               | MALFORMED_RECORD | true  | -         | -          | fiona  | FINANCE  | REQUEST_RELEASE | -              | -        | refused: a MALFORMED_RECORD has no trusted amount
					NEW               | LATE_RECORD      | true  | -         | -          | fiona  | FINANCE  | REQUEST_RELEASE | -              | -        | refused: only a held tap (SEQ_CONFLICT or UNKNOWN_CARD) can be released
					NEW               | UNKNOWN_CARD     | false | -         | -          | fiona  | FINANCE  | REQUEST_RELEASE | -              | -        | refused: only a held tap (SEQ_CONFLICT or UNKNOWN_CARD) can be released
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | fiona  | FINANCE  | REQUEST_RELEASE | -              | -        | refused: request-release needs a case that is NEW or ACKNOWLEDGED
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | frank  | FINANCE  | APPROVE_RELEASE | -              | -        | CLOSED frank RELEASED
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | fiona  | FINANCE  | APPROVE_RELEASE | -              | -        | refused: fiona requested this release: a second FINANCE account must approve it
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | olga   | OPS      | APPROVE_RELEASE | -              | -        | refused: only a FINANCE account approves a release; olga is OPS
					ACKNOWLEDGED      | UNKNOWN_CARD     | true  | -         | -          | frank  | FINANCE  | APPROVE_RELEASE | -              | -        | refused: approve-release needs a case that is RELEASE_REQUESTED
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | frank  | FINANCE  | REJECT_RELEASE  | -              | -        | refused: reject-release needs a note
					RELEASE_REQUESTED | UNKNOWN_CARD     | true  | fiona     | -          | frank  | FINANCE  | REJECT_RELEASE  | -              | unproven | ACKNOWLEDGED frank -
					NEW               | BALANCE_BREAK    | true  | -         | -          | ucas   | UNIVERSITY | ACKNOWLEDGE   | -              | -        | refused: ucas is a UNIVERSITY account: only FINANCE and OPS accounts work the exception desk
					NEW               | BALANCE_BREAK    | true  | -         | -          | olga   | OPS      | ACKNOWLEDGE     | OTHER          | -        | refused: a resolution is given only with close
					""")
	void theRulesOfTheDesk(CaseState state, ExceptionCategory category, boolean tap, String requester,
			Resolution resolution, String person, String role, CaseAction action, Resolution chosen, String note,
			String afterwards) {
		DeskRules.Case current = new DeskRules.Case(state, category, tap, null, resolution, requester);
		DeskRules.Person who = new DeskRules.Person(person, role);
		DeskRules.Request request = new DeskRules.Request(action, chosen, note);
		if (afterwards.startsWith("refused: ")) {
			assertThatExceptionOfType(CaseActionRefusedException.class)
				.isThrownBy(() -> DeskRules.decide(current, who, request))
				.withMessageContaining(afterwards.substring("refused: ".length()));
		}
		else {
			DeskRules.Outcome outcome = DeskRules.decide(current, who, request);
			assertThat(outcome.state() + " " + outcome.owner() + " "
					+ ((outcome.resolution() != null) ? outcome.resolution() : "-"))
				.isEqualTo(afterwards);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			# note (escapes read by the test)         | why it is refused, or - for a note that is written
			'a\\u00a0b'                               | -
			'line one\\n\\tline two'                   | -
			'\\u00a0\\u3000\\u2007\\u202f'                | closing as OTHER needs a note
			'\\u200b'                                  | the note contains an invisible character U+200B
			'ok \\u202eFFO NETTIRW'                    | the note contains an invisible character U+202E
			'x\\ud800y'                                | the note contains an invisible character U+D800
			'\\u2800'                                  | the note contains an invisible character U+2800
			'bell\\u0007'                              | the note contains a control character U+0007
			""")
	void aNoteIsOneEveryoneCanRead(String escaped, String refusal) {
		String note = unescape(escaped);
		DeskRules.Case current = new DeskRules.Case(CaseState.NEW, ExceptionCategory.BALANCE_BREAK, true, null, null,
				null);
		DeskRules.Request request = new DeskRules.Request(CaseAction.CLOSE, Resolution.OTHER, note);
		DeskRules.Person who = new DeskRules.Person("fiona", "FINANCE");
		if ("-".equals(refusal)) {
			assertThat(DeskRules.decide(current, who, request).state()).isEqualTo(CaseState.CLOSED);
		}
		else {
			assertThatExceptionOfType(CaseActionRefusedException.class)
				.isThrownBy(() -> DeskRules.decide(current, who, request))
				.withMessageStartingWith(refusal);
		}
	}

	/** Reads the test table's {@code \\uXXXX}, {@code \\n} and {@code \\t}. */
	private static String unescape(String escaped) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < escaped.length(); i++) {
			char c = escaped.charAt(i);
			if (c == '\\' && escaped.charAt(i + 1) == 'u') {
				text.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
				i += 5;
			}
			else if (c == '\\') {
				text.append((escaped.charAt(i + 1) == 'n') ? '\n' : '\t');
				i++;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	@ParameterizedTest
	@CsvSource({ "0,DAYS_0_1", "1,DAYS_0_1", "2,DAYS_2_7", "7,DAYS_2_7", "8,DAYS_8_30", "30,DAYS_8_30", "31,OVER_30",
			"-3,DAYS_0_1" })
	void agesFallInTheirBuckets(long days, AgeBucket bucket) {
		assertThat(AgeBucket.ofDays(days)).isEqualTo(bucket);
	}

}
