package dk.udlaendinge.batch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.delivery.MunicipalMailboxes.Purpose;

/**
 * How a shipment over the limit is divided: the fewest parts such that every part's whole
 * message, measured as it would be sent, is within the limit; none when one row alone is
 * too large. Rows here are incompressible bytes, so sizes are predictable.
 */
class SplitPlanTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2014-12-01T02:00:00Z"), ZoneOffset.UTC);

    private final MessageComposer composer = new MessageComposer("noreply@nyidanmark.dk", "test.example");

    /**
     * {@code rows} rows of {@code rowBytes} random bytes each; a part is a file of its
     * rows.
     */
    private static MunicipalShipments.Content rows(int rows, int rowBytes) {
        byte[] all = new byte[rows * rowBytes];
        new Random(rows).nextBytes(all);
        return new MunicipalShipments.Content() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public Attachment whole() {
                return Attachment.of("list.bin", "application/octet-stream", all);
            }

            @Override
            public Attachment part(int from, int to, int part, int parts) {
                return Attachment.of("list-del-" + part + "-af-" + parts + ".bin", "application/octet-stream",
                        java.util.Arrays.copyOfRange(all, from * rowBytes, to * rowBytes));
            }
        };
    }

    private MunicipalShipments shipments(long limit) {
        return new MunicipalShipments(new OutboxGateway(), composer, null, null,
                new MunicipalMailboxes("kommune-{code}@digitalpost.example", Map.of(), Map.of()), limit, CLOCK);
    }

    private static MunicipalShipments.Shipment shipment(MunicipalShipments.Content content) {
        return new MunicipalShipments.Shipment("list-2014-12-01-101", 101, Purpose.RENEWAL_LISTS, "Liste", "Tekst.",
                content, Path.of("unused"));
    }

    @Test
    void fewPartsThatEachFit() {
        MunicipalShipments.Content content = rows(100, 200); // 20,000 bytes, about 27,000
                                                             // as base64
        for (long limit : new long[] { 4_000, 6_000, 10_000, 15_000 }) {
            MunicipalShipments s = shipments(limit);
            int n = s.splitInto(shipment(content), "kommune-101@digitalpost.example");
            assertThat(n).as("parts at limit %d", limit).isGreaterThanOrEqualTo(2);
            assertThat(largestPart(content, n)).as("largest part at limit %d", limit).isLessThanOrEqualTo(limit);
            // few parts: at most one more than the content over the room a part leaves
            // beside its fixed overhead
            long overhead = largestPart(rows(1, 1), 1);
            long encoded = 20_000L * 138 / 100; // base64 with its line breaks
            assertThat((long) n).as("parts at limit %d", limit).isLessThanOrEqualTo(encoded / (limit - overhead) + 2);
        }
    }

    @Test
    void noSplitWhenOneRowAloneIsTooLargeOrTheContentIsOneFile() {
        assertThat(shipments(2_000).splitInto(shipment(rows(10, 3_000)), "kommune-101@digitalpost.example")).isZero();
        assertThat(shipments(2_000).splitInto(shipment(rows(1, 3_000)), "kommune-101@digitalpost.example")).isZero();
    }

    private long largestPart(MunicipalShipments.Content content, int n) {
        if (n < 1) {
            return Long.MAX_VALUE;
        }
        long largest = 0;
        for (int i = 1; i <= n; i++) {
            int from = (int) ((long) (i - 1) * content.rows() / n);
            int to = (int) ((long) i * content.rows() / n);
            OutgoingMessage m = new OutgoingMessage(MunicipalShipments.partKey("list-2014-12-01-101", i, n),
                    "kommune-101@digitalpost.example", "Liste (" + i + " af " + n + ")",
                    "Del " + i + " af " + n + ". Forsendelsen er større end Digital Posts grænse og er derfor delt i "
                            + n + " meddelelser; denne del rummer række " + (from + 1) + "-" + to + " af "
                            + content.rows() + ".\n\nTekst.",
                    java.util.List.of(content.part(from, to, i, n)));
            largest = Math.max(largest, MessageComposer.measure(composer.compose(m, CLOCK.instant())));
        }
        return largest;
    }

}
