package io.cardops.readers.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.cardops.domain.digest.Sha256;
import io.cardops.domain.ledger.PaymentType;
import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;
import io.cardops.readers.csv.FileDate;
import io.cardops.readers.csv.InboundCsv;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.csv.InboundRow;
import io.cardops.readers.inbox.AmountSummer;
import io.cardops.readers.inbox.FileTotals;

/**
 * Reads the ledger files of the inbox ({@code taps_}, {@code recharges_},
 * {@code payments_}) in one streaming pass each: every data row is judged against its
 * format and handed to a sink in file order, well-formed or malformed, and never held, so
 * a tap file of millions of rows reads in constant memory. The pass also finds the totals
 * the file's control file is checked against; the caller decides what a mismatch undoes.
 */
public final class LedgerFileReader {

	/** The columns of a tap file, in files.md order; all are required. */
	public static final List<String> TAP_COLUMNS = List.of("txn_id", "card_no", "card_seq", "tapped_at", "mode", "line",
			"station", "device_id", "tap_type", "full_fare_fen", "charged_fen", "discount", "balance_after_fen");

	/** The columns of a recharge file, in files.md order; all are required. */
	public static final List<String> RECHARGE_COLUMNS = List.of("recharge_id", "card_no", "card_seq", "recharged_at",
			"amount_fen", "balance_after_fen", "payment_ref");

	/** The columns of a payment file, in files.md order; all are required. */
	public static final List<String> PAYMENT_COLUMNS = List.of("payment_ref", "type", "paid_at", "amount_fen",
			"fee_fen", "original_ref");

	private static final Format<Tap> TAPS = new Format<>(TAP_COLUMNS, "charged_fen", LedgerFileReader::tap,
			(row, reason) -> new Malformed(row.line(), row.get("card_no"), row.get("card_seq"), row.get("mode"),
					row.get("line"), reason));

	private static final Format<Recharge> RECHARGES = new Format<>(RECHARGE_COLUMNS, "amount_fen",
			LedgerFileReader::recharge,
			(row, reason) -> new Malformed(row.line(), row.get("card_no"), row.get("card_seq"), null, null, reason));

	// A REFUND's amount is positive like a PAYMENT's; the control sum adds both.
	private static final Format<Payment> PAYMENTS = new Format<>(PAYMENT_COLUMNS, "amount_fen",
			LedgerFileReader::payment, (row, reason) -> new Malformed(row.line(), null, null, null, null, reason));

	private LedgerFileReader() {
	}

	/**
	 * Reads a {@code taps_<OPERATOR>_<YYYYMMDD>_<NN>.csv} file.
	 * @param file the file
	 * @param clearingDate the date in its name: a tap dated more than a day after it is
	 * malformed
	 * @param sink receives every data row, in file order
	 * @return the totals (sum_fen is the sum of charged_fen) and the header warnings
	 * @throws InboundFileException when the file is unusable as a whole (the sink may
	 * already have received rows: the caller discards them)
	 * @throws Exception what the sink threw, or a failure to read the file
	 */
	public static LedgerFileTotals readTaps(Path file, LocalDate clearingDate, RowSink<Tap> sink) throws Exception {
		return read(file, TAPS, new FileDate(clearingDate), sink);
	}

	/**
	 * Reads a {@code recharges_<CHANNEL>_<YYYYMMDD>_<NN>.csv} file.
	 * @param file the file
	 * @param clearingDate the date in its name: a top-up dated more than a day after it
	 * is malformed
	 * @param sink receives every data row, in file order
	 * @return the totals (sum_fen is the sum of amount_fen) and the header warnings
	 * @throws InboundFileException when the file is unusable as a whole (the sink may
	 * already have received rows: the caller discards them)
	 * @throws Exception what the sink threw, or a failure to read the file
	 */
	public static LedgerFileTotals readRecharges(Path file, LocalDate clearingDate, RowSink<Recharge> sink)
			throws Exception {
		return read(file, RECHARGES, new FileDate(clearingDate), sink);
	}

	/**
	 * Reads a {@code payments_<PSP>_<YYYYMMDD>_<NN>.csv} file.
	 * @param file the file
	 * @param clearingDate the date in its name: a payment dated more than a day after it
	 * is malformed
	 * @param sink receives every data row, in file order
	 * @return the totals (sum_fen is the sum of amount_fen over PAYMENT and REFUND rows)
	 * and the header warnings
	 * @throws InboundFileException when the file is unusable as a whole (the sink may
	 * already have received rows: the caller discards them)
	 * @throws Exception what the sink threw, or a failure to read the file
	 */
	public static LedgerFileTotals readPayments(Path file, LocalDate clearingDate, RowSink<Payment> sink)
			throws Exception {
		return read(file, PAYMENTS, new FileDate(clearingDate), sink);
	}

	private static <T> LedgerFileTotals read(Path file, Format<T> format, FileDate fileDate, RowSink<T> sink)
			throws Exception {
		MessageDigest sha256 = Sha256.newDigest();
		long records = 0;
		// The sender sums the column over every data row, malformed ones too; no number
		// of rows can overflow the sum.
		AmountSummer sum = new AmountSummer(format.sumColumn(), false);
		List<String> warnings;
		try (DigestInputStream in = new DigestInputStream(open(file), sha256);
				InboundCsv csv = InboundCsv.open(file, in, StandardCharsets.UTF_8, format.columns(),
						format.columns())) {
			warnings = csv.warnings();
			int width = csv.width();
			for (InboundRow row : csv) {
				records++;
				sum.add(row.get(format.sumColumn()), row.line());
				RowCells cells = new RowCells(row, width, fileDate);
				T parsed = format.parser().apply(cells);
				if (cells.ok()) {
					sink.row(row.line(), parsed);
				}
				else {
					sink.malformed(format.malformed().apply(row, cells.problem()));
				}
			}
			// The parser stops at the last record; the hash covers every byte.
			in.transferTo(OutputStream.nullOutputStream());
		}
		return new LedgerFileTotals(new FileTotals(records, sum.result(), Sha256.hex(sha256)), warnings);
	}

	private static InputStream open(Path file) throws IOException {
		try {
			return Files.newInputStream(file);
		}
		catch (NoSuchFileException ex) {
			throw new InboundFileException(file, 0, "file not found");
		}
	}

	private static Tap tap(RowCells cells) {
		String txnId = cells.id("txn_id");
		String cardNo = cells.cardNo();
		long cardSeq = cells.atLeast("card_seq", 1);
		Instant tappedAt = cells.instant("tapped_at");
		TravelMode mode = cells.oneOf("mode", TravelMode.class);
		String line = cells.name("line");
		String station = cells.name("station");
		String deviceId = cells.name("device_id");
		TapType tapType = cells.oneOf("tap_type", TapType.class);
		long fullFare = cells.fenAtLeast("full_fare_fen", 0);
		long charged = cells.fenAtLeast("charged_fen", 0);
		// An ENTRY only opens a journey; the fare is charged on its EXIT.
		cells.check(tapType != TapType.ENTRY || (fullFare == 0 && charged == 0),
				"an ENTRY must have full_fare_fen and charged_fen 0");
		cells.check(charged <= fullFare, "charged_fen must not exceed full_fare_fen");
		Discount discount = cells.oneOf("discount", Discount.class);
		// Negative when overdrawn: a journey may end below zero.
		long balanceAfter = cells.fen("balance_after_fen");
		return cells.ok() ? new Tap(txnId, cardNo, cardSeq, tappedAt, mode, line, station, deviceId, tapType, fullFare,
				charged, discount, balanceAfter) : null;
	}

	private static Recharge recharge(RowCells cells) {
		String rechargeId = cells.id("recharge_id");
		String cardNo = cells.cardNo();
		long cardSeq = cells.atLeast("card_seq", 1);
		Instant rechargedAt = cells.instant("recharged_at");
		long amount = cells.fenAtLeast("amount_fen", 1);
		long balanceAfter = cells.fen("balance_after_fen");
		// Empty for cash at a COUNTER: nothing to match with a payment.
		String paymentRef = cells.optionalId("payment_ref");
		return cells.ok() ? new Recharge(rechargeId, cardNo, cardSeq, rechargedAt, amount, balanceAfter, paymentRef)
				: null;
	}

	private static Payment payment(RowCells cells) {
		String paymentRef = cells.id("payment_ref");
		PaymentType type = cells.oneOf("type", PaymentType.class);
		Instant paidAt = cells.instant("paid_at");
		long amount = cells.fenAtLeast("amount_fen", 1);
		long fee = cells.fenAtLeast("fee_fen", 0);
		String originalRef = null;
		if (type == PaymentType.REFUND) {
			cells.check(!cells.raw("original_ref").isEmpty(), "original_ref is required on a REFUND");
			originalRef = cells.id("original_ref");
		}
		else {
			cells.check(cells.raw("original_ref").isEmpty(), "original_ref is only for REFUND");
		}
		return cells.ok() ? new Payment(paymentRef, type, paidAt, amount, fee, originalRef) : null;
	}

	/**
	 * How one file kind is read.
	 *
	 * @param <T> its record
	 * @param columns its columns, all required
	 * @param sumColumn the column its control file sums
	 * @param parser parses a row's cells; the result is meaningful only when the cells
	 * are {@link RowCells#ok()}
	 * @param malformed describes a malformed row with its raw cells
	 */
	private record Format<T>(List<String> columns, String sumColumn, Function<RowCells, T> parser,
			BiFunction<InboundRow, String, Malformed> malformed) {
	}

}
