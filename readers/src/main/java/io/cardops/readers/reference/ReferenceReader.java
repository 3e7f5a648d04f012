package io.cardops.readers.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.Partner;
import io.cardops.domain.reference.PartnerRole;
import io.cardops.domain.reference.TravelMode;
import io.cardops.domain.text.VisibleText;
import io.cardops.readers.csv.InboundCsv;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.csv.InboundRow;
import io.cardops.readers.csv.InboundValues;

/**
 * Reads {@code partners.csv} and {@code fare_rules.csv}. A reference file with any bad
 * row is rejected whole: the first bad row is reported with its file, line and reason.
 */
public final class ReferenceReader {

	/** The partners file name inside a reference folder. */
	public static final String PARTNERS_FILE = "partners.csv";

	/** The fare rules file name inside a reference folder. */
	public static final String FARE_RULES_FILE = "fare_rules.csv";

	private static final Pattern NON_NEGATIVE_INTEGER = Pattern.compile("[0-9]{1,15}");

	private final List<String> warnings = new ArrayList<>();

	/**
	 * Reads the partners.
	 * @param file the partners file
	 * @return every partner, in file order
	 */
	public List<Partner> partners(Path file) {
		List<Partner> partners = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		List<String> columns = List.of("partner_code", "role", "name", "commission_bp");
		read(file, columns, List.of("partner_code", "role", "name", "commission_bp"), (row) -> {
			String code = row.get("partner_code");
			if (!InboundValues.isPartnerCode(code)) {
				throw bad(file, row, "partner_code '" + code + "' must be 1-16 of A-Z 0-9 _");
			}
			if (!codes.add(code)) {
				throw bad(file, row, "partner_code " + code + " appears twice");
			}
			PartnerRole role = parseEnum(PartnerRole.class, row.get("role")).orElseThrow(() -> bad(file, row, "role '"
					+ InboundValues.shown(row.get("role")) + "' must be one of " + EnumSet.allOf(PartnerRole.class)));
			String name = row.get("name");
			if (name.isEmpty() || name.codePointCount(0, name.length()) > 200) {
				throw bad(file, row, "name must be 1-200 characters");
			}
			// Partner names head the settlement files: every character must be seen.
			String invisible = VisibleText.problem(name);
			if (invisible != null) {
				throw bad(file, row, "name " + invisible);
			}
			String commission = row.get("commission_bp");
			Integer commissionBp = null;
			if (role == PartnerRole.CHANNEL) {
				if (!NON_NEGATIVE_INTEGER.matcher(commission).matches() || Long.parseLong(commission) > 10000) {
					throw bad(file, row,
							"commission_bp '" + InboundValues.shown(commission)
									+ "' must be an integer 0-10000 for a CHANNEL"
									+ InboundValues.integerSlipOfQuoted(commission));
				}
				commissionBp = Integer.valueOf(commission);
			}
			else if (!commission.isEmpty()) {
				throw bad(file, row, "commission_bp must be empty for a " + role);
			}
			partners.add(new Partner(code, role, name, commissionBp));
		});
		return partners;
	}

	/**
	 * Reads the fare rules; every mode and discount must have exactly one row.
	 * @param file the fare rules file
	 * @return the rules, in file order
	 */
	public List<FareRule> fareRules(Path file) {
		List<FareRule> rules = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		List<String> columns = List.of("mode", "discount", "rate_bp", "min_balance_fen");
		read(file, columns, columns, (row) -> {
			TravelMode mode = parseEnum(TravelMode.class, row.get("mode")).orElseThrow(() -> bad(file, row, "mode '"
					+ InboundValues.shown(row.get("mode")) + "' must be one of " + EnumSet.allOf(TravelMode.class)));
			Discount discount = parseEnum(Discount.class, row.get("discount"))
				.orElseThrow(() -> bad(file, row, "discount '" + InboundValues.shown(row.get("discount"))
						+ "' must be one of " + EnumSet.allOf(Discount.class)));
			String rate = row.get("rate_bp");
			if (!NON_NEGATIVE_INTEGER.matcher(rate).matches() || Long.parseLong(rate) < 1
					|| Long.parseLong(rate) > 10000) {
				throw bad(file, row, "rate_bp '" + InboundValues.shown(rate) + "' must be an integer 1-10000"
						+ InboundValues.integerSlipOfQuoted(rate));
			}
			String minimum = row.get("min_balance_fen");
			long minimumFen = InboundValues.fenValue(minimum);
			if (minimumFen == InboundValues.BEYOND_LIMIT && !minimum.startsWith("-")) {
				throw bad(file, row, InboundValues.beyondLimit("min_balance_fen", minimum));
			}
			if (minimumFen < 0 || minimumFen == InboundValues.BEYOND_LIMIT) {
				throw bad(file, row,
						"min_balance_fen '" + InboundValues.shown(minimum) + "' must be an integer >= 0"
								+ ((minimumFen == InboundValues.NOT_AN_INTEGER)
										? InboundValues.integerSlipOfQuoted(minimum) : ""));
			}
			if (!seen.add(mode + "/" + discount)) {
				throw bad(file, row, "a second rule for " + mode + " " + discount);
			}
			rules.add(new FareRule(mode, discount, Integer.parseInt(rate), minimumFen));
		});
		for (TravelMode mode : TravelMode.values()) {
			for (Discount discount : Discount.values()) {
				if (!seen.contains(mode + "/" + discount)) {
					throw new InboundFileException(file, 0, "no rule for " + mode + " " + discount);
				}
			}
		}
		return rules;
	}

	/**
	 * Warnings met while reading (unknown columns).
	 * @return the warnings
	 */
	public List<String> warnings() {
		return this.warnings;
	}

	private void read(Path file, List<String> required, List<String> known, Consumer<InboundRow> rows) {
		try (InputStream in = Files.newInputStream(file);
				InboundCsv csv = InboundCsv.open(file, in, StandardCharsets.UTF_8, required, known)) {
			this.warnings.addAll(csv.warnings());
			boolean any = false;
			for (InboundRow row : csv) {
				any = true;
				rows.accept(row);
			}
			if (!any) {
				throw new InboundFileException(file, 0, "no data rows");
			}
		}
		catch (NoSuchFileException ex) {
			throw new InboundFileException(file, 0, "file not found");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InboundFileException bad(Path file, InboundRow row, String reason) {
		return new InboundFileException(file, row.line(), reason);
	}

	private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String text) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(text)) {
				return Optional.of(constant);
			}
		}
		return Optional.empty();
	}

}
