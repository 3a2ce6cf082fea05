package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The rule sets through time on a real HSQLDB (in memory) and a real PostgreSQL: the
 * nightly selection ({@link NoticeRepository#DUE} over the columns the import derived)
 * picks exactly what the plain-Java {@link RenewalRule} calls due, for a registry with
 * every set, extension and release, on run dates from 2014 to 2040; a selected notice
 * keeps the date to extend until; and the migration that introduced the sets derives for
 * rows already in a registry exactly what an import derives now.
 */
@SlowTest
class NoticeSelectionThroughTimeTest {

    private static final int LEAD_DAYS = 90;

    private final RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, LEAD_DAYS);

    private HikariDataSource ds;

    private JdbcTemplate jdbc;

    private TestDatabase open(TestDatabase.Kind kind, Path dir) {
        // HSQLDB in memory: the same SQL as the file database, without a disk sync per
        // commit
        TestDatabase db = kind == TestDatabase.Kind.HSQLDB ? new TestDatabase(kind,
                "jdbc:hsqldb:mem:through-time-" + System.nanoTime() + ";hsqldb.tx=mvcc", "SA", "") : kind.create(dir);
        ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.username());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(3);
        jdbc = new JdbcTemplate(ds);
        return db;
    }

    @AfterEach
    void close() {
        if (ds != null) {
            ds.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theSelectionPicksExactlyWhatTheRuleCallsDueForEverySetExtensionAndRelease(TestDatabase.Kind kind,
            @TempDir Path dir) {
        open(kind, dir).migrate();
        NoticeRepository notices = new NoticeRepository(jdbc, new DataSourceTransactionManager(ds));
        List<Deposit> deposits = RuleSetRegistry.generate(1_000, 19);
        DemoRegistry.insert(jdbc, deposits);

        int total = 0;
        for (LocalDate runDate = LocalDate.of(2014, 12, 1); runDate
            .isBefore(LocalDate.of(2041, 1, 1)); runDate = runDate.plusMonths(5)) {
            Set<String> expected = new TreeSet<>();
            for (Deposit d : deposits) {
                if (rule.isDue(d, false, runDate)) {
                    expected.add(d.depositId());
                }
            }
            Set<String> due = new TreeSet<>(new NamedParameterJdbcTemplate(jdbc).queryForList(
                    "SELECT d.deposit_id FROM deposit d WHERE " + NoticeRepository.DUE,
                    new MapSqlParameterSource().addValue("firstRenewal", Date.valueOf(SecurityRules.FIRST_RENEWAL))
                        .addValue("horizon", Date.valueOf(rule.horizon(runDate)))
                        .addValue("fromCode", 0)
                        .addValue("toCode", 9999)
                        .addValue("runDate", Date.valueOf(runDate)),
                    String.class));
            assertThat(due).as("due on %s", runDate).isEqualTo(expected);
            total += due.size();
        }
        // the windowed selection records each notice with the date it asks to extend
        // until
        Map<String, Deposit> byId = deposits.stream()
            .collect(Collectors.toMap(Deposit::depositId, Function.identity()));
        for (LocalDate runDate : List.of(LocalDate.of(2015, 2, 1), LocalDate.of(2021, 3, 1),
                LocalDate.of(2026, 12, 7))) {
            jdbc.update("DELETE FROM renewal_notice");
            int selected = 0;
            for (int code : NoticeRepositoryTest.codes(0, 9999)) {
                List<String> ids = notices.depositWindow(code, null, 100_000);
                if (!ids.isEmpty()) {
                    selected += notices.selectDueWindow(runDate, rule.horizon(runDate), code, null,
                            ids.get(ids.size() - 1));
                }
            }
            assertThat(selected).as("selected on %s", runDate)
                .isPositive()
                .isEqualTo(deposits.stream().filter(d -> rule.isDue(d, false, runDate)).count());
            jdbc.query("SELECT deposit_id, expiry_date, extend_until FROM renewal_notice", rs -> {
                SecurityRules.Term term = SecurityRules.THROUGH_TIME.term(byId.get(rs.getString(1)));
                assertThat(rs.getDate(2).toLocalDate()).isEqualTo(term.end());
                assertThat(rs.getDate(3).toLocalDate()).isEqualTo(term.extendUntil());
            });
        }
        assertThat(total).as("the registry gives the selection work on many run dates").isGreaterThan(300);
        assertThat(deposits).as("every set, extension and release is in the registry")
            .anyMatch(d -> SecurityRules.THROUGH_TIME.term(d).set().name().equals("A"))
            .anyMatch(d -> SecurityRules.THROUGH_TIME.term(d).set().name().equals("B"))
            .anyMatch(d -> SecurityRules.THROUGH_TIME.term(d).set().name().equals("C"))
            .anyMatch(d -> SecurityRules.THROUGH_TIME.term(d).set().name().equals("D"))
            .anyMatch(d -> SecurityRules.THROUGH_TIME.term(d).set().name().equals("E"))
            .anyMatch(d -> SecurityRules.THROUGH_TIME.term(d).set().name().equals("F"))
            .anyMatch(d -> d.validUntil() != null && SecurityRules.THROUGH_TIME.term(d).renewable())
            .anyMatch(d -> d.validUntil() != null && SecurityRules.THROUGH_TIME.term(d).extendUntil() != null
                    && !SecurityRules.THROUGH_TIME.term(d).renewable())
            .anyMatch(d -> d.releasedDate() != null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theMigrationDerivesForExistingRowsWhatTheImportDerivesNow(TestDatabase.Kind kind, @TempDir Path dir) {
        TestDatabase db = open(kind, dir);
        String vendor = kind == TestDatabase.Kind.HSQLDB ? "hsqldb" : "postgresql";
        Flyway before = Flyway.configure()
            .dataSource(db.url(), db.username(), db.password())
            .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
            .target("16")
            .load();
        before.migrate();
        // a registry as the 18-column import stored it before the rule sets, leap-day
        // permits included
        List<Deposit> deposits = new java.util.ArrayList<>(DemoRegistry.generate(2_000, 23));
        deposits.add(dated(DemoRegistry.generate(1, 5).get(0), "LEAP-B", LocalDate.of(2012, 3, 1),
                LocalDate.of(2012, 2, 29)));
        deposits.add(dated(DemoRegistry.generate(1, 6).get(0), "LEAP-C", LocalDate.of(2016, 3, 1),
                LocalDate.of(2016, 2, 29)));
        jdbc.batchUpdate("INSERT INTO deposit (deposit_id, case_number, reference_cpr, reference_name, address_line,"
                + " postal_code, city, digital_post_exempt, digital_post_address, spouse_name, municipality_code,"
                + " legal_basis, security_form, amount_dkk, posted_date, permit_granted_date,"
                + " permanent_residence_date, danish_test, expiry_date, renewable)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deposits, 500, (ps, d) -> {
                    SecurityRules.Term term = SecurityRules.THROUGH_TIME.term(d);
                    Object[] values = { d.depositId(), d.caseNumber(), d.referenceCpr(), d.referenceName(),
                            d.addressLine(), d.postalCode(), d.city(), d.digitalPostExempt(), d.digitalPostAddress(),
                            d.spouseName(), d.municipalityCode(), d.legalBasis().code(), d.securityForm().name(),
                            d.amountDkk(), Date.valueOf(d.postedDate()), Date.valueOf(d.permitGrantedDate()),
                            d.permanentResidenceDate() == null ? null : Date.valueOf(d.permanentResidenceDate()),
                            d.danishTest().name(), Date.valueOf(term.end()), term.set().renewable() };
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] == null) {
                            ps.setNull(i + 1, java.sql.Types.DATE);
                        }
                        else {
                            ps.setObject(i + 1, values[i]);
                        }
                    }
                });
        jdbc.update("INSERT INTO renewal_notice (deposit_id, expiry_date, municipality_code, selected_run_date, status)"
                + " SELECT deposit_id, expiry_date, municipality_code, DATE '2014-12-01', 'SELECTED' FROM deposit"
                + " WHERE renewable = TRUE AND expiry_date BETWEEN DATE '2015-01-01' AND DATE '2015-03-01'");

        db.migrate();

        Map<String, Deposit> byId = deposits.stream()
            .collect(Collectors.toMap(Deposit::depositId, Function.identity()));
        int[] rows = { 0 };
        jdbc.query("SELECT deposit_id, rule_set, expiry_date, renewable, extend_until FROM deposit", rs -> {
            SecurityRules.Term term = SecurityRules.THROUGH_TIME.term(byId.get(rs.getString(1)));
            assertThat(rs.getString(2)).as(rs.getString(1)).isEqualTo(term.set().name());
            assertThat(rs.getDate(3).toLocalDate()).as(rs.getString(1)).isEqualTo(term.end());
            assertThat(rs.getBoolean(4)).as(rs.getString(1)).isEqualTo(term.renewable());
            assertThat(rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate()).as(rs.getString(1))
                .isEqualTo(term.extendUntil());
            rows[0]++;
        });
        assertThat(rows[0]).isEqualTo(deposits.size());
        assertThat(jdbc.queryForObject("SELECT extend_until FROM deposit WHERE deposit_id = 'LEAP-C'", Date.class))
            .hasToString("2026-02-28");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice n JOIN deposit d"
                + " ON d.deposit_id = n.deposit_id WHERE n.extend_until = d.extend_until", Integer.class))
            .as("the notices already selected get the date too")
            .isPositive()
            .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice", Integer.class));
    }

    /**
     * One security at an edge of docs/RENEWAL-RULES.md, the run date it is tried on, and
     * the answer the docs give by hand (not computed by the rule under test).
     */
    private record Edge(String id, String posted, String applied, String permit, String validUntil, String released,
            String reason, String run, boolean due, String extendUntil) {
    }

    private static final List<Edge> EDGES = List.of(
            // posted 2010-12-31 / 2011-01-01: seven years never renewed, or four years
            // renewed
            new Edge("A-2010-12-31", "2010-12-31", null, "2011-01-15", null, null, null, "2017-12-01", false, null),
            new Edge("B-2011-01-01", "2011-01-01", null, "2011-01-15", null, null, null, "2014-12-01", true,
                    "2021-01-15"),
            // posted 2012-06-30 / 2012-07-01: four years or five; on 2016-05-01 only the
            // four-year one is due
            new Edge("B-2012-06-30", "2012-06-30", null, "2012-07-15", null, null, null, "2016-05-01", true,
                    "2022-07-15"),
            new Edge("C-2012-07-01", "2012-07-01", null, "2012-07-15", null, null, null, "2016-05-01", false,
                    "2022-07-15"),
            new Edge("C-2012-07-01-LATER", "2012-07-01", null, "2012-07-15", null, null, null, "2017-05-01", true,
                    "2022-07-15"),
            // applied 2017-11-15 / 2017-11-16: five years renewed, or ten never
            new Edge("C-APPLIED-2017-11-15", "2017-12-01", "2017-11-15", "2017-12-15", null, null, null, "2022-10-01",
                    true, "2027-12-15"),
            new Edge("D-APPLIED-2017-11-16", "2017-12-01", "2017-11-16", "2017-12-15", null, null, null, "2022-10-01",
                    false, null),
            new Edge("D-APPLIED-2017-11-16-END", "2017-12-01", "2017-11-16", "2017-12-15", null, null, null,
                    "2027-10-01", false, null),
            // 2018-07-01 (E) and posted 2024-07-01 (F): ten years, never
            new Edge("D-APPLIED-2018-06-30", "2018-08-01", "2018-06-30", "2018-08-15", null, null, null, "2023-06-01",
                    false, null),
            new Edge("E-APPLIED-2018-07-01", "2018-08-01", "2018-07-01", "2018-08-15", null, null, null, "2028-06-01",
                    false, null),
            new Edge("E-POSTED-2024-06-30", "2024-06-30", "2024-01-10", "2024-07-10", null, null, null, "2029-05-01",
                    false, null),
            new Edge("F-POSTED-2024-07-01", "2024-07-01", "2024-01-10", "2024-07-10", null, null, null, "2034-05-01",
                    false, null),
            // valid_until: the end it runs to; ten years in all stop it, less does not
            new Edge("C-EXTENDED-TO-TEN", "2013-06-01", null, "2013-07-01", "2023-07-01", null, null, "2023-05-01",
                    false, "2023-07-01"),
            new Edge("C-EXTENDED-LESS", "2013-06-01", null, "2013-07-01", "2020-07-01", null, null, "2020-05-01", true,
                    "2023-07-01"),
            new Edge("B-EXTENDED-ONE-YEAR-OLD-END", "2011-06-01", null, "2011-07-01", "2016-07-01", null, null,
                    "2015-05-01", false, "2021-07-01"),
            new Edge("B-EXTENDED-ONE-YEAR-NEW-END", "2011-06-01", null, "2011-07-01", "2016-07-01", null, null,
                    "2016-05-01", true, "2021-07-01"),
            // never extended, overdue: asked for up to the day before start + 10 years,
            // not from that day
            new Edge("C-OVERDUE-DAY-BEFORE-TEN", "2013-06-01", null, "2013-07-01", null, null, null, "2023-06-30", true,
                    "2023-07-01"),
            new Edge("C-OVERDUE-ON-TEN", "2013-06-01", null, "2013-07-01", null, null, null, "2023-07-01", false,
                    "2023-07-01"),
            // a release on or before the run date stops the notice, one after it does not
            new Edge("B-DEPARTED-ON-RUN", "2011-06-01", null, "2011-07-01", null, "2015-06-01", "DEPARTED",
                    "2015-06-01", false, "2021-07-01"),
            new Edge("B-DEPARTED-AFTER-RUN", "2011-06-01", null, "2011-07-01", null, "2015-06-02", "DEPARTED",
                    "2015-06-01", true, "2021-07-01"),
            new Edge("B-DECEASED-BEFORE-RUN", "2011-06-01", null, "2011-07-01", null, "2015-05-31", "DECEASED",
                    "2015-06-01", false, "2021-07-01"),
            new Edge("C-NEW-BASIS-AFTER-RUN", "2012-08-01", null, "2012-08-15", null, "2017-06-02", "NEW_BASIS",
                    "2017-06-01", true, "2022-08-15"));

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void everyEdgeOfTheRuleSetsGivesTheAnswerTheDocsGive(TestDatabase.Kind kind, @TempDir Path dir) {
        open(kind, dir).migrate();
        Deposit base = DemoRegistry.generate(1, 5).get(0);
        List<Deposit> deposits = EDGES.stream()
            .map(e -> new Deposit(e.id(), base.caseNumber(), base.referenceCpr(), base.referenceName(),
                    base.addressLine(), base.postalCode(), base.city(), base.digitalPostExempt(),
                    base.digitalPostAddress(), base.spouseName(), base.municipalityCode(), base.legalBasis(),
                    base.securityForm(), base.amountDkk(), LocalDate.parse(e.posted()), LocalDate.parse(e.permit()),
                    null, base.danishTest(), date(e.applied()), date(e.validUntil()), date(e.released()),
                    e.reason() == null ? null : dk.udlaendinge.batch.deposit.ReleaseReason.valueOf(e.reason())))
            .toList();
        DemoRegistry.insert(jdbc, deposits);
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);

        for (int i = 0; i < EDGES.size(); i++) {
            Edge e = EDGES.get(i);
            LocalDate run = LocalDate.parse(e.run());
            Integer found = named.queryForObject(
                    "SELECT COUNT(*) FROM deposit d WHERE d.deposit_id = :id AND " + NoticeRepository.DUE,
                    new MapSqlParameterSource().addValue("id", e.id())
                        .addValue("firstRenewal", Date.valueOf(SecurityRules.FIRST_RENEWAL))
                        .addValue("horizon", Date.valueOf(rule.horizon(run)))
                        .addValue("fromCode", 0)
                        .addValue("toCode", 9999)
                        .addValue("runDate", Date.valueOf(run)),
                    Integer.class);
            assertThat(found == 1).as("%s on %s, selected", e.id(), run).isEqualTo(e.due());
            assertThat(rule.isDue(deposits.get(i), false, run)).as("%s on %s, rule", e.id(), run).isEqualTo(e.due());
            Date extendUntil = jdbc.queryForObject("SELECT extend_until FROM deposit WHERE deposit_id = ?", Date.class,
                    e.id());
            assertThat(extendUntil == null ? null : extendUntil.toLocalDate()).as("%s extend_until", e.id())
                .isEqualTo(date(e.extendUntil()));
        }
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static Deposit dated(Deposit d, String id, LocalDate posted, LocalDate permit) {
        return new Deposit(id, d.caseNumber(), d.referenceCpr(), d.referenceName(), d.addressLine(), d.postalCode(),
                d.city(), d.digitalPostExempt(), d.digitalPostAddress(), d.spouseName(), d.municipalityCode(),
                d.legalBasis(), d.securityForm(), d.amountDkk(), posted, permit, null, d.danishTest());
    }

}
