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

/**
 * Records in a partition's execution context which node runs it (host, pid, worker name), and
 * saves that at once, before the first chunk: {@code status} shows it, and a manager whose
 * partition stopped making progress names the worker it was waiting for. It also knows the
 * partitions running in this process, so that a worker told to stop can end them at their
 * next chunk boundary. The context holds only these three values, never personal data.
 */
public final class WorkerStamp implements StepExecutionListener {

    public static final String HOST = "worker.host";
    public static final String PID = "worker.pid";
    public static final String NAME = "worker.name";

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
        context.putLong(PID, ProcessHandle.current().pid());
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

    /** Takes the stamp of an earlier run off a context that a restart copies to the new partition. */
    static void clear(ExecutionContext context) {
        context.remove(HOST);
        context.remove(PID);
        context.remove(NAME);
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
