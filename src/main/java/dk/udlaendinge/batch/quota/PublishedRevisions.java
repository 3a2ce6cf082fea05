package dk.udlaendinge.batch.quota;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * The quota revisions as published under {@code out/quota/<year>/}, read through the
 * quota package's own layout of its folders (quota.internal), so that a reader such as
 * the console never re-derives that layout.
 */
public final class PublishedRevisions {

    /**
     * One published revision of a year: its number, national figure, whether demo data,
     * whether current.
     */
    public record Published(int revision, long nationalFigure, boolean demo, boolean current) {
    }

    private final Path outputDir;

    public PublishedRevisions(Path outputDir) {
        this.outputDir = outputDir;
    }

    /** The years with a quota folder, latest first. */
    public List<Integer> years() {
        Path root = outputDir.resolve("quota");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString())
                .filter(n -> n.matches("[0-9]{4}"))
                .map(Integer::valueOf)
                .sorted(Comparator.reverseOrder())
                .toList();
        }
        catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Every revision of the year, the latest first. */
    public List<Published> of(int year) {
        YearFolder folder = new YearFolder(outputDir, year);
        int current = folder.current().map(YearFolder.Manifest::revision).orElse(-1);
        return folder.allRevisions()
            .stream()
            .sorted(Comparator.comparingInt(YearFolder.Manifest::revision).reversed())
            .map(m -> new Published(m.revision(), m.nationalFigure(), m.demo(), m.revision() == current))
            .toList();
    }

    /**
     * The national workbook of a revision (no personal data: figures per municipality),
     * if it is on disk.
     */
    public Optional<Path> nationalWorkbook(int year, int revision) {
        YearFolder folder = new YearFolder(outputDir, year);
        boolean current = folder.current().map(m -> m.revision() == revision).orElse(false);
        Path dir = current ? folder.dir() : folder.previous(revision);
        return Optional.of(dir.resolve(QuotaFiles.workbookName(year))).filter(Files::isRegularFile);
    }

}
