package io.cardops.jobs.reference;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.Partner;
import io.cardops.readers.reference.ReferenceReader;
import io.cardops.jobs.support.RunOutcome;

/**
 * Loads {@code partners.csv} and {@code fare_rules.csv} from a folder. Both files are
 * read and checked before anything is written; then every row is upserted in one
 * transaction.
 */
@Service
public class ReferenceDataService {

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param clock the clock
	 */
	public ReferenceDataService(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Loads a reference folder.
	 * @param folder the folder holding both files
	 * @return the counts loaded and any warnings
	 * @throws io.cardops.readers.csv.InboundFileException when a file has a bad row
	 * (nothing is loaded)
	 */
	@Transactional
	public Loaded load(Path folder) {
		ReferenceReader reader = new ReferenceReader();
		List<Partner> partners = reader.partners(folder.resolve(ReferenceReader.PARTNERS_FILE));
		List<FareRule> rules = reader.fareRules(folder.resolve(ReferenceReader.FARE_RULES_FILE));
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		for (Partner partner : partners) {
			int updated = this.jdbc
				.sql("UPDATE partner SET role = ?, name = ?, commission_bp = ?, updated_at = ? WHERE partner_code = ?")
				.params(partner.role().name(), partner.name(), partner.commissionBp(), now, partner.code())
				.update();
			if (updated == 0) {
				this.jdbc.sql(
						"INSERT INTO partner (partner_code, role, name, commission_bp, updated_at) VALUES (?, ?, ?, ?, ?)")
					.params(partner.code(), partner.role().name(), partner.name(), partner.commissionBp(), now)
					.update();
			}
		}
		for (FareRule rule : rules) {
			int updated = this.jdbc.sql(
					"UPDATE fare_rule SET rate_bp = ?, min_balance_fen = ?, updated_at = ? WHERE mode = ? AND discount = ?")
				.params(rule.rateBp(), rule.minBalanceFen(), now, rule.mode().name(), rule.discount().name())
				.update();
			if (updated == 0) {
				this.jdbc.sql(
						"INSERT INTO fare_rule (mode, discount, rate_bp, min_balance_fen, updated_at) VALUES (?, ?, ?, ?, ?)")
					.params(rule.mode().name(), rule.discount().name(), rule.rateBp(), rule.minBalanceFen(), now)
					.update();
			}
		}
		return new Loaded(partners.size(), rules.size(), reader.warnings());
	}

	/**
	 * What a load did.
	 *
	 * @param partners partners upserted
	 * @param fareRules fare rules upserted
	 * @param warnings warnings (unknown columns)
	 */
	public record Loaded(int partners, int fareRules, List<String> warnings) {

		/**
		 * The summary line of a load that completed.
		 * @param folder the folder loaded
		 * @return {@code reference load: status=COMPLETED partners=… fare_rules=… dir=…}
		 */
		public String line(Path folder) {
			return "reference load: status=COMPLETED partners=" + this.partners + " fare_rules=" + this.fareRules
					+ " dir=" + folder;
		}

		/**
		 * The summary line of a load that did not complete.
		 * @param outcome REJECTED or FAILED
		 * @param folder the folder
		 * @return {@code reference load: status=<outcome> dir=…}
		 */
		public static String line(RunOutcome outcome, Path folder) {
			return "reference load: status=" + outcome + " dir=" + folder;
		}

	}

}
