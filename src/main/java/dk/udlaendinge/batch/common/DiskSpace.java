package dk.udlaendinge.batch.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the disk under a folder is (nearly) full. A full data disk shows itself in many
 * shapes (HSQLDB's "Data File size limit is reached", an IOException "No space left on
 * device", a log file that cannot take a line), so a failure is told to be the disk's by
 * asking the disk, not by reading the message.
 */
public final class DiskSpace {

    /** Below this much free space a failed write is most likely the disk's doing. */
    static final long LOW_BYTES = 16L * 1024 * 1024;

    private DiskSpace() {
    }

    /**
     * A sentence for an operator when the disk holding {@code folder} has less than
     * {@link #LOW_BYTES} free, naming the folder and the setting that places it.
     */
    public static Optional<String> lowNote(Path folder, String setting) {
        try {
            Path existing = folder.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Optional.empty();
            }
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free >= LOW_BYTES) {
                return Optional.empty();
            }
            return Optional.of("the disk of " + setting + " (" + folder.toAbsolutePath().normalize() + ") is full: "
                    + kilobytes(free) + " free; free space there");
        }
        catch (IOException | SecurityException e) {
            return Optional.empty(); // cannot ask the disk: say nothing rather than guess
        }
    }

    private static String kilobytes(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : (bytes / 1024) + " KB";
    }

}
