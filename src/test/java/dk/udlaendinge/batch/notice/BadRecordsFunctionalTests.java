package dk.udlaendinge.batch.notice;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.notice.RenewalOutputs;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * A case document that disappeared from disk while the job runs: the notice is skipped
 * with its reason, shown by {@code status}, and sent by the next run date once the file
 * is back; more bad records than the skip limit fail the job, and a restart after the fix
 * completes. Real HSQLDB files, the outbox gateway,
 * {@link dk.udlaendinge.batch.ops.Cli#run} as run.sh calls it.
 */
@SlowTest
class BadRecordsFunctionalTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private Path data;

    private TestDatabase db;

    private Path out;

    private Set<String> due;

    private final List<Path> documents = new ArrayList<>();

    private final List<Path> moved = new ArrayList<>();

    /** A small registry; three due, non-exempt deposits carry a case document each. */
    private void registryWithCaseDocuments(TestDatabase.Kind kind) {
        data = tmp.resolve("data");
        db = kind.create(data);
        out = tmp.resolve("out");
        // 40 deposits, 23 due: every due notice renders a letter, a run's main cost (120
        // rendered 72)
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 40, 3);
        due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        List<String> withDocument = deposits.stream()
            .filter(d -> !d.digitalPostExempt() && due.contains(d.depositId()))
            .map(Deposit::depositId)
            .limit(3)
            .toList();
        for (int i = 0; i < withDocument.size(); i++) {
            documents.add(CaseDocumentFactory.write(tmp.resolve("docs").resolve("guarantee-" + (i + 1) + ".pdf"),
                    20_000, "Scanned guarantee"));
        }
        db.with(jdbc -> {
            for (int i = 0; i < withDocument.size(); i++) {
                jdbc.update("INSERT INTO case_document (deposit_id, path) VALUES (?, ?)", withDocument.get(i),
                        documents.get(i).toAbsolutePath().toString());
            }
            return null;
        });
    }

    private void disappear(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Path away = documents.get(i).resolveSibling("away-" + i);
            Files.move(documents.get(i), away);
            moved.add(away);
        }
    }

    private void bringBack() throws IOException {
        for (int i = 0; i < moved.size(); i++) {
            Files.move(moved.get(i), documents.get(i));
        }
        moved.clear();
    }

    private List<Long> notices(String status) {
        return db
            .with(jdbc -> jdbc.queryForList("SELECT notice_id FROM renewal_notice WHERE status = ? ORDER BY notice_id",
                    Long.class, status));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void missingCaseDocumentIsSkippedShownInStatusAndSentByTheNextRunOnceItIsBack(TestDatabase.Kind kind)
            throws IOException {
        registryWithCaseDocuments(kind);
        disappear(2);
        Map<String, String> props = OpsFixtures.props(db, data, out, null);

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("sendNotices +COMPLETED read \\d+, written \\d+, skipped 2")
            .contains("skipped 2, municipality lists");
        List<Long> skipped = notices("SKIPPED");
        assertThat(skipped).hasSize(2);
        assertThat(OpsFixtures.firstColumnIds(new RenewalOutputs(out).journal(RUN_DATE))).hasSize(due.size() - 2)
            .doesNotContainAnyElementsOf(skipped);

        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.out()).containsPattern("sendNotices +COMPLETED +read \\d+, written \\d+, skipped 2")
            .contains("Notices skipped and waiting")
            // named by the deposit and the document's place, never by its file name
            // (which may hold personal data)
            .containsPattern("notice " + skipped.get(0) + ": case document of notice " + skipped.get(0)
                    + " \\(deposit [A-Z0-9-]+, its document no. [12]\\) is missing or unreadable")
            .containsPattern("notice " + skipped.get(1) + ": case document of notice " + skipped.get(1))
            .doesNotContain("guarantee-1.pdf")
            .doesNotContain("guarantee-2.pdf");

        bringBack();
        LocalDate next = RUN_DATE.plusDays(1);
        OpsFixtures.Result nextRun = OpsFixtures.cli(props, "renewal", "--run-date", next.toString());
        assertThat(nextRun.code()).as(nextRun.toString()).isZero();
        assertThat(notices("SKIPPED")).isEmpty();
        assertThat(notices("SELECTED")).isEmpty();
        assertThat(OpsFixtures.firstColumnIds(new RenewalOutputs(out).journal(next)))
            .as("the next run date sends and journals exactly the two")
            .containsExactlyElementsOf(skipped);
        for (Long id : skipped) {
            assertThat(new RenewalOutputs(out).outbox(next).resolve("notice-" + id + ".eml")).isRegularFile();
        }
        Long sentNext = db
            .with(jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = ?", Long.class,
                    Date.valueOf(next)));
        assertThat(sentNext).isEqualTo(2L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void moreBadRecordsThanTheSkipLimitFailTheJobAndARestartAfterTheFixCompletes(TestDatabase.Kind kind)
            throws IOException {
        registryWithCaseDocuments(kind);
        disappear(3);
        Map<String, String> props = OpsFixtures.props(db, data, out, null);
        props.put("app.renewal.skip-limit", "1");

        OpsFixtures.Result run = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("renewalNoticeJob execution 0: FAILED")
            .contains("is missing or unreadable")
            .contains("continue it with: ./run.sh restart 0");
        assertThat(OpsFixtures.cli(props, "status").out()).contains("FAILED").contains("<-- ./run.sh restart 0");

        bringBack();
        OpsFixtures.Result restarted = OpsFixtures.cli(props, "restart", "0");
        assertThat(restarted.code()).as(restarted.toString()).isZero();
        // a notice skipped within the limit by a partition that completed stays skipped,
        // like any
        // skip, and waits for the next run date; everything else is sent and journaled
        // once
        List<Long> waiting = notices("SKIPPED");
        List<Long> sent = notices("SENT");
        assertThat(notices("SELECTED")).isEmpty();
        assertThat(waiting).hasSizeLessThanOrEqualTo(1);
        assertThat(sent).hasSize(due.size() - waiting.size());
        assertThat(OpsFixtures.firstColumnIds(new RenewalOutputs(out).journal(RUN_DATE)))
            .containsExactlyElementsOf(sent);

        LocalDate next = RUN_DATE.plusDays(1);
        OpsFixtures.Result nextRun = OpsFixtures.cli(props, "renewal", "--run-date", next.toString());
        assertThat(nextRun.code()).as(nextRun.toString()).isZero();
        assertThat(notices("SENT")).hasSize(due.size());
        assertThat(OpsFixtures.firstColumnIds(new RenewalOutputs(out).journal(next)))
            .containsExactlyElementsOf(waiting);
        RunOutcome.assertOwnerOnly(out);
    }

}
