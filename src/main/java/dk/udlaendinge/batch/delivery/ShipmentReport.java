package dk.udlaendinge.batch.delivery;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What happened to shipments to municipalities, read from {@code municipal_shipment}, one
 * line per shipment that did not simply go whole by Digital Post (the ordinary case needs
 * no line). Used by the run summaries and by {@code ./run.sh status}. Mailboxes are the
 * municipalities' own, not personal data.
 */
public final class ShipmentReport {

    private ShipmentReport() {
    }

    /**
     * @param keyPattern a SQL LIKE pattern over shipment keys, for example
     * {@code list-2014-12-01-%}
     * @param limit at most this many lines
     */
    public static List<String> unusual(JdbcTemplate jdbc, String keyPattern, int limit) {
        return jdbc.query("SELECT shipment_key, MIN(way), MIN(municipality_code), COUNT(*), MAX(part_count),"
                + " MAX(message_bytes), MIN(recipient) FROM municipal_shipment WHERE shipment_key LIKE ?"
                + " GROUP BY shipment_key HAVING MIN(way) <> 'DIGITAL' OR COUNT(*) < MAX(part_count)"
                + " ORDER BY shipment_key FETCH FIRST " + limit + " ROWS ONLY", (rs, i) -> {
                    String key = rs.getString(1);
                    String way = rs.getString(2);
                    int done = rs.getInt(4);
                    int parts = rs.getInt(5);
                    long bytes = rs.getLong(6);
                    String to = rs.getString(7);
                    return switch (MunicipalShipments.Way.valueOf(way)) {
                        case PAPER -> key + ": on paper, reason SIZE (" + bytes + " bytes)";
                        case ALTERNATIVE_ADDRESS ->
                            key + ": sent whole to the address for large shipments " + to + " (" + bytes + " bytes)";
                        case SPLIT -> key + ": split into " + parts + " Digital Post messages to " + to + ", "
                                + (done == parts ? "all sent"
                                        : done + " of " + parts + " sent; a restart sends the rest")
                                + " (largest " + bytes + " bytes)";
                        case DIGITAL -> key + ": by Digital Post to " + to;
                    };
                }, keyPattern);
    }

}
