package dk.udlaendinge.batch.common;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes output files that hold personal data (letters, outbox, paper batch, journal,
 * lists): readable by their owner only (docs/REGISTRY.md, "Personal data"), and written
 * to a temporary file then moved into place, so a crash never leaves a half-written file
 * under the final name.
 * <p>
 * Another local user must not be able to redirect what we write. So the permissions are
 * set here, whatever the umask or launcher: every folder we use is made
 * {@code rwx------}, existing or not, from the application's root folders (the output and
 * data folders, see {@link #root}) down; a folder that is a symbolic link is refused; a
 * temporary file gets a random name and is created new and exclusive ({@code CREATE_NEW},
 * which never follows a symbolic link); and the final rename replaces whatever has the
 * final name, a planted symbolic link included, without writing through it.
 */
public final class OwnerOnlyFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The folders the application owns (output, data): everything below them is made
     * owner-only.
     */
    private static final Set<Path> ROOTS = ConcurrentHashMap.newKeySet();

    /**
     * Folders already checked and locked down by this process: once per folder, not per
     * file.
     */
    private static final Set<Path> SECURED = ConcurrentHashMap.newKeySet();

    private OwnerOnlyFiles() {
    }

    /**
     * Declares a folder the application owns (app.output-dir, app.data-dir). Nothing is
     * created yet; when a folder below it is used, every folder from this one down is
     * made owner-only. The root itself may be a symbolic link an operator made; the
     * folders below it may not.
     */
    public static void root(Path dir) {
        ROOTS.add(dir.toAbsolutePath().normalize());
    }

    /**
     * Creates the folder (and parents) owner-only and makes it, and every folder between
     * it and its application root, owner-only if it already existed with looser
     * permissions.
     * @throws UncheckedIOException naming the folder when it cannot be created or
     * secured, or a folder on the way is a symbolic link or not a folder
     */
    public static Path directory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (SECURED.contains(abs)) {
            return dir;
        }
        Path root = ROOTS.stream()
            .filter(abs::startsWith)
            .reduce((a, b) -> a.getNameCount() >= b.getNameCount() ? a : b)
            .orElse(null);
        for (Path p : chain(abs, root)) {
            secureFolder(p, p.equals(root));
            SECURED.add(p);
        }
        return dir;
    }

    /**
     * The folders to secure, top down: from the root to {@code dir}; without a root, the
     * folders that do not exist yet and {@code dir} itself (never a system folder above).
     */
    private static List<Path> chain(Path dir, Path root) {
        List<Path> chain = new ArrayList<>();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (root != null) {
                chain.add(0, p);
                if (p.equals(root)) {
                    break;
                }
            }
            else if (p.equals(dir) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                chain.add(0, p);
            }
            else {
                break;
            }
        }
        return chain;
    }

    private static void secureFolder(Path p, boolean isRoot) {
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(p, attributes(DIR));
                }
                catch (FileAlreadyExistsException raced) {
                    // made meanwhile: checked below like any existing folder
                }
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink() && !isRoot) {
                throw new IOException("it is a symbolic link; the application writes only into real folders below "
                        + "app.output-dir and app.data-dir. Remove the link");
            }
            if (!Files.isDirectory(p)) {
                throw new IOException("it exists and is not a folder");
            }
            if (POSIX && !Files.getPosixFilePermissions(p).equals(DIR)) {
                Files.setPosixFilePermissions(p, DIR); // umask and earlier versions may
                                                       // have left it open
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot use folder " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new, empty, owner-only folder with a random name in {@code parent}, for scratch
     * files.
     */
    public static Path scratchDirectory(Path parent, String prefix) {
        directory(parent);
        try {
            return Files.createTempDirectory(parent, prefix, attributes(DIR));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder in " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * A temporary file of {@link #write}: "." + the target's name + "." + 24 hex digits +
     * ".tmp".
     */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern
        .compile("\\..+\\.[0-9a-f]{24}\\.tmp");

    /**
     * A scratch folder of {@link #scratchDirectory} as the print batch names it: "." +
     * name + ".scratch-" + random.
     */
    private static final java.util.regex.Pattern SCRATCH = java.util.regex.Pattern.compile("\\..+\\.scratch-[^/]*");

    /**
     * Removes what a killed process left under {@code dir} (three folder levels deep,
     * links not followed): {@link #write}'s temporary files and the print batch's scratch
     * folders, which hold letter content. Only for a caller that knows nothing else
     * writes there now.
     * @return how many files or folders were removed
     */
    public static int removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        List<Path> found;
        try (java.util.stream.Stream<Path> all = Files.walk(dir, 3)) {
            found = all.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && TEMPORARY.matcher(name).matches()
                        || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && SCRATCH.matcher(name).matches();
            }).toList();
        }
        catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot look for scratch files in " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        for (Path p : found) {
            try (java.util.stream.Stream<Path> inside = Files.walk(p)) {
                for (Path q : inside.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot remove scratch file " + p + ": " + e.getMessage(), e);
            }
        }
        return found.size();
    }

    private static final int WRITE_BUFFER = 64 * 1024;

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /**
     * Writes through {@code body} to a new temporary file, then atomically replaces
     * {@code target}.
     */
    public static void write(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        directory(dir);
        Path tmp = null;
        try {
            tmp = createExclusive(dir, "." + target.getFileName() + ".");
            // buffered: a MIME message is written a base64 line at a time, and unbuffered
            // each line
            // was its own write(2), about a third of the send step's time on a virtual
            // disk
            try (OutputStream out = new BufferedOutputStream(Channels.newOutputStream(
                    Files.newByteChannel(tmp, Set.<OpenOption>of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))),
                    WRITE_BUFFER)) {
                body.writeTo(out);
            }
            try {
                // rename(2) replaces a symbolic link of that name; it never writes
                // through it
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * An empty owner-only file with a random name, created new and exclusive: a name
     * another user planted (a file or a symbolic link) is never opened.
     */
    private static Path createExclusive(Path dir, String prefix) throws IOException {
        for (int attempt = 0;; attempt++) {
            byte[] random = new byte[12];
            RANDOM.nextBytes(random);
            Path tmp = dir.resolve(prefix + HexFormat.of().formatHex(random) + ".tmp");
            try {
                Files
                    .newByteChannel(tmp, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), attributes(FILE))
                    .close();
                if (POSIX) {
                    Files.setPosixFilePermissions(tmp, FILE);
                }
                return tmp;
            }
            catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes a folder the application owns, and everything in it, owner-only: folders
     * {@code rwx------}, files {@code rw-------}. For what other code creates with the
     * process umask (HSQLDB's database files, the log files); symbolic links are left as
     * they are.
     */
    public static void lockDown(Path dir) {
        if (!POSIX || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (a.isDirectory()) {
                        Files.setPosixFilePermissions(p, DIR);
                    }
                    else if (a.isRegularFile()) {
                        Files.setPosixFilePermissions(p, FILE);
                    }
                }
                catch (IOException gone) {
                    // deleted meanwhile (HSQLDB replaces its files): nothing left to
                    // protect
                }
            }
        }
        catch (IOException | UncheckedIOException e) {
            // best effort on a walk that races HSQLDB; the folders themselves are
            // owner-only
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
                : new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        }
        catch (IOException ignored) {
            // the original failure is the one to report
        }
    }

    @FunctionalInterface
    public interface Body {

        void writeTo(OutputStream out) throws IOException;

    }

}
