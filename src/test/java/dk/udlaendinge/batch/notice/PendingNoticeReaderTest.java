package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * A send partition's reader, selecting as it reads (send while selecting), on a real
 * HSQLDB file database and a real PostgreSQL: its windows of the registry select exactly
 * what the one statement of the former select step selected, in deposit-id order per
 * municipality; each notice is read once per execution, a skipped one too; a restarted
 * reader selects nothing twice and reads what the failed one left. Windows of 7 deposit
 * ids, so that every municipality takes several.
 */
@SlowTest
class PendingNoticeReaderTest {

    private static final int WINDOW = 7;

    private static final LocalDate RUN_DATE = LocalDate.of(2016, 6, 30);

    private static final RenewalRule RULE = new RenewalRule(SecurityRules.THROUGH_TIME, 60);

    private HikariDataSource ds;

    private JdbcTemplate jdbc;

    private NoticeRepository notices;

    private void open(TestDatabase.Kind kind, Path dir) throws Exception {
        TestDatabase db = kind.create(dir);
        db.migrate();
        ds = new HikariDataSource(); // a pool: a connection per statement made the
                                     // PostgreSQL runs take 40 s
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.username());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(3);
        jdbc = new JdbcTemplate(ds);
        notices = new NoticeRepository(jdbc, new DataSourceTransactionManager(ds));
        DemoRegistry.insert(jdbc, DemoRegistry.generate(1_000, 11));
    }

    @AfterEach
    void close() throws Exception {
        if (ds != null) {
            ds.close();
        }
    }

    private PendingNoticeReader reader(int fromCode, int toCode) {
        PendingNoticeReader reader = new PendingNoticeReader(notices, RUN_DATE, RULE.horizon(RUN_DATE),
                NoticeRepositoryTest.codes(0, 9999), fromCode, toCode, WINDOW);
        reader.open(new ExecutionContext());
        return reader;
    }

    /**
     * The former select step's statement, as a query: every due deposit, by municipality
     * and deposit id.
     */
    private List<String> dueByMunicipality() {
        return new NamedParameterJdbcTemplate(jdbc).query(
                "SELECT d.municipality_code, d.deposit_id FROM deposit d" + " WHERE " + NoticeRepository.DUE
                        + " ORDER BY d.municipality_code, d.deposit_id",
                new MapSqlParameterSource().addValue("firstRenewal", Date.valueOf(SecurityRules.FIRST_RENEWAL))
                    .addValue("horizon", Date.valueOf(RULE.horizon(RUN_DATE)))
                    .addValue("fromCode", 0)
                    .addValue("toCode", 9999)
                    .addValue("runDate", Date.valueOf(RUN_DATE)),
                (rs, i) -> rs.getInt(1) + "/" + rs.getString(2));
    }

    private static List<String> keys(List<PendingNotice> read) {
        return read.stream().map(n -> n.deposit().municipalityCode() + "/" + n.deposit().depositId()).toList();
    }

    private static List<PendingNotice> readAll(PendingNoticeReader reader) {
        List<PendingNotice> read = new ArrayList<>();
        for (PendingNotice n = reader.read(); n != null; n = reader.read()) {
            read.add(n);
        }
        return read;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theWindowsSelectWhatOneStatementSelectedInDepositIdOrderPerMunicipality(TestDatabase.Kind kind,
            @TempDir Path dir) throws Exception {
        open(kind, dir);
        List<String> expected = dueByMunicipality();
        assertThat(expected).as("a registry with work in many windows").hasSizeGreaterThan(20 * WINDOW);

        List<PendingNotice> read = new ArrayList<>(readAll(reader(0, 400)));
        read.addAll(readAll(reader(401, 9999)));

        assertThat(keys(read)).as("read: each due deposit once, by municipality and deposit id").isEqualTo(expected);
        List<String> rows = jdbc.query(
                "SELECT municipality_code, deposit_id FROM renewal_notice" + " ORDER BY municipality_code, notice_id",
                (rs, i) -> rs.getInt(1) + "/" + rs.getString(2));
        assertThat(rows).as("notice ids follow the deposit ids within each municipality").isEqualTo(expected);
        assertThat(read).extracting(PendingNotice::noticeId).doesNotHaveDuplicates();
        assertThat(dueByMunicipality()).as("nothing left due").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pendingNoticesComeFirstAndASkippedNoticeIsNotReadAgainInTheSameRun(TestDatabase.Kind kind, @TempDir Path dir)
            throws Exception {
        open(kind, dir);
        List<String> due = dueByMunicipality();
        // an earlier attempt selected one municipality's first window and skipped one of
        // its notices
        int code = Integer.parseInt(due.get(0).split("/")[0]);
        List<String> ids = notices.depositWindow(code, null, WINDOW);
        notices.selectDueWindow(RUN_DATE, RULE.horizon(RUN_DATE), code, null, ids.get(ids.size() - 1));
        List<Long> earlier = jdbc.queryForList("SELECT notice_id FROM renewal_notice ORDER BY notice_id", Long.class);
        assertThat(earlier).isNotEmpty();
        notices.markSkipped(earlier.get(0), "the case document is missing");

        PendingNoticeReader reader = reader(0, 9999);
        List<PendingNotice> read = new ArrayList<>();
        for (PendingNotice n = reader.read(); n != null; n = reader.read()) {
            read.add(n);
            if (read.size() % 5 == 0) {
                notices.markSkipped(n.noticeId(), "the case document is missing"); // skipped
                                                                                   // in
                                                                                   // this
                                                                                   // run
            }
        }

        assertThat(read.subList(0, earlier.size())).extracting(PendingNotice::noticeId)
            .as("what was pending comes first")
            .isEqualTo(earlier);
        assertThat(read).extracting(PendingNotice::noticeId)
            .as("no notice read twice, skipped or not")
            .doesNotHaveDuplicates();
        assertThat(keys(read)).containsExactlyInAnyOrderElementsOf(due);
        ExecutionContext context = new ExecutionContext();
        reader.update(context);
        assertThat(context.getLong(RenewalNoticeJobConfiguration.SELECTED_COUNT))
            .as("selected by this reader: all but the earlier attempt's")
            .isEqualTo(due.size() - earlier.size());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRestartSelectsNothingTwiceAndReadsWhatTheFailedAttemptLeft(TestDatabase.Kind kind, @TempDir Path dir)
            throws Exception {
        open(kind, dir);
        List<String> due = dueByMunicipality();
        // the first attempt sends a third of the notices, then dies (its reader is
        // dropped)
        PendingNoticeReader failed = reader(0, 9999);
        List<PendingNotice> sent = new ArrayList<>();
        for (int i = 0; i < due.size() / 3; i++) {
            PendingNotice n = failed.read();
            sent.add(n);
            jdbc.update("UPDATE renewal_notice SET status = 'SENT', sent_run_date = ? WHERE notice_id = ?",
                    Date.valueOf(RUN_DATE), n.noticeId());
        }
        long selectedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice", Long.class);
        assertThat(selectedBefore).as("the first attempt had selected some windows beyond what it sent")
            .isGreaterThanOrEqualTo(sent.size())
            .isLessThan(due.size());

        List<PendingNotice> rest = readAll(reader(0, 9999));

        List<PendingNotice> all = new ArrayList<>(sent);
        all.addAll(rest);
        assertThat(keys(all)).as("every due deposit read once over both attempts")
            .containsExactlyInAnyOrderElementsOf(due);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice", Long.class)).isEqualTo(due.size());
        assertThat(rest).extracting(PendingNotice::noticeId)
            .doesNotHaveDuplicates()
            .doesNotContainAnyElementsOf(sent.stream().map(PendingNotice::noticeId).toList());
    }

}
