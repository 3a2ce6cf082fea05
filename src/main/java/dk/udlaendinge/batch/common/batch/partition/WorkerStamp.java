package dk.udlaendinge.batch.common.batch.partition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dk.udlaendinge.batch.common.batch.ProcessIdentity;

/**
 * Records in a partition's execution context which node runs it (host, pid, worker name),
 * and saves that at once, before the first chunk: {@code status} shows it, and a manager
 * whose partition stopped making progress names the worker it was waiting for. It also
 * knows the partitions running in this process, so that a worker told to stop can end
 * them at their next chunk boundary. The context holds only these three values, never
 * personal data.
 */
public final class WorkerStamp implements StepExecutionListener {

    public static final String HOST = "worker.host";

    public static final String PID = "worker.pid";

    public static final String NAME = "worker.name";

    /**
     * The worker process's start and boot ({@link ProcessIdentity}): a reused pid is not
     * taken for it.
     */
    public static final String START = "worker.start";

    public static final String BOOT = "worker.boot";

    private final JobRepository repository;

    private final String host;

    private final String name;

    private final Map<Long, StepExecution> live = new ConcurrentHashMap<>();

    public WorkerStamp(JobRepository repository, String host, String name) {
        this.repository = repository;
        this.host = host;
        this.name = name;
    }

    public String host() {
        return host;
    }

    public String name() {
        return name;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        ExecutionContext context = stepExecution.getExecutionContext();
        context.putString(HOST, host);
        ProcessIdentity me = ProcessIdentity.current();
        context.putLong(PID, me.pid());
        if (me.start() != null) {
            context.putString(START, me.start());
        }
        if (me.boot() != null) {
            context.putString(BOOT, me.boot());
        }
        context.putString(NAME, name);
        repository.updateExecutionContext(stepExecution);
        live.put(stepExecution.getId(), stepExecution);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        live.remove(stepExecution.getId());
        return null;
    }

    /** The partitions running in this process now. */
    public Collection<StepExecution> live() {
        return List.copyOf(live.values());
    }

    /**
     * Takes the stamp of an earlier run off a context that a restart copies to the new
     * partition.
     */
    static void clear(ExecutionContext context) {
        context.remove(HOST);
        context.remove(PID);
        context.remove(NAME);
        context.remove(START);
        context.remove(BOOT);
    }

    /** "worker-b on host h (pid 123)", or null when no worker has taken the partition. */
    public static String describe(ExecutionContext context) {
        if (!context.containsKey(HOST)) {
            return null;
        }
        return context.getString(NAME, "?") + " on host " + context.getString(HOST) + " (pid "
                + (context.containsKey(PID) ? context.getLong(PID) : "?") + ")";
    }

}
