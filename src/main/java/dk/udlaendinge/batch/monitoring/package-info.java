/**
 * What the agency's monitoring reads from the daemon (issue 11): the health of what a
 * night's run needs (database, mail gateway, output folder, disk space) and the
 * Prometheus meters (notices by channel and reason, messages sent and retried, skips, the
 * last successful run of each job; Spring Batch's own job and step timers). It may depend
 * on the job packages, {@code delivery} and {@code common}, like {@code ops}; no job
 * package depends on it: the jobs count through
 * {@link dk.udlaendinge.batch.common.Meters}. See docs/RUNBOOK.md, "Monitoring".
 */
package dk.udlaendinge.batch.monitoring;
