package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * The notice repository against a real HSQLDB: the windowed selection picks exactly the
 * deposits {@link RenewalRule} calls due (the SQL condition must carry the whole rule,
 * now that no Java filter follows it), and a window of pending notices brings each
 * notice's own case documents.
 */
class NoticeRepositoryTest {

    private static final int LEAD_DAYS = 60;

    private JdbcTemplate jdbc;

    private NoticeRepository notices;

    private List<Deposit> deposits;

    private final RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, LEAD_DAYS);

    @BeforeEach
    void registry() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:hsqldb:mem:notice-repo-" + System.nanoTime(),
                "SA", "");
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
            .load()
            .migrate();
        jdbc = new JdbcTemplate(ds);
        notices = new NoticeRepository(jdbc, new DataSourceTransactionManager(ds));
        // the demo registry, and securities of every rule set, extended and released
        // (docs/RENEWAL-RULES.md)
        deposits = RuleSetRegistry.generate(2_000, 7);
        DemoRegistry.insert(jdbc, deposits);
    }

    @Test
    void theSelectionPicksExactlyTheDepositsTheRuleCallsDueOnEveryRunDate() {
        for (LocalDate runDate : List.of(LocalDate.of(2014, 12, 1), LocalDate.of(2015, 12, 31),
                LocalDate.of(2017, 3, 15), LocalDate.of(2019, 11, 2), LocalDate.of(2022, 6, 30),
                LocalDate.of(2026, 12, 7), LocalDate.of(2030, 1, 1))) {
            jdbc.update("DELETE FROM renewal_notice");
            Set<String> expected = new TreeSet<>();
            for (Deposit d : deposits) {
                if (rule.isDue(d, false, runDate)) {
                    expected.add(d.depositId());
                }
            }
            long counted = notices.countDue(runDate, rule.horizon(runDate), 0, 9999);

            int selected = selectInWindows(runDate, 0, 9999);

            List<String> rows = jdbc.queryForList("SELECT deposit_id FROM renewal_notice ORDER BY notice_id",
                    String.class);
            assertThat(new TreeSet<>(rows)).as("selected on %s", runDate).isEqualTo(expected);
            for (int code : codes(0, 9999)) {
                assertThat(jdbc.queryForList(
                        "SELECT deposit_id FROM renewal_notice WHERE municipality_code = ?" + " ORDER BY notice_id",
                        String.class, code))
                    .as("notice ids follow the registry's order")
                    .isSorted();
            }
            assertThat(selected).isEqualTo(rows.size());
            assertThat(counted).isEqualTo(rows.size());
            assertThat(notices.countDue(runDate, rule.horizon(runDate), 0, 9999)).isZero();
            assertThat(selectInWindows(runDate, 0, 9999)).as("a second selection for the same expiries selects nothing")
                .isZero();
        }
        assertThat(deposits).as("the registry has deposits the rule leaves out for each reason")
            .anyMatch(d -> d.permanentResidenceDate() != null)
            .anyMatch(d -> d.releasedDate() != null)
            .anyMatch(d -> !SecurityRules.THROUGH_TIME.term(d).set().renewable())
            .anyMatch(d -> d.validUntil() != null && !SecurityRules.THROUGH_TIME.term(d).renewable()
                    && SecurityRules.THROUGH_TIME.term(d).set().renewable());
    }

    @Test
    void aWindowSelectsOnlyItsOwnMunicipalityAndDepositIds() {
        LocalDate runDate = LocalDate.of(2016, 6, 30);
        int code = codes(0, 9999).get(3);
        List<String> ids = notices.depositWindow(code, null, 30);
        List<String> next = notices.depositWindow(code, ids.get(29), 30);

        int selected = notices.selectDueWindow(runDate, rule.horizon(runDate), code, ids.get(9), ids.get(29));

        assertThat(ids).hasSize(30).isSorted();
        assertThat(next.get(0)).as("the next window starts after the last id").isGreaterThan(ids.get(29));
        assertThat(selected).isPositive();
        List<String> rows = jdbc.queryForList("SELECT deposit_id FROM renewal_notice ORDER BY notice_id", String.class);
        assertThat(rows).hasSize(selected).isSorted().allMatch(id -> ids.subList(10, 30).contains(id));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE municipality_code <> ?",
                Integer.class, code))
            .isZero();
        assertThat(notices.countPending(runDate, code, code)).isEqualTo(selected);
        assertThat(notices.countPending(runDate.minusDays(1), code, code))
            .as("a notice selected later is not pending for an earlier run date")
            .isZero();
        assertThat(notices.selectedWindow(runDate, code, ids.get(9), ids.get(29), 0))
            .extracting(n -> n.deposit().depositId())
            .isEqualTo(rows);
        assertThat(notices.selectedWindow(runDate, code, ids.get(9), ids.get(29), Long.MAX_VALUE))
            .as("nothing above the notice id bound")
            .isEmpty();
        assertThat(notices.selectedWindow(runDate, code, ids.get(29), next.get(29), 0)).isEmpty();
    }

    @Test
    void aWindowOfPendingNoticesBringsEachNoticesOwnCaseDocuments() {
        LocalDate runDate = LocalDate.of(2016, 6, 30);
        selectInWindows(runDate, 0, 9999);
        List<String> selected = jdbc.queryForList("SELECT deposit_id FROM renewal_notice ORDER BY notice_id",
                String.class);
        String two = selected.get(1);
        String one = selected.get(4);
        jdbc.update("INSERT INTO case_document (deposit_id, path) VALUES (?, ?), (?, ?), (?, ?)", two, "/docs/b.pdf",
                two, "/docs/a.pdf", one, "/docs/c.pdf");
        jdbc.update("UPDATE renewal_notice SET status = 'SENT' WHERE deposit_id = ?", selected.get(2));

        long[] bounds = notices.pendingBounds(runDate, 0, 9999);
        List<PendingNotice> window = new ArrayList<>(notices.pendingWindow(bounds[0], bounds[0] + 9, runDate, 0, 9999));

        assertThat(window).extracting(p -> p.deposit().depositId())
            .containsExactly(selected.get(0), selected.get(1), selected.get(3), selected.get(4), selected.get(5),
                    selected.get(6), selected.get(7), selected.get(8), selected.get(9));
        assertThat(window.get(1).documents().stream().map(StoredDocument::path)).containsExactly(Path.of("/docs/a.pdf"),
                Path.of("/docs/b.pdf"));
        assertThat(window.get(3).documents().stream().map(StoredDocument::path))
            .containsExactly(Path.of("/docs/c.pdf"));
        assertThat(window.get(0).documents()).isEmpty();
        assertThat(notices.caseDocuments(two)).isEqualTo(window.get(1).documents());
        assertThat(notices.pendingBounds(runDate, 0, 100)).as("nothing pending below the first code").isNull();
    }

    /**
     * Every municipality's registry of a range, in windows of 50 deposit ids, as a send
     * partition walks it.
     */
    private int selectInWindows(LocalDate runDate, int fromCode, int toCode) {
        int selected = 0;
        for (int code : codes(fromCode, toCode)) {
            String after = null;
            List<String> ids;
            do {
                ids = notices.depositWindow(code, after, 50);
                if (!ids.isEmpty()) {
                    selected += notices.selectDueWindow(runDate, rule.horizon(runDate), code, after,
                            ids.get(ids.size() - 1));
                    after = ids.get(ids.size() - 1);
                }
            }
            while (ids.size() == 50);
        }
        return selected;
    }

    static List<Integer> codes(int fromCode, int toCode) {
        return Municipalities.all()
            .list()
            .stream()
            .map(Municipality::kommunekode)
            .filter(c -> c >= fromCode && c <= toCode)
            .sorted()
            .toList();
    }

}
