package io.cardops.jobs.support;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.cardops.readers.csv.InboundValues;

/**
 * The {@code cardops.*} settings.
 *
 * @param idKey the secret keying the HMAC of identity numbers ({@code CARDOPS_ID_KEY})
 * @param inbox where partners' files arrive
 * @param outbox where published files go, one folder per date
 * @param roster the roster safety thresholds
 */
@ConfigurationProperties("cardops")
public record CardopsProperties(String idKey, @DefaultValue(CardopsProperties.DEFAULT_INBOX) Path inbox,
		@DefaultValue("data/outbox") Path outbox, @DefaultValue Roster roster) {

	/** Where partners' files arrive unless {@code cardops.inbox} says otherwise. */
	public static final String DEFAULT_INBOX = "data/inbox";

	/**
	 * Roster import safety rules (domain.md, "Roster safety rules") and the charset each
	 * institution's uploads come in.
	 *
	 * @param maxRejectedPercent above this share of rejected rows the whole file is
	 * rejected
	 * @param maxDropPercent above this share of currently eligible students dropped the
	 * file is held
	 * @param charset the charset of an institution's roster files as the nightly chain
	 * reads them, by institution code ({@code cardops.roster.charset.PKU=GB18030}): UTF-8
	 * (the default for every institution not named) or GB18030
	 */
	public record Roster(@DefaultValue("2") BigDecimal maxRejectedPercent,
			@DefaultValue("10") BigDecimal maxDropPercent, Map<String, String> charset) {

		/** The charsets a roster may come in (files.md). */
		private static final Map<String, Charset> CHARSETS = Map.of("UTF-8", StandardCharsets.UTF_8, "GB18030",
				Charset.forName("GB18030"));

		/**
		 * Checks the thresholds (percentages) and each institution's charset: a name that
		 * is not a roster charset stops the start-up with the setting to fix, rather than
		 * rejecting that university's rosters every night.
		 * @param maxRejectedPercent the rejected share
		 * @param maxDropPercent the dropped share
		 * @param charset the charsets, by institution code (any case)
		 */
		public Roster {
			percent("cardops.roster.max-rejected-percent (CARDOPS_ROSTER_MAXREJECTEDPERCENT)", maxRejectedPercent);
			percent("cardops.roster.max-drop-percent (CARDOPS_ROSTER_MAXDROPPERCENT)", maxDropPercent);
			Map<String, String> checked = new TreeMap<>();
			if (charset != null) {
				charset.forEach((institution, name) -> {
					String code = institution.toUpperCase(Locale.ROOT);
					String setting = "cardops.roster.charset." + code;
					if (!InboundValues.isPartnerCode(code)) {
						throw new IllegalArgumentException(setting + ": " + institution + " is not an institution"
								+ " code (1 to 16 of A-Z, 0-9 and _; write a code with _ as"
								+ " cardops.roster.charset[CODE])");
					}
					checked.put(code, canonical(setting, name).name());
				});
			}
			charset = java.util.Collections.unmodifiableMap(checked);
		}

		/**
		 * A threshold is a share from 0 to 100: a negative one rejected or held every
		 * roster, clean ones included, and one above 100 never would.
		 */
		private static void percent(String setting, BigDecimal value) {
			if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
				throw new IllegalArgumentException(setting + " must be a percentage from 0 to 100, such as 2, not "
						+ value.stripTrailingZeros().toPlainString());
			}
		}

		private static Charset canonical(String setting, String name) {
			Charset named;
			try {
				named = Charset.forName((name != null) ? name.strip() : "");
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						setting + ": no charset is named '" + name + "'; a roster is UTF-8 (the default) or GB18030");
			}
			if (!CHARSETS.containsValue(named)) {
				throw new IllegalArgumentException(
						setting + ": " + name + " is not a roster charset; a roster is UTF-8 (the default) or GB18030");
			}
			return named;
		}

		/**
		 * The charset an institution's roster files are read in.
		 * @param institution the institution code
		 * @return GB18030 when so configured, otherwise UTF-8
		 */
		public Charset charsetOf(String institution) {
			String name = this.charset.get(institution);
			return (name != null) ? CHARSETS.get(name) : StandardCharsets.UTF_8;
		}

	}

}
