package io.cardops.app.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.trace.CardTraceService;
import io.cardops.readers.csv.InboundValues;
import io.cardops.app.lean.LeanApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops trace --card CARD_NO}: a card's story for support staff. Exits 3 when
 * nothing is known of the card.
 */
@Command(name = "trace", description = "Prints everything known about one card.", mixinStandardHelpOptions = true)
final class TraceCommand implements Callable<Integer> {

	private final Session session;

	@Option(names = "--card", required = true, paramLabel = "CARD_NO", description = "the 19-digit card number")
	private String cardNo;

	TraceCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() {
		if (!InboundValues.isCardNo(this.cardNo)) {
			throw new GlobalOptions.UsageException("--card must be exactly 19 digits, not " + this.cardNo);
		}
		try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
			if (!context.getBean(CardTraceService.class).trace(this.cardNo, this.session.out())) {
				this.session.err().println("no record of card " + this.cardNo);
				return 3;
			}
			return 0;
		}
	}

}
