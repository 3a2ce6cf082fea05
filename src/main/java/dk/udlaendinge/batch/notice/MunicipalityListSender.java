package dk.udlaendinge.batch.notice;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;

/**
 * Sends each municipality with notices in this run one message with its list, by the same
 * Digital Post rule. One municipality per transaction; the municipality_list row is the
 * record that stops a restart from sending a list twice.
 */
public class MunicipalityListSender implements Tasklet {

    private final JdbcTemplate jdbc;
    private final MailGateway gateway;
    private final MessageComposer composer;
    private final RenewalOutputs outputs;
    private final AppProperties app;
    private final LocalDate runDate;
    private final Clock clock;

    public MunicipalityListSender(JdbcTemplate jdbc, MailGateway gateway, MessageComposer composer,
            RenewalOutputs outputs, AppProperties app, LocalDate runDate, Clock clock) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.composer = composer;
        this.outputs = outputs;
        this.app = app;
        this.runDate = runDate;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<Integer> next = jdbc.queryForList("SELECT DISTINCT n.municipality_code FROM renewal_notice n"
                + " WHERE n.sent_run_date = ? AND NOT EXISTS (SELECT 1 FROM municipality_list l"
                + " WHERE l.run_date = n.sent_run_date AND l.municipality_code = n.municipality_code)"
                + " ORDER BY n.municipality_code", Integer.class, Date.valueOf(runDate));
        if (next.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Municipality municipality = Municipalities.all().get(next.get(0));
        List<MunicipalityListWorkbook.Line> lines = jdbc.query("SELECT d.case_number, d.reference_name, d.spouse_name,"
                + " n.expiry_date, n.overdue, n.amount_dkk, n.channel FROM renewal_notice n"
                + " JOIN deposit d ON d.deposit_id = n.deposit_id"
                + " WHERE n.sent_run_date = ? AND n.municipality_code = ? ORDER BY n.expiry_date, d.case_number",
                (rs, i) -> new MunicipalityListWorkbook.Line(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getBoolean(5), rs.getBigDecimal(6), Channel.valueOf(rs.getString(7))),
                Date.valueOf(runDate), municipality.kommunekode());
        byte[] xlsx = MunicipalityListWorkbook.write(municipality, runDate, lines);
        String fileName = String.format("%03d-%s-fornyelser-%s.xlsx", municipality.kommunekode(),
                municipality.name(), runDate);
        String key = "list-" + runDate + "-" + municipality.kommunekode();
        OutgoingMessage message = new OutgoingMessage(key, app.mail().municipalityAddress(municipality.kommunekode()),
                "Fornyelse af økonomisk sikkerhed: liste " + runDate,
                "Vedhæftet er listen over sikkerhedsstillelser i kommunen, der har fået brev om fornyelse ved kørslen "
                        + runDate + ".\n\nMed venlig hilsen\nUdlændingestyrelsen\n",
                List.of(Attachment.of(fileName,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)));
        var mime = composer.compose(message, clock.instant());
        long bytes = MessageComposer.measure(mime);
        Routing routing = Routing.of(false, bytes, app.renewal().digitalPostLimit().toBytes());
        OwnerOnlyFiles.write(outputs.outputDir().resolve("lists").resolve(runDate.toString()).resolve(fileName), xlsx);
        if (routing.channel() == Channel.DIGITAL) {
            gateway.send(mime, key, outputs.outbox(runDate));
        } else {
            OwnerOnlyFiles.write(outputs.municipalityListsOnPaper(runDate).resolve(fileName), xlsx);
        }
        jdbc.update("INSERT INTO municipality_list (run_date, municipality_code, notice_count, channel, message_bytes,"
                + " message_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Date.valueOf(runDate),
                municipality.kommunekode(), lines.size(), routing.channel().name(), bytes, composer.messageId(key),
                Timestamp.from(clock.instant()));
        contribution.incrementWriteCount(1);
        return RepeatStatus.CONTINUABLE;
    }
}
