package dk.udlaendinge.batch.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.notice.RenewalOutputs;

/**
 * What a renewal run produced, from the records and the output folder: notices by channel,
 * the municipality lists sent, the print batch and its manifest, and the notices skipped with
 * their reasons. Never a name, an address or a CPR number: notices are shown by their ids.
 */
class RunOutputs {

    record ByChannel(String channel, String reason, long count) {
    }

    record MunicipalityList(int code, String name, int notices, String channel, long bytes, String sentAt) {
    }

    record Skipped(long noticeId, int municipalityCode, LocalDate expiry, LocalDate selected, String reason) {
    }

    record File(String name, long bytes) {
    }

    private final JdbcTemplate jdbc;
    private final RenewalOutputs outputs;
    private final Municipalities municipalities;
    private final ConsoleText text;

    RunOutputs(JdbcTemplate jdbc, RenewalOutputs outputs, Municipalities municipalities, ConsoleText text) {
        this.jdbc = jdbc;
        this.outputs = outputs;
        this.municipalities = municipalities;
        this.text = text;
    }

    List<ByChannel> byChannel(LocalDate runDate) {
        // a notice that went as a MeMo message is recorded under its urn:uuid (docs/DIGITAL-POST.md):
        // its channel reads "DIGITAL by MeMo", so the page shows the transport without a new column
        return jdbc.query("SELECT channel, COALESCE(reason, ''), memo, COUNT(*) FROM (SELECT channel, reason,"
                + " CASE WHEN channel = 'DIGITAL' AND message_id LIKE 'urn:uuid:%' THEN 1 ELSE 0 END AS memo"
                + " FROM renewal_notice WHERE sent_run_date = ? AND status = 'SENT') notices"
                + " GROUP BY channel, reason, memo ORDER BY channel, reason, memo",
                (rs, i) -> new ByChannel(rs.getInt(3) == 1 ? rs.getString(1) + " by MeMo" : rs.getString(1),
                        rs.getString(2), rs.getLong(4)), Date.valueOf(runDate));
    }

    List<MunicipalityList> lists(LocalDate runDate) {
        return jdbc.query("SELECT municipality_code, notice_count, channel, message_bytes, sent_at FROM municipality_list"
                + " WHERE run_date = ? ORDER BY municipality_code", (rs, i) -> new MunicipalityList(rs.getInt(1),
                        municipalities.find(rs.getInt(1)).map(Municipality::name).orElse("?"), rs.getInt(2),
                        rs.getString(3), rs.getLong(4), text.time(rs.getTimestamp(5).toLocalDateTime())),
                Date.valueOf(runDate));
    }

    /** Notices waiting after a skip that a run of this date took up (the next run retries them). */
    List<Skipped> skipped(LocalDate runDate) {
        return jdbc.query("SELECT notice_id, municipality_code, expiry_date, selected_run_date, skip_reason"
                + " FROM renewal_notice WHERE status = 'SKIPPED' AND selected_run_date <= ? ORDER BY notice_id LIMIT 500",
                (rs, i) -> new Skipped(rs.getLong(1), rs.getInt(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), ConsoleText.safe(rs.getString(5))), Date.valueOf(runDate));
    }

    /** The downloadable files of the run: name to path; only these two names are ever served. */
    Optional<Path> file(LocalDate runDate, String name) {
        Path p = switch (name) {
            case "print-batch.pdf" -> outputs.printBatch(runDate);
            case "manifest.csv" -> outputs.manifest(runDate);
            default -> null;
        };
        return Optional.ofNullable(p).filter(Files::isRegularFile);
    }

    List<File> files(LocalDate runDate) {
        return List.of("print-batch.pdf", "manifest.csv").stream().map(n -> file(runDate, n).map(p -> {
            try {
                return new File(n, Files.size(p));
            } catch (java.io.IOException e) {
                return null;
            }
        }).orElse(null)).filter(java.util.Objects::nonNull).toList();
    }
}
