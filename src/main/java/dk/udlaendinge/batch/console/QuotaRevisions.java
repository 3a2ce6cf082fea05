package dk.udlaendinge.batch.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.internal.YearFolder;

/**
 * The quota revisions of a year as published under {@code out/quota/<year>/}: the current one
 * and every earlier one kept under {@code previous/<n>/}, each with its national workbook (no
 * personal data: figures per municipality), and how many municipality workbooks were sent.
 */
class QuotaRevisions {

    record Revision(int revision, long nationalFigure, boolean demo, boolean current, boolean workbook, long sent) {
    }

    private final Path outputDir;
    private final JdbcTemplate jdbc;

    QuotaRevisions(Path outputDir, JdbcTemplate jdbc) {
        this.outputDir = outputDir;
        this.jdbc = jdbc;
    }

    List<Integer> years() {
        Path root = outputDir.resolve("quota");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("[0-9]{4}")).map(Integer::valueOf)
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    List<Revision> revisions(int year) {
        YearFolder folder = new YearFolder(outputDir, year);
        int current = folder.current().map(YearFolder.Manifest::revision).orElse(-1);
        return folder.allRevisions().stream().sorted(Comparator.comparingInt(YearFolder.Manifest::revision).reversed())
                .map(m -> new Revision(m.revision(), m.nationalFigure(), m.demo(), m.revision() == current,
                        workbook(year, m.revision()).isPresent(), sent(year, m.revision())))
                .toList();
    }

    /** The national workbook of a revision, if it is on disk. */
    Optional<Path> workbook(int year, int revision) {
        YearFolder folder = new YearFolder(outputDir, year);
        boolean current = folder.current().map(m -> m.revision() == revision).orElse(false);
        Path dir = current ? folder.dir() : folder.previous(revision);
        return Optional.of(dir.resolve(QuotaFiles.workbookName(year))).filter(Files::isRegularFile);
    }

    private long sent(int year, int revision) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quota_message WHERE quota_year = ? AND revision = ?",
                Long.class, year, revision);
        return n == null ? 0 : n;
    }
}
