package dk.udlaendinge.batch.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.quota.PublishedRevisions;

/**
 * The quota revisions of a year as published under {@code out/quota/<year>/}: the current
 * one and every earlier one kept under {@code previous/<n>/}, each with its national
 * workbook (no personal data: figures per municipality), and how many municipality
 * workbooks were sent.
 */
class QuotaRevisions {

    record Revision(int revision, long nationalFigure, boolean demo, boolean current, boolean workbook, long sent) {
    }

    private final PublishedRevisions published;

    private final JdbcTemplate jdbc;

    QuotaRevisions(Path outputDir, JdbcTemplate jdbc) {
        this.published = new PublishedRevisions(outputDir);
        this.jdbc = jdbc;
    }

    List<Integer> years() {
        return published.years();
    }

    List<Revision> revisions(int year) {
        return published.of(year)
            .stream()
            .map(p -> new Revision(p.revision(), p.nationalFigure(), p.demo(), p.current(),
                    workbook(year, p.revision()).isPresent(), sent(year, p.revision())))
            .toList();
    }

    /** The national workbook of a revision, if it is on disk. */
    Optional<Path> workbook(int year, int revision) {
        return published.nationalWorkbook(year, revision);
    }

    private long sent(int year, int revision) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quota_message WHERE quota_year = ? AND revision = ?",
                Long.class, year, revision);
        return n == null ? 0 : n;
    }

}
