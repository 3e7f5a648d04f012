package io.cardops.jobs.settle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.digest.Sha256;
import io.cardops.domain.settle.ChannelLine;
import io.cardops.domain.settle.OperatorLine;
import io.cardops.domain.settle.Settlement;
import io.cardops.domain.settle.SubsidyLine;
import io.cardops.domain.settle.SummaryRow;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

import static io.cardops.writers.csv.OutboundCsvWriter.yuan;

/**
 * Writes a date's settlement files and keeps their versions.
 *
 * <p>
 * Every file is first written under a temporary name. When the set of files is the same
 * bytes as the latest version's and no tap of the date was released on the exception desk
 * since, nothing new is published (a file missing from the outbox is put back, the same
 * bytes); otherwise every file is renamed into place, files of partners no longer active
 * that day are withdrawn, and the next version is recorded with each file's figures and
 * SHA-256, and its bytes and control files are archived in the same transaction. Earlier
 * versions stay in the database, bytes included.
 */
@Service
public class SettlementPublisher {

	private static final String SUMMARY_ROLE = "SUMMARY";

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final Clock clock;

	private final SettlementArchive archive;

	/**
	 * Creates the publisher.
	 * @param jdbc the database
	 * @param properties the settings (the outbox)
	 * @param clock the clock stamping versions
	 * @param archive keeps every version's bytes
	 */
	public SettlementPublisher(JdbcClient jdbc, CardopsProperties properties, Clock clock, SettlementArchive archive) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.archive = archive;
	}

	/**
	 * Publishes a settlement whose control totals hold.
	 * @param settlement the settlement
	 * @param summary its summary rows
	 * @param executionId the job execution publishing it
	 * @return the version the outbox now holds and whether it is new
	 */
	Publication publish(Settlement settlement, List<SummaryRow> summary, long executionId,
			OffsetDateTime releasesBefore) {
		LocalDate date = settlement.date();
		List<Pending> pending = new ArrayList<>();
		RuntimeException failed = null;
		try {
			write(settlement, summary, pending);
			String fingerprint = fingerprint(pending);
			Optional<Version> latest = latest(date);
			if (latest.isPresent() && latest.get().fingerprint().equals(fingerprint)
					&& !releasedSince(date, latest.get(), releasesBefore)) {
				List<Pending> missing = pending.stream().filter((file) -> !onDisk(file)).toList();
				missing.forEach((file) -> file.writer().finish());
				missing.forEach((file) -> file.writer().publish());
				for (Pending file : pending) {
					// A version published before the archive existed is kept now: the
					// outbox holds its very bytes.
					this.archive.keep(date, latest.get().version(), file.writer().target(), file.sha256());
				}
				return new Publication(latest.get().version(), pending.size(), false);
			}
			// Every file written in full before any is moved into place: a disk that
			// fills leaves the outbox as it was, not half of a new version beside the
			// old one.
			pending.forEach((file) -> file.writer().finish());
			pending.forEach((file) -> file.writer().publish());
			int version = latest.map((previous) -> previous.version() + 1).orElse(1);
			withdrawStale(date, latest, pending);
			record(date, version, executionId, fingerprint, pending, releasesBefore);
			return new Publication(version, pending.size(), true);
		}
		catch (RuntimeException ex) {
			failed = ex;
			throw ex;
		}
		finally {
			abandon(pending, failed);
		}
	}

	/**
	 * Closes every writer, which removes the temporary files of those not published; a
	 * failure to remove one does not hide the failure that stopped the publishing.
	 */
	private static void abandon(List<Pending> pending, RuntimeException failed) {
		RuntimeException first = null;
		for (Pending file : pending) {
			try {
				file.writer().close();
			}
			catch (RuntimeException ex) {
				if (failed != null) {
					failed.addSuppressed(ex);
				}
				else if (first == null) {
					first = ex;
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

	private void write(Settlement settlement, List<SummaryRow> summary, List<Pending> pending) {
		Path outbox = this.properties.outbox();
		LocalDate date = settlement.date();
		Map<String, SummaryRow> rows = summary.stream()
			.collect(Collectors.toMap(SummaryRow::partner, (row) -> row, (a, b) -> a, TreeMap::new));
		for (String operator : settlement.operators()) {
			OutboundCsvWriter csv = OutboundFile.SETTLEMENT_OPERATOR.create(outbox, date, operator);
			List<OperatorLine> lines = new ArrayList<>(settlement.lines(operator));
			lines.add(settlement.total(operator));
			for (OperatorLine line : lines) {
				csv.row(date, operator, line.mode(), line.line(), line.taps(), line.trips(), yuan(line.fullFareFen()),
						yuan(line.discountFen()), yuan(line.chargedFen()), yuan(line.heldFen()),
						yuan(line.payableFen()));
			}
			pending.add(Pending.of(csv, lines.size(), rows.get(operator)));
		}
		for (ChannelLine channel : settlement.channels()) {
			OutboundCsvWriter csv = OutboundFile.SETTLEMENT_CHANNEL.create(outbox, date, channel.channel());
			csv.row(date, channel.channel(), channel.recharges(), yuan(channel.amountFen()), channel.commissionBp(),
					yuan(channel.commissionFen()), yuan(channel.netReceivableFen()));
			pending.add(Pending.of(csv, 1, rows.get(channel.channel())));
		}
		if (!settlement.subsidy().isEmpty()) {
			OutboundCsvWriter csv = OutboundFile.SETTLEMENT_SUBSIDY.create(outbox, date, settlement.subsidyFund());
			List<SubsidyLine> lines = new ArrayList<>(settlement.subsidy());
			lines.add(settlement.subsidyTotal());
			for (SubsidyLine line : lines) {
				csv.row(date, line.operator(), line.mode(), line.studentTaps(), yuan(line.discountFen()),
						yuan(line.clawbackFen()), yuan(line.claimableFen()));
			}
			pending.add(Pending.of(csv, lines.size(), rows.get(settlement.subsidyFund())));
		}
		OutboundCsvWriter csv = OutboundFile.SETTLEMENT_SUMMARY.create(outbox, date, null);
		for (SummaryRow row : summary) {
			csv.row(date, row.partner(), row.role().name(), row.items(), yuan(row.grossFen()),
					yuan(row.deductionsFen()), yuan(row.netFen()), row.direction().name());
		}
		pending.add(Pending.of(csv, summary.size(), null));
	}

	private static String fingerprint(List<Pending> pending) {
		String listing = pending.stream()
			.map((file) -> file.name() + " " + file.sha256() + "\n")
			.sorted()
			.collect(Collectors.joining());
		MessageDigest digest = Sha256.newDigest();
		digest.update(listing.getBytes(StandardCharsets.UTF_8));
		return Sha256.hex(digest);
	}

	private static boolean onDisk(Pending file) {
		Path target = file.writer().target();
		Path control = target.resolveSibling(target.getFileName() + ".ctl");
		return Files.isRegularFile(target) && Files.isRegularFile(control) && Sha256.of(target).equals(file.sha256());
	}

	private Optional<Version> latest(LocalDate date) {
		return this.jdbc.sql("""
				SELECT version, fingerprint, releases_before FROM settlement_version
				WHERE clearing_date = ?
				ORDER BY version DESC LIMIT 1""")
			.params(date)
			.query((rs, n) -> new Version(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)))
			.optional();
	}

	/**
	 * Whether a tap of the date released on the desk is counted by this settlement and
	 * was not by the latest version (released at or after its cutoff, before this one's).
	 * Such a release publishes a new version even when no byte changes (a held tap of
	 * 0.00, an ENTRY): desk.md promises one, the date's claim-to-payable counts the tap
	 * as paid from it, and the nightly chain settles the date again until it exists.
	 */
	private boolean releasedSince(LocalDate date, Version latest, OffsetDateTime releasesBefore) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM released_tap WHERE clearing_date = ? AND released_at >= ? AND released_at < ?")
			.params(date, latest.releasesBefore(), releasesBefore)
			.query(Long.class)
			.single() > 0;
	}

	private void withdrawStale(LocalDate date, Optional<Version> latest, List<Pending> pending) {
		if (latest.isEmpty()) {
			return;
		}
		List<String> current = pending.stream().map(Pending::name).toList();
		List<String> previous = this.jdbc
			.sql("SELECT file_name FROM settlement_file WHERE clearing_date = ? AND version = ?")
			.params(date, latest.get().version())
			.query(String.class)
			.list();
		Path folder = pending.get(0).writer().target().getParent();
		for (String name : previous) {
			if (!current.contains(name)) {
				OutboundCsvWriter.withdraw(folder.resolve(name));
			}
		}
	}

	private void record(LocalDate date, int version, long executionId, String fingerprint, List<Pending> pending,
			OffsetDateTime releasesBefore) {
		this.jdbc
			.sql("""
					INSERT INTO settlement_version (clearing_date, version, published_at, job_execution_id, fingerprint, files,
					  releases_before)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(date, version, OffsetDateTime.now(this.clock), executionId, fingerprint, pending.size(),
					releasesBefore)
			.update();
		for (Pending file : pending) {
			SummaryRow row = file.row();
			this.jdbc.sql("""
					INSERT INTO settlement_file (clearing_date, version, file_name, partner, role, records, items,
					  gross_fen, deductions_fen, net_fen, direction, sha256)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(date, version, file.name(), (row != null) ? row.partner() : null,
						(row != null) ? row.role().name() : SUMMARY_ROLE, file.records(),
						(row != null) ? row.items() : file.records(), (row != null) ? row.grossFen() : 0,
						(row != null) ? row.deductionsFen() : 0, (row != null) ? row.netFen() : 0,
						(row != null) ? row.direction().name() : null, file.sha256())
				.update();
			this.archive.keep(date, version, file.writer().target(), file.sha256());
		}
	}

	/**
	 * What a publication left in the outbox.
	 *
	 * @param version the settlement version the outbox holds
	 * @param files how many files it has
	 * @param changed whether this run published a new version
	 */
	record Publication(int version, int files, boolean changed) {
	}

	private record Version(int version, String fingerprint, OffsetDateTime releasesBefore) {
	}

	private record Pending(OutboundCsvWriter writer, long records, SummaryRow row, String sha256) {

		static Pending of(OutboundCsvWriter writer, long records, SummaryRow row) {
			return new Pending(writer, records, row, writer.sha256());
		}

		String name() {
			return this.writer.target().getFileName().toString();
		}

	}

}
