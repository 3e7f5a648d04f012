package io.cardops.tools.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.cardops.domain.identity.IdNumbers;

/**
 * Writes a synthetic roster of valid students (Chinese names, resident identity numbers
 * with correct check characters), streaming, so any size fits in little memory.
 */
public final class RosterGenerator {

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
			"高", "林", "何", "郭", "马", "罗", "欧阳", "上官" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
			"明", "超", "秀英", "霞", "平", "刚", "桂英", "子涵", "浩然", "𠮷" };

	private static final String[] AREAS = { "110101", "110105", "110108", "120101", "310104", "320102", "440305",
			"510104" };

	private static final String[] LEVELS = { "UNDERGRADUATE", "UNDERGRADUATE", "MASTER", "DOCTORAL", "VOCATIONAL" };

	private RosterGenerator() {
	}

	/**
	 * Writes a roster file.
	 * @param file the file to write (its name should follow
	 * roster_INSTITUTION_YYYYMMDD.csv)
	 * @param rows how many students
	 * @param seed the random seed (the same seed gives the same bytes)
	 * @return the student numbers written, in file order
	 */
	public static List<String> write(Path file, int rows, long seed) {
		List<String> studentNos = new ArrayList<>(rows);
		SplittableRandom random = new SplittableRandom(seed);
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				out.write("student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation\n");
				for (int i = 0; i < rows; i++) {
					int year = 2022 + random.nextInt(5);
					String studentNo = year + "B" + String.format("%08d", i);
					studentNos.add(studentNo);
					String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
							+ ((random.nextInt(3) == 0) ? GIVEN[random.nextInt(GIVEN.length)] : "");
					// Birth date and sequence follow the row number, so identity numbers
					// never collide.
					LocalDate birth = LocalDate.of(year - 19, 1, 1).plusDays((i / 1000) % 3000);
					String digits = AREAS[random.nextInt(AREAS.length)] + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
							+ String.format("%03d", i % 1000);
					String idNo = digits + IdNumbers.residentIdCheckCharacter(digits);
					String level = LEVELS[random.nextInt(LEVELS.length)];
					String salaried = (random.nextInt(50) == 0) ? "Y" : "N";
					String status = (random.nextInt(40) == 0) ? "SUSPENDED" : "ENROLLED";
					out.write(studentNo + "," + name + ",," + idNo + "," + level + "," + salaried + "," + status + ","
							+ year + "-09-01," + (year + 4) + "-06-30\n");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
		return studentNos;
	}

}
