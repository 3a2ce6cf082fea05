package dk.udlaendinge.batch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dk.udlaendinge.batch.notice.RenewalOutputs;

/**
 * The end state of a renewal run date, read from the real database and output folder, and
 * the checks every fault test ends with: nothing lost, nothing doubled, all journaled.
 */
public record RunOutcome(Map<Long, String> depositByNotice, Set<Long> digital, Set<Long> paper, Set<String> statuses,
        List<Long> journal, List<Long> manifest, int municipalitiesWithNotices) {

    public static RunOutcome read(Path dataDir, Path outDir, LocalDate runDate) {
        return read(TestDatabase.hsqldb(dataDir), outDir, runDate);
    }

    public static RunOutcome read(TestDatabase db, Path outDir, LocalDate runDate) {
        return db.with(jdbc -> {
            Map<Long, String> deposits = new TreeMap<>();
            Set<Long> digital = new TreeSet<>();
            Set<Long> paper = new TreeSet<>();
            Set<String> statuses = new TreeSet<>();
            jdbc.query("SELECT notice_id, deposit_id, status, channel FROM renewal_notice WHERE selected_run_date = ?",
                    rs -> {
                        deposits.put(rs.getLong(1), rs.getString(2));
                        statuses.add(rs.getString(3));
                        if ("DIGITAL".equals(rs.getString(4))) {
                            digital.add(rs.getLong(1));
                        }
                        else if ("PAPER".equals(rs.getString(4))) {
                            paper.add(rs.getLong(1));
                        }
                    }, Date.valueOf(runDate));
            Integer municipalities = jdbc.queryForObject(
                    "SELECT COUNT(DISTINCT municipality_code) FROM renewal_notice" + " WHERE sent_run_date = ?",
                    Integer.class, Date.valueOf(runDate));
            RenewalOutputs outputs = new RenewalOutputs(outDir);
            Path manifest = outputs.manifest(runDate);
            return new RunOutcome(deposits, digital, paper, statuses,
                    OpsFixtures.firstColumnIds(outputs.journal(runDate)),
                    Files.exists(manifest) ? OpsFixtures.firstColumnIds(manifest) : List.of(),
                    municipalities == null ? 0 : municipalities);
        });
    }

    /**
     * Every due deposit got exactly one notice, sent or on paper; the journal and
     * manifest list each once; every digital notice reached the SMTP server, at most
     * {@code inFlightWindow} of them twice (always with the same Message-ID).
     */
    public void assertExactlyOnce(Set<String> dueDepositIds, Set<String> exemptDueDepositIds, Mailbox mail,
            int inFlightWindow) {
        assertThat(new TreeSet<>(depositByNotice.values())).as("deposits with a notice").isEqualTo(dueDepositIds);
        assertThat(depositByNotice).as("one notice per due deposit").hasSameSizeAs(dueDepositIds);
        assertThat(statuses).as("notice statuses after the run").containsExactly("SENT");
        assertThat(digital.size() + paper.size()).isEqualTo(dueDepositIds.size());
        Set<String> onPaper = paper.stream().map(depositByNotice::get).collect(Collectors.toCollection(TreeSet::new));
        assertThat(onPaper).as("exempt deposits go to paper").isEqualTo(exemptDueDepositIds);

        assertThat(journal).as("journal: every notice exactly once")
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(depositByNotice.keySet());
        assertThat(manifest).as("paper manifest: every paper notice exactly once")
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(paper);

        List<Long> missing = digital.stream().filter(id -> mail.count(Mailbox.noticeMessageId(id)) == 0).toList();
        assertThat(missing).as("digital notices that never reached the gateway").isEmpty();
        List<Long> unexpected = paper.stream().filter(id -> mail.count(Mailbox.noticeMessageId(id)) > 0).toList();
        assertThat(unexpected).as("paper notices that were also mailed").isEmpty();
        assertThat(mail.noticeMessages()).as("notice messages received, duplicates included")
            .isBetween((long) digital.size(), (long) digital.size() + inFlightWindow);
        assertThat(mail.duplicates()).as("Message-IDs received twice (only the in-flight window may resend)")
            .hasSizeLessThanOrEqualTo(inFlightWindow)
            .allSatisfy((id, n) -> assertThat(n).isEqualTo(2L));
        assertThat(mail.listMessages()).as("one municipality list per municipality with notices")
            .isEqualTo(municipalitiesWithNotices);
    }

    /**
     * Every file written under the output folder is readable by its owner only
     * (docs/REGISTRY.md, "Personal data").
     */
    public static void assertOwnerOnly(Path outDir) {
        try (Stream<Path> files = Files.walk(outDir)) {
            List<String> open = files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return !PosixFilePermissions.toString(Files.getPosixFilePermissions(f)).equals("rw-------");
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(f -> outDir.relativize(f).toString()).toList();
            assertThat(open).as("files under out/ readable by others than their owner").isEmpty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
