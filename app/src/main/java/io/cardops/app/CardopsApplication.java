package io.cardops.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.cardops.app.cli.CardopsCli;

/**
 * The cardops application. {@code main} parses the command line first and starts Spring
 * only for the commands that need the database, so usage errors are instant and never
 * touch it.
 */
@SpringBootApplication(scanBasePackages = "io.cardops")
public class CardopsApplication {

	/**
	 * Runs one command and exits with its code (cli.md: 0 completed, 1 failed, 2 wrong
	 * usage, 3 rejected or held).
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(CardopsCli.execute(args, System.out, System.err));
	}

}
