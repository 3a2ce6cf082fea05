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

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;
import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Purpose;
import dk.udlaendinge.batch.delivery.MunicipalShipments;

/**
 * Sends each municipality with notices in this run its list, to its renewal-lists
 * mailbox, by the same Digital Post rule; over the limit the way the municipality chose
 * ({@link MunicipalShipments}). One municipality per transaction; each message is
 * recorded in municipal_shipment as it goes, and the municipality_list row, written once
 * all of it went, stops a restart from taking the municipality up again.
 */
public class MunicipalityListSender implements Tasklet {

    private final JdbcTemplate jdbc;

    private final NoticeRepository records;

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final MunicipalShipments shipments;

    private final MessageComposer composer;

    private final RenewalOutputs outputs;

    private final LocalDate runDate;

    private final Clock clock;

    public MunicipalityListSender(JdbcTemplate jdbc, NoticeRepository records, MunicipalShipments shipments,
            MessageComposer composer, RenewalOutputs outputs, LocalDate runDate, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.shipments = shipments;
        this.composer = composer;
        this.outputs = outputs;
        this.runDate = runDate;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<Integer> next = records.municipalitiesAwaitingTheirList(runDate);
        if (next.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Municipality municipality = Municipalities.all().get(next.get(0));
        List<MunicipalityListWorkbook.Line> lines = records.listLines(runDate, municipality.kommunekode());
        String fileName = fileName(municipality, runDate, "");
        String key = MessageKeys.municipalityList(runDate, municipality.kommunekode());
        byte[] xlsx = MunicipalityListWorkbook.write(municipality, runDate, lines);
        OwnerOnlyFiles.write(outputs.lists(runDate).resolve(fileName), xlsx);
        MunicipalShipments.Content content = new MunicipalShipments.Content() {
            @Override
            public int rows() {
                return lines.size();
            }

            @Override
            public Attachment whole() {
                return Attachment.of(fileName, XLSX, xlsx);
            }

            @Override
            public Attachment part(int from, int to, int part, int parts) {
                String suffix = " - del " + part + " af " + parts;
                return Attachment.of(fileName(municipality, runDate, "-del-" + part + "-af-" + parts), XLSX,
                        MunicipalityListWorkbook.write(municipality, runDate, lines.subList(from, to), suffix));
            }
        };
        MunicipalShipments.Outcome outcome = shipments.ship(new MunicipalShipments.Shipment(key,
                municipality.kommunekode(), Purpose.RENEWAL_LISTS, "Fornyelse af økonomisk sikkerhed: liste " + runDate,
                "Vedhæftet er listen over sikkerhedsstillelser i kommunen, der har fået brev om fornyelse ved kørslen "
                        + runDate + ".\n\nMed venlig hilsen\nUdlændingestyrelsen\n",
                content, outputs.outbox(runDate), runDate));
        if (outcome.way() == MunicipalShipments.Way.PAPER) {
            // printed with the run's paper batch (PrintBatchAssembly); the workbook is
            // kept beside it
            OwnerOnlyFiles.write(outputs.municipalityListsOnPaper(runDate).resolve(fileName), xlsx);
        }
        jdbc.update(
                "INSERT INTO municipality_list (run_date, municipality_code, notice_count, channel, message_bytes,"
                        + " message_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Date.valueOf(runDate), municipality.kommunekode(), lines.size(), outcome.way().name(), outcome.bytes(),
                composer.messageId(key), Timestamp.from(clock.instant()));
        contribution.incrementWriteCount(1);
        return RepeatStatus.CONTINUABLE;
    }

    static String fileName(Municipality municipality, LocalDate runDate, String part) {
        return String.format("%03d-%s-fornyelser-%s%s.xlsx", municipality.kommunekode(), municipality.name(), runDate,
                part);
    }

}
