-- Quartz's row locks exist from the start. Without them the first nodes to start insert them
-- themselves, and two nodes starting at once on a new database race to insert the same row: one gets a
-- duplicate key, which Quartz answers by rolling back and retrying a few times under load. The name is
-- Spring Boot's default scheduler name (spring.quartz.scheduler-name), which cardops does not change.
INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME)
SELECT 'quartzScheduler', 'TRIGGER_ACCESS' WHERE NOT EXISTS
  (SELECT 1 FROM QRTZ_LOCKS WHERE SCHED_NAME = 'quartzScheduler' AND LOCK_NAME = 'TRIGGER_ACCESS');
INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME)
SELECT 'quartzScheduler', 'STATE_ACCESS' WHERE NOT EXISTS
  (SELECT 1 FROM QRTZ_LOCKS WHERE SCHED_NAME = 'quartzScheduler' AND LOCK_NAME = 'STATE_ACCESS');
