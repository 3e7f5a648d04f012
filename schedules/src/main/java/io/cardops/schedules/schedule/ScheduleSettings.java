package io.cardops.schedules.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schedules' configuration: {@code cardops.schedules.<name>.cron|zone|misfire} for
 * each of {@link ScheduleKind}, and {@code cardops.chain.*} for the nightly chain.
 *
 * @param schedules each schedule's trigger, by name
 * @param chain the nightly chain's settings
 */
@ConfigurationProperties("cardops")
public record ScheduleSettings(Map<String, Schedule> schedules, @DefaultValue Chain chain) {

	/**
	 * Checks that every schedule is configured with a valid cron expression and that no
	 * unknown one is.
	 * @param schedules the schedules
	 * @param chain the chain settings
	 */
	public ScheduleSettings {
		schedules = (schedules != null) ? Map.copyOf(schedules) : Map.of();
		for (String name : schedules.keySet()) {
			if (ScheduleKind.of(name).isEmpty()) {
				throw new IllegalArgumentException("cardops.schedules." + name + ": no such schedule (known: "
						+ List.of(ScheduleKind.values()).stream().map(ScheduleKind::id).toList() + ")");
			}
		}
		for (ScheduleKind kind : ScheduleKind.values()) {
			Schedule schedule = schedules.get(kind.id());
			if (schedule == null || schedule.cron() == null || schedule.cron().isBlank()) {
				throw new IllegalArgumentException("cardops.schedules." + kind.id() + ".cron is not set");
			}
			String setting = "cardops.schedules." + kind.id() + ".cron (CARDOPS_SCHEDULES_"
					+ kind.id().replace('-', '_').toUpperCase(Locale.ROOT) + "_CRON)";
			// Checked here, before a node stores any schedule: one that never fires again
			// would stop the start after the schedules before it were stored. (The
			// settings are bound before any clock bean exists; "never again" needs none.)
			ZoneId zone = (schedule.zone() != null) ? schedule.zone() : ZoneId.of("Asia/Shanghai");
			Optional<String> problem = ScheduleStore.syntaxProblem(schedule.cron())
				.or(() -> ScheduleStore.neverFires(schedule.cron(), zone, Instant.now()));
			if (problem.isPresent()) {
				throw new IllegalArgumentException(setting + ": " + problem.get());
			}
		}
		if (chain != null && chain.steps() != null) {
			checkChain(chain.steps());
		}
	}

	/**
	 * The chain's steps: each named (an empty item of the list reads as none), each once,
	 * in the order their work depends on (a settle before its reconcile would fail every
	 * night).
	 */
	private static void checkChain(List<ChainStep> steps) {
		String setting = "cardops.chain.steps (CARDOPS_CHAIN_STEPS)";
		String order = "reference, rosters, card-events, reconcile, settle";
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i) == null) {
				throw new IllegalArgumentException(setting + " has an empty item (item " + (i + 1)
						+ "): list steps separated by commas, from " + order);
			}
			if (i > 0 && steps.get(i).ordinal() <= steps.get(i - 1).ordinal()) {
				throw new IllegalArgumentException(setting + " lists " + steps.get(i).id() + " after "
						+ steps.get(i - 1).id() + ": each step once, in the order " + order);
			}
		}
	}

	/**
	 * The configured trigger of each schedule.
	 * @return the schedules in {@link ScheduleKind} order
	 */
	public Map<ScheduleKind, Schedule> bySchedule() {
		Map<ScheduleKind, Schedule> byKind = new EnumMap<>(ScheduleKind.class);
		for (ScheduleKind kind : ScheduleKind.values()) {
			byKind.put(kind, this.schedules.get(kind.id()));
		}
		return byKind;
	}

	/**
	 * One schedule's trigger.
	 *
	 * @param cron a Quartz cron expression (seconds first)
	 * @param zone the time zone the cron is read in
	 * @param misfire what to do with fire times missed while no node was up
	 */
	public record Schedule(String cron, @DefaultValue("Asia/Shanghai") ZoneId zone,
			@DefaultValue("FIRE_ONCE_NOW") Misfire misfire) {
	}

	/**
	 * The nightly chain.
	 *
	 * @param referenceDir the folder of {@code partners.csv} and {@code fare_rules.csv};
	 * by default {@code reference/} in the inbox
	 * @param steps the steps, in order
	 */
	public record Chain(Path referenceDir, @DefaultValue( {
			"reference", "rosters", "card-events", "reconcile", "settle" }) List<ChainStep> steps){
	}

}
