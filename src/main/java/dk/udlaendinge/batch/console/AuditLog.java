package dk.udlaendinge.batch.console;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every action taken in the console: who, what, when (the database's clock), which
 * execution, and what came of it. A table ({@code console_audit}, migration V15) rather
 * than a file, so it is kept with the job repository, shared by every host on PostgreSQL,
 * and shown in the console; each entry is also written to the log.
 */
class AuditLog {

    record Entry(long id, String at, String user, String action, long executionId, String outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;

    private final ConsoleText text;

    AuditLog(JdbcTemplate jdbc, ConsoleText text) {
        this.jdbc = jdbc;
        this.text = text;
    }

    void record(String user, String action, long executionId, String outcome) {
        String shortOutcome = outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome;
        jdbc.update("INSERT INTO console_audit (acted_at, user_name, action, execution_id, outcome)"
                + " VALUES (CURRENT_TIMESTAMP, ?, ?, ?, ?)", user, action, executionId, shortOutcome);
        log.info("Console audit: user {} {} execution {}: {}", user, action, executionId,
                shortOutcome.replace('\n', ' '));
    }

    /**
     * Who stopped an execution from the console, and when: "otto at 07.12.2026 06.12.40",
     * or null.
     */
    String stoppedBy(long executionId) {
        return jdbc.query(
                "SELECT user_name, acted_at FROM console_audit WHERE execution_id = ? AND action = 'STOP'"
                        + " AND outcome LIKE 'Done:%' ORDER BY id DESC LIMIT 1",
                rs -> rs.next() ? rs.getString(1) + " at " + text.time(rs.getTimestamp(2).toLocalDateTime()) : null,
                executionId);
    }

    List<Entry> recent(int limit) {
        return jdbc.query(
                "SELECT id, acted_at, user_name, action, execution_id, outcome FROM console_audit"
                        + " ORDER BY id DESC LIMIT " + limit,
                (rs, i) -> new Entry(rs.getLong(1), text.time(rs.getTimestamp(2).toLocalDateTime()), rs.getString(3),
                        rs.getString(4), rs.getLong(5), ConsoleText.safe(rs.getString(6))));
    }

}
