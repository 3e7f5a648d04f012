package io.cardops.jobs.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;
import io.cardops.readers.csv.InboundValues;

/**
 * The date's new tap and top-up rows, ordered per card while they are loaded: a bounded
 * spill sort, one per partition of the judging. Rows are kept in memory up to a bound,
 * then each partition's rows are sorted in the judging's order (card_no, card_seq, file,
 * line) and written to a run file of their own; a partition's rows are read back by
 * merging its runs. The judging of a partition then reads its new rows from here, in
 * order, instead of reading and sorting the day again in the database.
 *
 * <p>
 * A file is counted in only once it is loaded whole ({@link #loaded}); the rows of a file
 * rejected after its rows were read (and rolled back in the database) are left out when
 * the runs are read. The spill belongs to one process: a partition judged by another
 * process, or in a later run, reads the rows from the database.
 */
final class DaySpill implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DaySpill.class);

	/** The judging's order of a card's new rows. */
	static final Comparator<LedgerRow> ORDER = DaySpill::compare;

	/** The most bytes a row takes in a run file. */
	private static final int ROW_BYTES = 19 + 8 + 4 + 4 + 8 + 4 + 1 + 8 + 4 + 3 + 3 * 9 + 8;

	private static final int IO_BYTES = 1 << 16;

	private static final TravelMode[] MODES = TravelMode.values();

	private static final TapType[] TAP_TYPES = TapType.values();

	private static final Discount[] DISCOUNTS = Discount.values();

	private final LocalDate date;

	private final int parts;

	private final int bufferRows;

	private final Path directory;

	private final List<List<LedgerRow>> buffers = new ArrayList<>();

	private final List<List<Path>> runs = new ArrayList<>();

	/** Every file name and partner the rows carry, written to the runs as a number. */
	private final List<String> names = new ArrayList<>();

	private final Map<String, Integer> numbers = new ConcurrentHashMap<>();

	/** Sorts and writes full buffers while the load reads on. */
	private final ExecutorService writer = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "judging-sort");
		thread.setDaemon(true);
		return thread;
	});

	/** The buffers being written, if any: their run files once written. */
	private Future<List<Path>> pending;

	/** How many sets of buffers were handed to the writer. */
	private int written;

	private final Set<String> loaded = new HashSet<>();

	/**
	 * False once a row could not be kept as the database keeps it: an instant finer than
	 * a microsecond (the database rounds it) or a card number that is not 19 digits.
	 */
	private boolean exact = true;

	/**
	 * Why the sort gave up (it could not write or read its run files), or null: the
	 * partitions then read the database, and the load goes on.
	 */
	private volatile String broken;

	private int buffered;

	/** The file of the last row taken, whose name and partner are numbered already. */
	private String lastFile;

	/**
	 * Creates an empty spill.
	 * @param date the clearing date loaded
	 * @param parts how many partitions the judging splits the date's cards into
	 * @param bufferRows how many rows are held in memory before they are spilled
	 * @param directory where the run files go (created; removed by {@link #close})
	 */
	DaySpill(LocalDate date, int parts, int bufferRows, Path directory) {
		if (bufferRows < 1) {
			throw new IllegalArgumentException("the spill's buffer must hold at least one row");
		}
		this.date = date;
		this.parts = parts;
		this.bufferRows = bufferRows;
		this.directory = directory;
		for (int part = 0; part < parts; part++) {
			this.buffers.add(new ArrayList<>());
			this.runs.add(new ArrayList<>());
		}
	}

	/**
	 * Takes a new row of a file being loaded.
	 * @param row the row
	 */
	void add(LedgerRow row) {
		if (this.broken != null) {
			return;
		}
		if (row.at().getNano() % 1000 != 0 || !InboundValues.isCardNo(row.cardNo())) {
			this.exact = false;
			return;
		}
		if (row.sourceFile() != this.lastFile) {
			// A file's rows come together and share their name and partner.
			number(row.sourceFile());
			number(row.partner());
			this.lastFile = row.sourceFile();
		}
		this.buffers.get(LedgerJudge.partOf(row.cardNo(), this.parts)).add(row);
		if (++this.buffered >= this.bufferRows) {
			spill();
		}
	}

	/**
	 * Counts a file's rows in: the file was loaded whole.
	 * @param file the file's name
	 */
	void loaded(String file) {
		this.loaded.add(file);
	}

	/**
	 * Whether the spill holds exactly the new rows of a set of files, as the database
	 * holds them: the judging then reads them from here.
	 * @param date the clearing date judged
	 * @param parts the partitions it is split into
	 * @param files the date's files not judged yet
	 * @return true when the spill can stand for the database's rows
	 */
	boolean holds(LocalDate date, int parts, Collection<String> files) {
		try {
			collect();
		}
		catch (RuntimeException ex) {
			fail(ex);
		}
		return this.broken == null && this.exact && this.date.equals(date) && this.parts == parts
				&& this.loaded.equals(Set.copyOf(files));
	}

	/**
	 * A partition's rows of the loaded files, in the judging's order, merged from its
	 * runs. Each call reads them anew.
	 * @param part the partition
	 * @return the rows; close it to close the run files
	 */
	Rows rows(int part) {
		collect();
		List<LedgerRow> memory = new ArrayList<>(this.buffers.get(part));
		memory.sort(ORDER);
		return new Rows(this.runs.get(part), memory);
	}

	/**
	 * The judging's order (card_no, card_seq, file, line), written out: it is compared a
	 * few dozen times for every row loaded.
	 */
	private static int compare(LedgerRow a, LedgerRow b) {
		int order = a.cardNo().compareTo(b.cardNo());
		if (order == 0) {
			order = Long.compare(a.cardSeq(), b.cardSeq());
		}
		if (order == 0) {
			order = a.sourceFile().compareTo(b.sourceFile());
		}
		return (order != 0) ? order : Integer.compare(a.sourceLine(), b.sourceLine());
	}

	private int number(String name) {
		Integer number = this.numbers.get(name);
		if (number == null) {
			number = this.names.size();
			this.names.add(name);
			this.numbers.put(name, number);
		}
		return number;
	}

	/**
	 * Hands the full buffers to the writing thread (which sorts and writes them while the
	 * load reads on) and starts empty ones; at most one set of buffers is being written
	 * at a time.
	 */
	private void spill() {
		List<List<LedgerRow>> full = new ArrayList<>(this.buffers);
		this.buffers.replaceAll((buffer) -> new ArrayList<>());
		this.buffered = 0;
		try {
			collect();
		}
		catch (RuntimeException ex) {
			fail(ex);
			return;
		}
		int run = this.written++;
		this.pending = this.writer.submit(() -> writeRuns(full, run));
	}

	/**
	 * Gives the sort up: it is only a shortcut, so the load goes on and the partitions
	 * read the database.
	 */
	private synchronized void fail(RuntimeException ex) {
		if (this.broken == null) {
			this.broken = ex.getMessage();
			this.buffers.forEach(List::clear);
			logger.warn("{}: the partitions of {} read the database instead", ex.getMessage(), this.date);
		}
	}

	/**
	 * Waits for the buffers being written and adds their run files to the partitions'.
	 */
	private synchronized void collect() {
		if (this.pending == null) {
			return;
		}
		try {
			List<Path> written = this.pending.get();
			for (int part = 0; part < this.parts; part++) {
				if (written.get(part) != null) {
					this.runs.get(part).add(written.get(part));
				}
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UncheckedIOException failed) {
				throw failed;
			}
			throw new IllegalStateException("the judging's sort failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("the judging's sort was interrupted", ex);
		}
		finally {
			this.pending = null;
		}
	}

	/** Sorts each partition's buffer and writes it to a run file: its path, or null. */
	private List<Path> writeRuns(List<List<LedgerRow>> full, int run) {
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(this.directory);
			for (int part = 0; part < this.parts; part++) {
				List<LedgerRow> buffer = full.get(part);
				if (buffer.isEmpty()) {
					written.add(null);
					continue;
				}
				buffer.sort(ORDER);
				Path file = this.directory.resolve("part" + part + "-run" + run + ".bin");
				try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
					ByteBuffer bytes = ByteBuffer.allocate(IO_BYTES);
					for (LedgerRow row : buffer) {
						if (bytes.remaining() < ROW_BYTES) {
							drain(bytes, out);
						}
						write(bytes, row);
					}
					drain(bytes, out);
				}
				written.add(file);
			}
			return written;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the judging's sort could not write to " + this.directory, ex);
		}
	}

	private static void drain(ByteBuffer bytes, FileChannel out) throws IOException {
		bytes.flip();
		while (bytes.hasRemaining()) {
			out.write(bytes);
		}
		bytes.clear();
	}

	private void write(ByteBuffer out, LedgerRow row) {
		// 19 digits (add() takes no other), one byte each.
		String cardNo = row.cardNo();
		for (int i = 0; i < 19; i++) {
			out.put((byte) cardNo.charAt(i));
		}
		out.putLong(row.cardSeq());
		out.putInt(this.numbers.get(row.sourceFile()));
		out.putInt(row.sourceLine());
		out.putLong(row.clearingDate().toEpochDay());
		out.putInt(this.numbers.get(row.partner()));
		out.put((byte) (row.isTap() ? 1 : 0));
		out.putLong(row.at().getEpochSecond());
		out.putInt(row.at().getNano());
		out.put((byte) ((row.mode() != null) ? row.mode().ordinal() : -1));
		out.put((byte) ((row.tapType() != null) ? row.tapType().ordinal() : -1));
		out.put((byte) ((row.discount() != null) ? row.discount().ordinal() : -1));
		putNullable(out, row.fullFareFen());
		putNullable(out, row.chargedFen());
		putNullable(out, row.amountFen());
		out.putLong(row.balanceAfterFen());
	}

	private static void putNullable(ByteBuffer out, Long value) {
		out.put((byte) ((value != null) ? 1 : 0));
		if (value != null) {
			out.putLong(value);
		}
	}

	/** The next row of a run, or null at its end. */
	private LedgerRow read(RunReader in) throws IOException {
		ByteBuffer bytes = in.next();
		if (bytes == null) {
			return null;
		}
		try {
			return read(bytes);
		}
		catch (BufferUnderflowException ex) {
			throw new IOException("a run file of the judging's sort ends in the middle of a row", ex);
		}
	}

	private LedgerRow read(ByteBuffer bytes) {
		String cardNo = new String(bytes.array(), bytes.position(), 19, StandardCharsets.ISO_8859_1);
		bytes.position(bytes.position() + 19);
		long cardSeq = bytes.getLong();
		String file = this.names.get(bytes.getInt());
		int line = bytes.getInt();
		LocalDate clearingDate = LocalDate.ofEpochDay(bytes.getLong());
		String partner = this.names.get(bytes.getInt());
		String kind = (bytes.get() != 0) ? "T" : "R";
		Instant at = Instant.ofEpochSecond(bytes.getLong(), bytes.getInt());
		byte mode = bytes.get();
		byte tapType = bytes.get();
		byte discount = bytes.get();
		Long fullFare = getNullable(bytes);
		Long charged = getNullable(bytes);
		Long amount = getNullable(bytes);
		long balanceAfter = bytes.getLong();
		return new LedgerRow(true, file, line, clearingDate, partner, kind, cardNo, cardSeq, at,
				(mode >= 0) ? MODES[mode] : null, (tapType >= 0) ? TAP_TYPES[tapType] : null, fullFare, charged,
				(discount >= 0) ? DISCOUNTS[discount] : null, amount, balanceAfter);
	}

	private static Long getNullable(ByteBuffer bytes) {
		return (bytes.get() != 0) ? bytes.getLong() : null;
	}

	/**
	 * Removes the run files.
	 */
	@Override
	public void close() {
		this.writer.shutdownNow();
		try {
			this.writer.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.buffers.forEach(List::clear);
		remove(this.directory);
	}

	/**
	 * Removes a sort's folder and its run files.
	 * @param directory the folder
	 */
	static void remove(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the judging's sort could not remove " + directory, ex);
		}
	}

	/**
	 * A partition's rows in order, merged from its runs and what is still in memory.
	 */
	final class Rows implements AutoCloseable {

		private final List<RunReader> inputs = new ArrayList<>();

		/** The head row of each source, with the source it came from. */
		private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
			int order = compare(a.row(), b.row());
			return (order != 0) ? order : Integer.compare(a.source(), b.source());
		});

		private final List<LedgerRow> memory;

		private int memoryAt;

		private LedgerRow next;

		Rows(List<Path> runs, List<LedgerRow> memory) {
			this.memory = memory;
			try {
				for (Path run : runs) {
					this.inputs.add(new RunReader(FileChannel.open(run, StandardOpenOption.READ)));
					push(this.inputs.size() - 1);
				}
				push(-1);
			}
			catch (IOException ex) {
				close();
				throw new UncheckedIOException("the judging's sort could not read " + DaySpill.this.directory, ex);
			}
			this.next = advance();
		}

		/**
		 * Whether there is another row.
		 * @return true when {@link #next()} has one
		 */
		boolean hasNext() {
			return this.next != null;
		}

		/**
		 * The next row in the judging's order.
		 * @return the row
		 */
		LedgerRow next() {
			if (this.next == null) {
				throw new NoSuchElementException();
			}
			LedgerRow row = this.next;
			this.next = advance();
			return row;
		}

		/**
		 * The next row without taking it.
		 * @return the row, or null after the last
		 */
		LedgerRow peek() {
			return this.next;
		}

		private LedgerRow advance() {
			while (!this.heads.isEmpty()) {
				Head head = this.heads.poll();
				try {
					push(head.source());
				}
				catch (IOException ex) {
					throw new UncheckedIOException("the judging's sort could not read " + DaySpill.this.directory, ex);
				}
				if (DaySpill.this.loaded.contains(head.row().sourceFile())) {
					return head.row();
				}
			}
			return null;
		}

		/**
		 * Reads the next row of a source (-1: the rows still in memory) into the heads.
		 */
		private void push(int source) throws IOException {
			LedgerRow row;
			if (source < 0) {
				row = (this.memoryAt < this.memory.size()) ? this.memory.get(this.memoryAt++) : null;
			}
			else {
				row = read(this.inputs.get(source));
			}
			if (row != null) {
				this.heads.add(new Head(row, source));
			}
		}

		@Override
		public void close() {
			for (RunReader in : this.inputs) {
				try {
					in.close();
				}
				catch (IOException ex) {
					// Only read from: nothing is lost.
				}
			}
			this.inputs.clear();
		}

	}

	private record Head(LedgerRow row, int source) {
	}

	/**
	 * Reads a run file a buffer at a time, handing out a whole row's bytes at once.
	 */
	private static final class RunReader implements AutoCloseable {

		private final FileChannel in;

		private final ByteBuffer bytes = ByteBuffer.allocate(IO_BYTES);

		private boolean ended;

		RunReader(FileChannel in) {
			this.in = in;
			this.bytes.flip();
		}

		/**
		 * The buffer, positioned at the next row with all of its bytes, or null at the
		 * end.
		 */
		ByteBuffer next() throws IOException {
			if (this.bytes.remaining() < ROW_BYTES && !this.ended) {
				this.bytes.compact();
				while (this.bytes.hasRemaining()) {
					if (this.in.read(this.bytes) < 0) {
						this.ended = true;
						break;
					}
				}
				this.bytes.flip();
			}
			return this.bytes.hasRemaining() ? this.bytes : null;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
