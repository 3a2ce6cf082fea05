package dk.udlaendinge.batch.console;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dk.udlaendinge.batch.common.batch.LivenessSettings;
import dk.udlaendinge.batch.common.batch.ProgressLogger;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.common.batch.history.JobRun;
import dk.udlaendinge.batch.common.batch.history.PartitionRun;
import dk.udlaendinge.batch.common.batch.history.StepRun;
import dk.udlaendinge.batch.common.batch.partition.WorkerStamp;
import dk.udlaendinge.batch.ops.StatusReport;

/**
 * What the pages show about executions: the job history's records (JobHistory), the same
 * {@code ./run.sh status} renders. Every text that could hold anything a job wrote passes
 * {@link ConsoleText#safe}.
 */
class Executions {

    static final List<String> JOBS = List.of("renewalNoticeJob", "quotaWorkbookJob", "registryImportJob");
    static final List<String> STATUSES = List.of("STARTED", "STOPPING", "COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    static final int PAGE_SIZE = 20;

    /**
     * One execution as the pages show it.
     *
     * @param latestOfRun the newest execution of the same run (job instance): only that
     * one is acted on
     * @param completedBy the later execution of the same run that completed it, or null
     * @param reason why it failed, in the words {@code ./run.sh status} uses; or who
     * stopped it
     * @param stopping asked to stop, and a partition of it still runs
     */
    record Row(long id, long instanceId, String job, String run, String batchStatus, Status status, String start,
            String end, String duration, boolean running, boolean stale, String exitCode, String exitMessage,
            long latestOfRun, Long completedBy, String reason, boolean stopping) {

        public boolean latest() {
            return id == latestOfRun;
        }

        /**
         * Restart and Abandon are offered only on a run's latest execution, and never
         * while it stops.
         */
        public boolean actionable() {
            return latest() && !stopping && status.restartable();
        }

        /** Stop is offered while it runs and has not been asked to stop yet. */
        public boolean stoppable() {
            return running && !stopping && !batchStatus.equals("STOPPING");
        }
    }

    record Step(String name, boolean partition, Status status, long read, long written, long skipped, long filtered,
            long commits, long rollbacks, String start, String end, String duration, String exitMessage) {
    }

    record Filter(String job, String status, LocalDate from, LocalDate to) {
    }

    record Page(List<Row> rows, int page, int pages, long total) {
    }

    private final JobHistory history;

    private final JobRepository repository;

    private final ConsoleText text;

    private final AuditLog audit;

    private final WorkerStamp workers;

    private final LivenessSettings liveness;

    Executions(JobHistory history, JobRepository repository, ConsoleText text, AuditLog audit, WorkerStamp workers,
            LivenessSettings liveness) {
        this.history = history;
        this.repository = repository;
        this.text = text;
        this.audit = audit;
        this.workers = workers;
        this.liveness = liveness;
    }

    Page page(Filter filter, int page) {
        JobHistory.Filter f = new JobHistory.Filter(filter.job(), filter.status(), filter.from(), filter.to());
        long count = history.count(f);
        int pages = (int) Math.max(1, (count + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        // the executions of one run (job instance) together, runs by their latest
        // execution, newest first
        List<Row> rows = history.page(f, (current - 1) * PAGE_SIZE, PAGE_SIZE).stream().map(this::row).toList();
        return new Page(rows, current, pages, count);
    }

    Optional<Row> one(long id) {
        return history.execution(id).map(this::row);
    }

    Optional<Row> latest(String job, String status) {
        return history.newest(job, status).map(this::row);
    }

    /**
     * Executions that need someone: running, stale, or failed/stopped and not yet
     * completed by a later one.
     */
    List<Row> needingAttention() {
        return history.unfinished(50)
            .stream()
            .map(this::row)
            .filter(r -> r.running() || r.stopping() || r.latest() && r.status().restartable())
            .toList();
    }

    /** Every execution of one run (job instance), newest first. */
    List<Row> ofRun(long instance) {
        return history.ofRun(instance).stream().map(this::row).toList();
    }

    List<Step> steps(long id) {
        return history.steps(id)
            .stream()
            .map(s -> new Step(s.name(), s.isPartition(), Status.of(s.status(), false, null), s.read(), s.written(),
                    s.skipped(), s.filtered(), s.commits(), s.rollbacks(), text.time(s.start()), text.time(s.end()),
                    ConsoleText.duration(s.start(),
                            s.end() != null ? s.end() : s.markedRunning() ? null : s.lastUpdated()),
                    ConsoleText.safe(s.exitMessage())))
            .toList();
    }

    /**
     * Every parameter, identifying or not: ours hold dates, years, file paths and hashes,
     * never a person.
     */
    List<String[]> parameters(long id) {
        JobExecution execution = repository.getJobExecution(id);
        if (execution == null) {
            return List.of();
        }
        return execution.getJobParameters()
            .parameters()
            .stream()
            .map(p -> new String[] { p.name(), ConsoleText.safe(String.valueOf(p.value())),
                    p.identifying() ? "identifies the run" : "" })
            .toList();
    }

    /**
     * The live progress of each step that runs now (and the sum over a partitioned step's
     * partitions).
     */
    Progress progress(long id) {
        JobExecution execution = repository.getJobExecution(id);
        if (execution == null) {
            return Progress.none();
        }
        List<Progress.Part> parts = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution s : execution.getStepExecutions()) {
            if (s.getStatus() != BatchStatus.STARTED && s.getStatus() != BatchStatus.STARTING
                    && s.getStatus() != BatchStatus.STOPPING) {
                continue;
            }
            long total = s.getExecutionContext().containsKey(ProgressLogger.TOTAL)
                    ? s.getExecutionContext().getLong(ProgressLogger.TOTAL) : -1;
            if (total > 0) {
                // a restarted partition keeps the whole range's estimate from the first
                // split, but
                // counts only what it does itself: the total is what was left to do
                total = Math.max(s.getReadCount(), total - readBefore(execution, s.getStepName()));
            }
            parts.add(new Progress.Part(s.getStepName(), s.getReadCount(), total,
                    java.time.Duration.between(s.getStartTime() == null ? now : s.getStartTime(), now)));
        }
        // a partitioned step's manager counts nothing until its partitions end: its
        // partitions speak for it
        boolean partitioned = parts.stream().anyMatch(p -> PartitionRun.isPartition(p.step()));
        parts.removeIf(p -> partitioned && !PartitionRun.isPartition(p.step()) && p.total() < 0);
        Row row = one(id).orElseThrow();
        return Progress.of(row.status(), row.running(), parts);
    }

    /**
     * What earlier executions of the same run read in a step of this name (0 on a first
     * run).
     */
    private long readBefore(JobExecution execution, String step) {
        return history.readBefore(execution.getJobInstance().getInstanceId(), step, execution.getId());
    }

    private Row row(JobRun r) {
        boolean ended = r.endedUnfinished();
        boolean stopping = !r.stale() && (r.status().equals("STOPPING") || ended && partitionsRunning(r.id()));
        String stoppedBy = r.status().equals("STOPPED") || stopping ? audit.stoppedBy(r.id()) : null;
        // while a partition still runs the stop is only asked for; "Stopped by" once it
        // has ended
        String reason = stoppedBy != null ? (stopping ? "Stop asked for by " : "Stopped by ") + stoppedBy + "."
                : r.status().equals("FAILED") ? failureReason(r) : "";
        long latest = r.latestOfRun();
        return new Row(r.id(), r.instanceId(), r.job(), identifying(r), r.status(),
                Status.of(r.status(), r.stale(), r.completedBy(), latest > r.id() ? latest : null, stopping),
                text.time(r.start() == null ? r.created() : r.start()), text.time(r.end()),
                ConsoleText.duration(r.start(), r.end()), r.running(), r.stale(), r.exitCode(),
                ConsoleText.safe(r.exitMessage()), latest, r.completedBy(), ConsoleText.safe(reason), stopping);
    }

    /**
     * Why an execution failed, as {@code ./run.sh status} words it (StatusReport.reason:
     * the root cause of the stored exit description): a failed partition's cause first,
     * as it is the one that says what happened (the gateway that refused, after how many
     * attempts); then a failed step's; then the job's own.
     */
    private String failureReason(JobRun r) {
        List<StepRun> steps = history.steps(r.id()).stream().filter(s -> s.status().equals("FAILED")).toList();
        for (boolean partitions : new boolean[] { true, false }) {
            for (StepRun s : steps) {
                String reason = StatusReport.reason(s.exitMessage());
                if (s.isPartition() == partitions && !reason.isEmpty()) {
                    return words(reason);
                }
            }
        }
        String reason = StatusReport.reason(r.exitMessage());
        return reason.isEmpty() ? "no reason was recorded; the log (APP_DATA_DIR/logs) has what happened"
                : words(reason);
    }

    /**
     * The message without the exception's class name in front, as the command line's
     * "reason:" line has it.
     */
    private static String words(String reason) {
        String plain = reason.replaceFirst("^[A-Za-z_$][\\w$]*(Exception|Error): ", "");
        return plain.isBlank() ? reason : plain;
    }

    /**
     * A partition of this execution still marked running that really runs: in this
     * process, or in a live process on this host, or (on another host) updated within the
     * stale-after time. The job ends STOPPED when its manager step does, while a
     * partition may still finish its chunk; until it has, the run is "Stopping…" and
     * nothing may be done to it.
     */
    private boolean partitionsRunning(long id) {
        List<Long> steps = history.steps(id)
            .stream()
            .filter(s -> s.isPartition() && s.markedRunning())
            .map(StepRun::id)
            .toList();
        if (steps.isEmpty()) {
            return false;
        }
        java.util.Set<Long> here = new java.util.HashSet<>();
        if (workers != null) {
            workers.live().forEach(s -> here.add(s.getId()));
        }
        for (long step : steps) {
            if (here.contains(step)) {
                return true;
            }
            StepExecution s = repository.getStepExecution(step);
            if (s == null || !s.getExecutionContext().containsKey(WorkerStamp.HOST)
                    || !s.getExecutionContext().containsKey(WorkerStamp.PID)) {
                continue; // taken by no worker: nothing runs it
            }
            long pid = s.getExecutionContext().getLong(WorkerStamp.PID);
            if (liveness.host().equals(s.getExecutionContext().getString(WorkerStamp.HOST))) {
                if (pid != ProcessHandle.current().pid()
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return true;
                }
            }
            else if (s.getLastUpdated() != null
                    && s.getLastUpdated().isAfter(LocalDateTime.now().minus(liveness.staleAfter()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What names the run: the run date, the year and revision, the registry file's name.
     */
    private static String identifying(JobRun r) {
        return ConsoleText.safe(String.join(", ", r.shown().stream().map(p -> {
            String value = p.value();
            if (p.name().equals("runDate") && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return "run date " + value.substring(8) + "." + value.substring(5, 7) + "." + value.substring(0, 4);
            }
            return p.name() + " " + value;
        }).toList()));
    }

}
