package io.cardops.tools.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger files of one clearing date, all open at once and written in one pass over
 * the cards: {@code taps_<OPERATOR>_<D>_01.csv} for each operator,
 * {@code recharges_<CHANNEL>_<D>_01.csv} for each channel and
 * {@code payments_<PSP>_<D>_01.csv} for each PSP, each with its control file. Also hands
 * out the partners' ids (txn_id, recharge_id, payment_ref), unique per partner and date.
 */
final class DayFiles implements Closeable {

	static final String TAP_HEADER = "txn_id,card_no,card_seq,tapped_at,mode,line,station,device_id,tap_type,"
			+ "full_fare_fen,charged_fen,discount,balance_after_fen";

	static final String RECHARGE_HEADER = "recharge_id,card_no,card_seq,recharged_at,amount_fen,balance_after_fen,payment_ref";

	static final String PAYMENT_HEADER = "payment_ref,type,paid_at,amount_fen,fee_fen,original_ref";

	static final String APP = "BMAC_APP";

	static final String HEBAO = "HEBAO";

	static final String COUNTER = "COUNTER";

	static final List<String> CHANNELS = List.of(APP, HEBAO, COUNTER);

	static final String ALIPAY = "ALIPAY";

	static final String WECHAT = "WECHAT";

	static final String CMPAY = "CMPAY";

	static final List<String> PSPS = List.of(ALIPAY, WECHAT, CMPAY);

	private static final Map<String, String> ID_PREFIX = Map.of(Network.SUBWAY, "SW", Network.MTR, "MTR", Network.BUS,
			"BUS", APP, "BMAC", HEBAO, "HB", COUNTER, "CTR", ALIPAY, "AP", WECHAT, "WX", CMPAY, "CM");

	private final Map<String, ControlledCsvFile> taps = new LinkedHashMap<>();

	private final Map<String, ControlledCsvFile> recharges = new LinkedHashMap<>();

	private final Map<String, ControlledCsvFile> payments = new LinkedHashMap<>();

	private final Map<String, Long> counters = new HashMap<>();

	private final String day;

	DayFiles(Path inbox, LocalDate date) throws IOException {
		this.day = Stamps.compact(date);
		for (String operator : Network.OPERATORS) {
			this.taps.put(operator, new ControlledCsvFile(inbox.resolve(name("taps", operator)), TAP_HEADER, true));
		}
		for (String channel : CHANNELS) {
			this.recharges.put(channel,
					new ControlledCsvFile(inbox.resolve(name("recharges", channel)), RECHARGE_HEADER, true));
		}
		for (String psp : PSPS) {
			this.payments.put(psp, new ControlledCsvFile(inbox.resolve(name("payments", psp)), PAYMENT_HEADER, true));
		}
	}

	private String name(String kind, String partner) {
		return kind + "_" + partner + "_" + this.day + "_01.csv";
	}

	ControlledCsvFile taps(String operator) {
		return this.taps.get(operator);
	}

	ControlledCsvFile recharges(String channel) {
		return this.recharges.get(channel);
	}

	ControlledCsvFile payments(String psp) {
		return this.payments.get(psp);
	}

	/**
	 * The next id of a partner on this date, such as {@code SW20261012000000001}.
	 */
	String nextId(String partner) {
		long next = this.counters.merge(partner, 1L, Long::sum);
		return ID_PREFIX.get(partner) + this.day + Rng.pad(next, 9);
	}

	long tapRows() {
		return this.taps.values().stream().mapToLong(ControlledCsvFile::records).sum();
	}

	long rechargeRows() {
		return this.recharges.values().stream().mapToLong(ControlledCsvFile::records).sum();
	}

	long paymentRows() {
		return this.payments.values().stream().mapToLong(ControlledCsvFile::records).sum();
	}

	@Override
	public void close() throws IOException {
		for (Map<String, ControlledCsvFile> files : List.of(this.taps, this.recharges, this.payments)) {
			for (ControlledCsvFile file : files.values()) {
				file.close();
			}
		}
	}

}
