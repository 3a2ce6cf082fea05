package dk.udlaendinge.batch.common.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as the operating system tells one from another: its pid, the moment it
 * started and the boot it started in. A pid alone says nothing once its process is gone:
 * the kernel hands it to the next process, a container's job always runs as pid 1, and
 * after a reboot every pid is new. A recorded pid names the same process only while a
 * process with that pid exists, started at the recorded moment, in the same boot
 * (docs/RUNBOOK.md, "A run left STARTED").
 *
 * <p>
 * The start is read from {@code /proc/<pid>/stat} (clock ticks since boot: unlike a
 * wall-clock instant it does not move when the clock is set), else from
 * {@link ProcessHandle.Info#startInstant()}; the boot from
 * {@code /proc/sys/kernel/random/boot_id}. Either is null where the system does not say.
 */
public record ProcessIdentity(long pid, String start, String boot) {

    private static final Path PROC = Path.of("/proc");

    /** This process. */
    public static ProcessIdentity current() {
        long pid = ProcessHandle.current().pid();
        return new ProcessIdentity(pid, startOf(pid), bootId());
    }

    /**
     * True if the process recorded as {@code pid}, {@code start} and {@code boot} is
     * alive now. What was not recorded (an older release wrote the pid only) is not
     * compared.
     */
    public static boolean isAlive(long pid, String start, String boot) {
        if (boot != null && !boot.equals(bootId())) {
            return false; // recorded before a reboot: whatever has the pid now is another
                          // process
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        return start == null || start.equals(startOf(pid));
    }

    /** True if this identity is this very process (the same pid and start, this boot). */
    public boolean isCurrent() {
        return pid == ProcessHandle.current().pid() && isAlive(pid, start, boot);
    }

    /**
     * The start of process {@code pid}, or null if it is gone or the system does not say.
     */
    static String startOf(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // "pid (comm) state ppid ... starttime ...": comm may hold blanks and
            // parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return "ticks:" + Long.parseLong(fields[19]); // field 22 of stat; fields[0]
                                                          // is field 3
        }
        catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid)
                .flatMap(p -> p.info().startInstant())
                .map(Instant::toEpochMilli)
                .map(ms -> "instant:" + ms)
                .orElse(null);
        }
    }

    /** This boot's id, or null where the system has none. */
    static String bootId() {
        try {
            String id = Files.readString(PROC.resolve("sys/kernel/random/boot_id")).strip();
            return id.isEmpty() ? null : id;
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
