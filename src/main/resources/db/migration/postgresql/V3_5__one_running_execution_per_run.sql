-- Two processes sharing this database may launch the same run (job instance) at the same instant.
-- Spring Batch checks for a running execution and then inserts a new one: between the check and the
-- insert both can pass. This index lets the database refuse the second insert, so exactly one runs
-- (the other is refused with exit 3). A first launch of a run is already guarded by JOB_INST_UN.
-- Recovering a stale execution marks it FAILED first, so a restart is never blocked by it.
-- (HSQLDB has no partial index and needs none: its files admit one process, ops.RunFiles.)
CREATE UNIQUE INDEX BATCH_ONE_RUNNING_EXECUTION ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID)
    WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING');
