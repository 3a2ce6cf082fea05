package dk.udlaendinge.batch.common.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * One small file per live process under {@code <data>/run/}: its pid (with the moment it
 * started and the boot it started in, so that a reused pid is not taken for it:
 * {@link ProcessIdentity}), command and the job execution it runs. The embedded database
 * admits one process at a time, so these files are how a second process names the one in
 * its way, and how {@code stop} finds whom to signal.
 */
public final class RunFiles {

    /** What one live process is doing. */
    public record Entry(long pid, String command, Long executionId, String job) {
    }

    private final Path dataDir;

    private final Path dir;

    public RunFiles(Path dataDir) {
        this.dataDir = dataDir;
        this.dir = dataDir.resolve("run");
    }

    /** The data folder ({@code app.data-dir}) these run files live in. */
    public Path dataDir() {
        return dataDir;
    }

    public void register(String command) {
        write(new Entry(ProcessHandle.current().pid(), command, null, null));
    }

    public void running(long executionId, String job) {
        Entry me = read(file(ProcessHandle.current().pid())).orElse(null);
        write(new Entry(ProcessHandle.current().pid(), me == null ? "?" : me.command(), executionId, job));
    }

    /**
     * Execution {@code executionId} has ended in this process: the file names
     * {@code next} (another execution still running here) or none. A process that names
     * an execution only while it runs is never signalled for one that has ended:
     * {@code stop} of an idle daemon would end the daemon.
     */
    public void ended(long executionId, Long next, String nextJob) {
        Entry me = read(file(ProcessHandle.current().pid())).orElse(null);
        if (me != null && me.executionId() != null && me.executionId() == executionId) {
            write(new Entry(me.pid(), me.command(), next, next == null ? null : nextJob));
        }
    }

    /**
     * Asks the live process {@code process} (a daemon, which must keep running) to stop
     * execution {@code executionId} at its next chunk boundary: a file
     * {@code <pid>.stop-<id>} that the process takes ({@link #stopRequests},
     * {@link #stopRequestTaken}) within a second or two.
     */
    public Path requestStop(Entry process, long executionId) {
        Path request = dir.resolve(process.pid() + ".stop-" + executionId);
        OwnerOnlyFiles.write(request, out -> out.write(new byte[0]));
        return request;
    }

    /** The executions other processes asked this one to stop, oldest first. */
    public List<Long> stopRequests() {
        String prefix = ProcessHandle.current().pid() + ".stop-";
        List<Long> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().forEach(n -> {
                try {
                    ids.add(Long.valueOf(n.substring(prefix.length())));
                }
                catch (NumberFormatException ignored) {
                    // not a request of ours
                }
            });
        }
        catch (IOException ignored) {
            // asked again next time
        }
        return ids;
    }

    /**
     * This process has acted on the request to stop {@code executionId}: the asker sees
     * the file gone.
     */
    public void stopRequestTaken(long executionId) {
        try {
            Files.deleteIfExists(dir.resolve(ProcessHandle.current().pid() + ".stop-" + executionId));
        }
        catch (IOException ignored) {
            // taken again next time; stopping twice is harmless
        }
    }

    /**
     * Says where this process serves its console, so that a command refused because this
     * process holds the embedded database can point the operator to it.
     */
    public void console(String url) {
        try {
            OwnerOnlyFiles.write(dir.resolve(ProcessHandle.current().pid() + ".console"),
                    out -> out.write(url.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (UncheckedIOException ignored) {
            // only improves a message
        }
    }

    /** The console address of a live process, if it serves one. */
    public Optional<String> consoleOf(Entry process) {
        try {
            return Optional.of(Files.readString(dir.resolve(process.pid() + ".console")).strip())
                .filter(s -> !s.isEmpty());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    public void unregister() {
        try {
            Files.deleteIfExists(dir.resolve(ProcessHandle.current().pid() + ".console"));
            Files.deleteIfExists(file(ProcessHandle.current().pid()));
        }
        catch (IOException ignored) {
            // a stale file is recognised by its dead pid
        }
    }

    /** Live processes other than this one; files of dead processes are removed. */
    public List<Entry> others() {
        List<Entry> live = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return live;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".properties")).toList()) {
                Optional<Entry> e = read(f);
                if (e.isEmpty()) {
                    continue;
                }
                if (e.get().pid() == ProcessHandle.current().pid()) {
                    continue;
                }
                if (isLive(f, e.get().pid())) {
                    live.add(e.get());
                }
                else {
                    Files.deleteIfExists(f);
                    Files.deleteIfExists(dir.resolve(e.get().pid() + ".console"));
                }
            }
        }
        catch (IOException ignored) {
            // best effort: this only improves messages
        }
        return live;
    }

    /**
     * The process the file names is alive: the same pid, start and boot, and a Java
     * process.
     */
    private static boolean isLive(Path f, long pid) {
        Properties p = load(f);
        return ProcessIdentity.isAlive(pid, p.getProperty("start"), p.getProperty("boot"))
                && ProcessHandle.of(pid).filter(RunFiles::isOurs).isPresent();
    }

    private static Properties load(Path f) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        catch (IOException e) {
            // an unreadable file: its pid alone decides
        }
        return p;
    }

    /**
     * Alive, and a Java process (not another program that got a recycled pid). The
     * command line itself cannot tell: Linux reports it truncated, and the class path
     * comes first.
     */
    private static boolean isOurs(ProcessHandle process) {
        return process.isAlive() && process.info().command().map(c -> c.contains("java")).orElse(true);
    }

    private Path file(long pid) {
        return dir.resolve(pid + ".properties");
    }

    private void write(Entry e) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(e.pid()));
        ProcessIdentity me = ProcessIdentity.current();
        if (me.pid() == e.pid() && me.start() != null) {
            p.setProperty("start", me.start());
        }
        if (me.boot() != null) {
            p.setProperty("boot", me.boot());
        }
        p.setProperty("command", e.command());
        if (e.executionId() != null) {
            p.setProperty("executionId", e.executionId().toString());
            p.setProperty("job", e.job());
        }
        try {
            OwnerOnlyFiles.write(file(e.pid()), out -> p.store(out, "udlaendinge-batch process"));
        }
        catch (UncheckedIOException ignored) {
            // only used for messages and stop; the job itself does not depend on it
        }
    }

    private static Optional<Entry> read(Path f) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            String exec = p.getProperty("executionId");
            return Optional.of(new Entry(Long.parseLong(p.getProperty("pid")), p.getProperty("command", "?"),
                    exec == null ? null : Long.valueOf(exec), p.getProperty("job")));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

}
