package dk.udlaendinge.batch.quota.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * {@code out/quota/<Y>/}: the current revision's files, {@code previous/<n>/} for each
 * replaced revision, and hidden {@code .staging-r<n>} folders where a new revision is
 * written before it is published. {@value #MANIFEST} says which revision a set is and
 * from which inputs; it is written last and published last, so its presence marks a
 * complete set.
 */
public final class YearFolder {

    public static final String MANIFEST = "revision.properties";

    public static final String PREVIOUS = "previous";

    public static final String PAPER = "paper.csv";

    /** Which revision a file set is. */
    public record Manifest(int revision, String inputHash, long nationalFigure, boolean demo) {
    }

    private final Path outputDir;

    private final Path dir;

    private final int year;

    public YearFolder(Path outputDir, int year) {
        this.outputDir = outputDir;
        this.dir = outputDir.resolve("quota").resolve(String.valueOf(year));
        this.year = year;
    }

    /**
     * Where the year's messages go as {@code .eml} files when no SMTP host is set (beside
     * the renewal outboxes).
     */
    public Path outbox() {
        return outputDir.resolve("outbox").resolve("quota-" + year);
    }

    public Path dir() {
        return dir;
    }

    public int year() {
        return year;
    }

    public Path staging(int revision) {
        return dir.resolve(".staging-r" + revision);
    }

    public Path previous(int revision) {
        return dir.resolve(PREVIOUS).resolve(String.valueOf(revision));
    }

    public Optional<Manifest> current() {
        return read(dir.resolve(MANIFEST));
    }

    /**
     * The current and every previous revision, for "has this input already been
     * published?".
     */
    public List<Manifest> allRevisions() {
        List<Manifest> all = new ArrayList<>();
        current().ifPresent(all::add);
        Path prev = dir.resolve(PREVIOUS);
        if (Files.isDirectory(prev)) {
            try (Stream<Path> dirs = Files.list(prev)) {
                dirs.forEach(d -> read(d.resolve(MANIFEST)).ifPresent(all::add));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot list " + prev + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /**
     * The revision number for inputs with this hash: the current one if it was made from
     * the same inputs (a rerun), else one more than any revision seen, including a set
     * whose publication was interrupted (its number is then reused, so the rerun resumes
     * it).
     */
    public int revisionFor(String inputHash) {
        Optional<Manifest> current = current();
        if (current.isPresent() && current.get().inputHash().equals(inputHash)) {
            return current.get().revision();
        }
        int highest = allRevisions().stream().mapToInt(Manifest::revision).max().orElse(0);
        Path prev = dir.resolve(PREVIOUS);
        if (Files.isDirectory(prev)) {
            try (Stream<Path> dirs = Files.list(prev)) {
                highest = Math.max(highest,
                        dirs.map(d -> d.getFileName().toString())
                            .filter(n -> n.matches("[0-9]+"))
                            .mapToInt(Integer::parseInt)
                            .max()
                            .orElse(0));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot list " + prev + ": " + e.getMessage(), e);
            }
        }
        return highest + 1;
    }

    public static void writeManifest(Path folder, Manifest m) {
        Properties p = new Properties();
        p.setProperty("revision", String.valueOf(m.revision()));
        p.setProperty("input-hash", m.inputHash());
        p.setProperty("national-figure", String.valueOf(m.nationalFigure()));
        p.setProperty("demo", String.valueOf(m.demo()));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "quota revision: written last, so a set with this file is complete");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OwnerOnlyFiles.write(folder.resolve(MANIFEST), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces the current set by the staged revision, keeping the current one under
     * {@code previous/<n>/}. Each step is a rename within one file system; the old
     * manifest leaves last and the new one arrives last, so an interrupted publication is
     * resumed by running it again.
     */
    public void publish(int revision) {
        Path staging = staging(revision);
        if (!Files.isDirectory(staging)) {
            Optional<Manifest> current = current();
            if (current.isPresent() && current.get().revision() == revision) {
                return; // published already (a restart after publication)
            }
            throw new IllegalStateException(
                    "revision " + revision + " of " + year + " has no staged files in " + staging);
        }
        try {
            Optional<Manifest> old = current();
            if (old.isPresent()) {
                Path keep = OwnerOnlyFiles.directory(previous(old.get().revision()));
                for (Path p : published()) {
                    if (!p.getFileName().toString().equals(MANIFEST)) {
                        Files.move(p, keep.resolve(p.getFileName()));
                    }
                }
                Files.move(dir.resolve(MANIFEST), keep.resolve(MANIFEST));
            }
            List<Path> staged;
            try (Stream<Path> files = Files.list(staging)) {
                staged = files.filter(p -> !p.getFileName().toString().equals(MANIFEST)).toList();
            }
            for (Path p : staged) {
                Files.move(p, dir.resolve(p.getFileName()));
            }
            Files.move(staging.resolve(MANIFEST), dir.resolve(MANIFEST));
            Files.delete(staging);
        }
        catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot publish revision " + revision + " of " + year + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a staged set (before rewriting it, or after a failure), leaving published
     * files alone.
     */
    public void discardStaging(int revision) {
        deleteTree(staging(revision));
    }

    private List<Path> published() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && !name.equals(PREVIOUS);
            }).toList();
        }
    }

    private static Optional<Manifest> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(new Manifest(Integer.parseInt(p.getProperty("revision")), p.getProperty("input-hash"),
                Long.parseLong(p.getProperty("national-figure")), Boolean.parseBoolean(p.getProperty("demo"))));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

}
