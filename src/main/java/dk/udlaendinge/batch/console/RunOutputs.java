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
import dk.udlaendinge.batch.notice.RenewalReport;

/**
 * What a renewal run produced, from the records and the output folder: notices by
 * channel, the municipality lists sent, the print batch and its manifest, and the notices
 * skipped with their reasons. Never a name, an address or a CPR number: notices are shown
 * by their ids.
 */
class RunOutputs {

    /**
     * Notices of the run date by channel and reason: {@code written} were recorded for
     * that channel; {@code sent} went out (digital: handed to the gateway; paper: in the
     * print batch).
     */
    record ByChannel(String channel, String reason, long written, long sent) {

        public String channelText() {
            return switch (channel) {
                case "DIGITAL" -> "Digital Post";
                case "DIGITAL by MeMo" -> "Digital Post, as MeMo messages";
                case "PAPER" -> "Paper, by post";
                default -> channel;
            };
        }

        public String reasonText() {
            return switch (reason) {
                case "" -> channel.startsWith("DIGITAL") ? "within the Digital Post size limit" : "";
                case "SIZE" -> "too large for Digital Post (over the size limit)";
                case "ATTACHMENTS" -> "more files than Digital Post takes in one message";
                case "EXEMPT" -> "the citizen is exempt from Digital Post";
                default -> reason.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
        }
    }

    record MunicipalityList(int code, String name, int notices, String channel, long bytes, String sentAt) {

        public String wayText() {
            return switch (channel) {
                case "DIGITAL" -> "Digital Post";
                case "PAPER" -> "on paper (too large for Digital Post)";
                case "SPLIT" -> "Digital Post, split into parts";
                case "ALTERNATIVE_ADDRESS" -> "the municipality's other address";
                default -> channel.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
        }

        public String size() {
            return ConsoleText.megabytes(bytes);
        }
    }

    /** The lists' totals, over the municipalities there are (98). */
    record ListTotals(int municipalities, int of, long notices, String size) {
    }

    record Skipped(long noticeId, int municipalityCode, LocalDate expiry, LocalDate selected, String reason) {
    }

    record File(String name, long bytes) {

        public String size() {
            return ConsoleText.megabytes(bytes);
        }
    }

    private final JdbcTemplate jdbc;

    private final RenewalReport renewals;

    private final RenewalOutputs outputs;

    private final Municipalities municipalities;

    private final ConsoleText text;

    RunOutputs(JdbcTemplate jdbc, RenewalReport renewals, RenewalOutputs outputs, Municipalities municipalities,
            ConsoleText text) {
        this.jdbc = jdbc;
        this.renewals = renewals;
        this.outputs = outputs;
        this.municipalities = municipalities;
        this.text = text;
    }

    List<ByChannel> byChannel(LocalDate runDate) {
        boolean printed = file(runDate, "print-batch.pdf").isPresent();
        // a notice that went as a MeMo message (docs/DIGITAL-POST.md) reads "DIGITAL by
        // MeMo", so the
        // page shows the transport without a new column
        return renewals.byChannel(runDate, printed ? inPrintBatch(runDate) : java.util.Set.of())
            .stream()
            .map(c -> new ByChannel(c.byMemo() ? c.channel() + " by MeMo" : c.channel(), c.reason(), c.written(),
                    c.sent()))
            .toList();
    }

    /**
     * The notice ids the run's manifest lists (its first column): what the print batch
     * holds.
     */
    private java.util.Set<Long> inPrintBatch(LocalDate runDate) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        file(runDate, "manifest.csv").ifPresent(m -> {
            try (java.util.stream.Stream<String> lines = Files.lines(m, java.nio.charset.StandardCharsets.UTF_8)) {
                lines.skip(1).forEach(l -> {
                    String first = l.split("[;,]", 2)[0].replace("\"", "").strip();
                    if (first.matches("\\d{1,18}")) {
                        ids.add(Long.parseLong(first));
                    }
                });
            }
            catch (java.io.IOException | java.io.UncheckedIOException e) {
                // an unreadable manifest: nothing counts as in the batch
            }
        });
        return ids;
    }

    ListTotals totals(List<MunicipalityList> lists) {
        return new ListTotals((int) lists.stream().mapToInt(MunicipalityList::code).distinct().count(),
                municipalities.list().size(), lists.stream().mapToLong(MunicipalityList::notices).sum(),
                ConsoleText.megabytes(lists.stream().mapToLong(MunicipalityList::bytes).sum()));
    }

    List<MunicipalityList> lists(LocalDate runDate) {
        return jdbc.query(
                "SELECT municipality_code, notice_count, channel, message_bytes, sent_at FROM municipality_list"
                        + " WHERE run_date = ? ORDER BY municipality_code",
                (rs, i) -> new MunicipalityList(rs.getInt(1),
                        municipalities.find(rs.getInt(1)).map(Municipality::name).orElse("?"), rs.getInt(2),
                        rs.getString(3), rs.getLong(4), text.time(rs.getTimestamp(5).toLocalDateTime())),
                Date.valueOf(runDate));
    }

    /**
     * Notices waiting after a skip that a run of this date took up (the next run retries
     * them).
     */
    List<Skipped> skipped(LocalDate runDate) {
        return renewals.skipped(runDate, 500)
            .stream()
            .map(n -> new Skipped(n.noticeId(), n.municipalityCode(), n.expiry(), n.selected(),
                    ConsoleText.safe(n.reason())))
            .toList();
    }

    /**
     * The downloadable files of the run: name to path; only these two names are ever
     * served.
     */
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
            }
            catch (java.io.IOException e) {
                return null;
            }
        }).orElse(null)).filter(java.util.Objects::nonNull).toList();
    }

}
