package dk.udlaendinge.batch.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where case documents may be read from (docs/REGISTRY.md), and the one way they are
 * opened.
 *
 * <p>
 * A case document is named by an upstream CSV and later mailed to a person or printed, so
 * a path in that CSV decides which file of this machine leaves the building. At import a
 * path is resolved against the documents root (the documents CSV's folder, or
 * {@code app.documents-root}) and refused when it is absolute outside the root, climbs
 * out with {@code ..}, passes through a symbolic link that leads out, lies under
 * {@code /proc}, {@code /sys} or {@code /dev} (where "regular files" such as
 * {@code /proc/self/environ} hold the process's secrets), is not a regular file, or does
 * not start with a PDF header. What is stored is the file's real path.
 *
 * <p>
 * When the notice is sent or printed the file is opened again through {@link #open}: the
 * disk may have changed since the import, so the stored real path is walked one folder at
 * a time without following any symbolic link (a link there now was planted after the
 * import), and the header is checked again. Plain Java, no Spring.
 *
 * <p>
 * Both times the {@link CaseDocumentLimits} apply too: a file larger than the size limit
 * is refused before anything parses it, and so is a file under the output or data folder
 * (other citizens' letters, the print batch, the database). A root that contains either
 * folder, or lies inside one, is refused as a whole, before the import starts.
 */
public final class CaseDocumentRoot {

    private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /**
     * Why a document is refused. The message says what is wrong and never holds the path
     * (a path can hold a person's name); callers name the file by its file name, with the
     * notice or the line it belongs to.
     */
    public static final class Refused extends IOException {

        public Refused(String problem) {
            super(problem);
        }

    }

    private final Path root;

    private final Path realRoot;

    private final CaseDocumentLimits limits;

    private CaseDocumentRoot(Path root, Path realRoot, CaseDocumentLimits limits) {
        this.root = root;
        this.realRoot = realRoot;
        this.limits = limits;
    }

    /**
     * The root for an import: {@code configured} when set, else the folder of the
     * documents CSV.
     */
    public static CaseDocumentRoot forImport(Path configured, Path documentsCsv, CaseDocumentLimits limits) {
        boolean set = configured != null && !configured.toString().isBlank();
        Path folder = set ? configured : documentsCsv.toAbsolutePath().getParent();
        return of(folder, limits);
    }

    /**
     * @throws BadInputException when the root is not an existing folder outside the
     * system folders, or contains or lies inside the output or data folder
     */
    public static CaseDocumentRoot of(Path folder, CaseDocumentLimits limits) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            Path real = absolute.toRealPath();
            if (!Files.isDirectory(real) || underSystemFolder(real)) {
                throw new BadInputException("documents root " + absolute + " is not a folder of documents;"
                        + " set app.documents-root to the folder that holds the case documents");
            }
            for (CaseDocumentLimits.Folder f : limits.forbidden()) {
                // a documents CSV in the project folder makes the project folder the
                // root, and ./out
                // with every letter of every night would then be attachable
                if (f.real().startsWith(real) || real.startsWith(f.real())) {
                    throw new BadInputException("documents root " + real
                            + (real.startsWith(f.real()) ? " lies inside" : " contains") + " the " + f.name() + " "
                            + f.real() + ", whose files must never be attached;"
                            + " keep the documents CSV and its PDFs in a folder of their own, or set app.documents-root");
                }
            }
            return new CaseDocumentRoot(absolute, real, limits);
        }
        catch (BadInputException e) {
            throw e;
        }
        catch (IOException e) {
            throw new BadInputException("documents root " + absolute + " does not exist or cannot be read;"
                    + " set app.documents-root to the folder that holds the case documents");
        }
    }

    public Path path() {
        return realRoot;
    }

    /**
     * The real path of the document {@code given} names, after every check of the import.
     * @throws Refused naming what is wrong (never the path itself)
     */
    public Path resolve(String given) throws Refused {
        if (given.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("contains a control character");
        }
        Path named;
        try {
            named = Path.of(given);
        }
        catch (InvalidPathException e) {
            throw new Refused("is not a valid path");
        }
        Path lexical = (named.isAbsolute() ? named : root.resolve(named)).normalize();
        if (!lexical.startsWith(root) && !lexical.startsWith(realRoot)) {
            throw new Refused(named.isAbsolute() ? "is an absolute path outside the documents root " + realRoot
                    : "climbs out of the documents root " + realRoot + " with ..");
        }
        if (underSystemFolder(lexical)) {
            throw new Refused("lies under /proc, /sys or /dev, which are never read");
        }
        Path real;
        try {
            real = lexical.toRealPath();
        }
        catch (NoSuchFileException e) {
            throw new Refused("does not exist");
        }
        catch (IOException e) {
            throw new Refused("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!real.startsWith(realRoot)) {
            throw new Refused("passes through a symbolic link that leads out of the documents root " + realRoot);
        }
        if (underSystemFolder(real)) {
            throw new Refused("lies under /proc, /sys or /dev, which are never read");
        }
        check(real, limits);
        return real;
    }

    /** Opens and closes a stored document: {@link #open}'s checks without reading it. */
    public static void check(Path stored, CaseDocumentLimits limits) throws Refused {
        try (SeekableByteChannel in = openChannel(stored, limits)) {
            // opened and its header read: that is the check
        }
        catch (Refused e) {
            throw e;
        }
        catch (IOException e) {
            throw new Refused("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Opens a stored document for sending or printing. The stored path is the real path
     * the import resolved; it is walked folder by folder from the file system root with
     * {@code openat} and {@code O_NOFOLLOW} (a {@link SecureDirectoryStream}), so a
     * symbolic link planted anywhere on it since the import is refused rather than
     * followed.
     * @return a stream of the whole file, header included
     * @throws Refused when the file is gone, not a regular file, reached through a link,
     * not a PDF, larger than the limit, or under the output or data folder
     */
    public static InputStream open(Path stored, CaseDocumentLimits limits) throws Refused {
        return Channels.newInputStream(openChannel(stored, limits));
    }

    /**
     * {@link #open}, as a channel positioned at the start of the file, for a reader that
     * seeks (a PDF parser reads the cross-reference table at the end first): the file is
     * read where it lies, never whole into memory.
     */
    public static SeekableByteChannel openChannel(Path stored, CaseDocumentLimits limits) throws Refused {
        if (!stored.isAbsolute() || !stored.normalize().equals(stored) || stored.getFileName() == null) {
            throw new Refused("is not an absolute, normalised path");
        }
        if (underSystemFolder(stored)) {
            throw new Refused("lies under /proc, /sys or /dev, which are never read");
        }
        Optional<CaseDocumentLimits.Folder> forbidden = limits.folderHolding(stored);
        if (forbidden.isPresent()) {
            throw new Refused("lies under the " + forbidden.get().name() + " " + forbidden.get().real()
                    + ", whose files are never attached");
        }
        try {
            SeekableByteChannel channel = openWithoutFollowingLinks(stored);
            try {
                if (channel.size() > limits.maxBytes()) {
                    throw new Refused("is larger than " + limits.describeMax() + ", the limit for case documents"
                            + " (app.documents-max-size)");
                }
                requirePdfHeader(channel);
                channel.position(0);
                return channel;
            }
            catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        catch (Refused e) {
            throw e;
        }
        catch (NoSuchFileException e) {
            throw new Refused("is missing or unreadable");
        }
        catch (FileSystemException e) {
            // ELOOP from O_NOFOLLOW: the stored path now passes through a symbolic link
            throw new Refused(e.getReason() != null && e.getReason().contains("symbolic")
                    ? "is reached through a symbolic link since the import" : "is missing or unreadable");
        }
        catch (IOException e) {
            throw new Refused("is missing or unreadable");
        }
    }

    private static SeekableByteChannel openWithoutFollowingLinks(Path stored) throws IOException {
        Set<StandardOpenOption> read = Set.of(StandardOpenOption.READ);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(stored.getRoot())) {
            if (!(top instanceof SecureDirectoryStream<Path> secure)) {
                return openByCheckingEachFolder(stored);
            }
            SecureDirectoryStream<Path> dir = secure;
            Path parent = stored.getParent();
            for (int i = 0; i < parent.getNameCount(); i++) {
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(parent.getName(i), LinkOption.NOFOLLOW_LINKS);
                if (dir != secure) {
                    dir.close();
                }
                dir = next;
            }
            try {
                Path name = stored.getFileName();
                BasicFileAttributes attributes = dir
                    .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
                requireRegularFile(attributes);
                var options = new java.util.HashSet<java.nio.file.OpenOption>(read);
                options.add(LinkOption.NOFOLLOW_LINKS);
                return dir.newByteChannel(name, options);
            }
            finally {
                if (dir != secure) {
                    dir.close();
                }
            }
        }
    }

    /**
     * Where the file system offers no secure directory stream: every folder is checked,
     * then opened without following.
     */
    private static SeekableByteChannel openByCheckingEachFolder(Path stored) throws IOException {
        Path walked = stored.getRoot();
        for (Path name : stored.getParent()) {
            walked = walked.resolve(name);
            if (Files.isSymbolicLink(walked)) {
                throw new Refused("is reached through a symbolic link since the import");
            }
        }
        requireRegularFile(Files.readAttributes(stored, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        return Files.newByteChannel(stored, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private static void requireRegularFile(BasicFileAttributes attributes) throws Refused {
        if (attributes.isSymbolicLink()) {
            throw new Refused("is a symbolic link since the import");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused("is not a regular file");
        }
    }

    private static void requirePdfHeader(SeekableByteChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(PDF_HEADER.length);
        while (head.hasRemaining() && channel.read(head) > 0) {
            // a short read is read again; end of file ends the loop
        }
        if (head.hasRemaining() || !Arrays.equals(head.array(), PDF_HEADER)) {
            throw new Refused("is not a PDF (it does not start with %PDF-)");
        }
    }

    private static boolean underSystemFolder(Path path) {
        return SYSTEM_FOLDERS.stream().anyMatch(path::startsWith);
    }

}
