package io.cardops.jobs.support;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code cardops.*} settings.
 *
 * @param idKey the secret keying the HMAC of identity numbers ({@code CARDOPS_ID_KEY})
 * @param inbox where partners' files arrive
 * @param outbox where published files go, one folder per date
 * @param roster the roster safety thresholds
 */
@ConfigurationProperties("cardops")
public record CardopsProperties(String idKey, @DefaultValue("data/inbox") Path inbox,
		@DefaultValue("data/outbox") Path outbox, @DefaultValue Roster roster) {

	/**
	 * Roster import safety rules (domain.md, "Roster safety rules").
	 *
	 * @param maxRejectedPercent above this share of rejected rows the whole file is
	 * rejected
	 * @param maxDropPercent above this share of currently eligible students dropped the
	 * file is held
	 */
	public record Roster(@DefaultValue("2") BigDecimal maxRejectedPercent,
			@DefaultValue("10") BigDecimal maxDropPercent) {
	}

}
