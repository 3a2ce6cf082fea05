package dk.udlaendinge.batch.common;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The 98 municipalities, shipped as reference data ({@code municipalities.csv} on the
 * class path).
 */
public final class Municipalities {

    private static final Municipalities ALL = load();

    private final Map<Integer, Municipality> byCode;

    private Municipalities(Map<Integer, Municipality> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static Municipalities all() {
        return ALL;
    }

    public Optional<Municipality> find(int kommunekode) {
        return Optional.ofNullable(byCode.get(kommunekode));
    }

    public Municipality get(int kommunekode) {
        Municipality m = byCode.get(kommunekode);
        if (m == null) {
            throw new IllegalArgumentException("unknown municipality code " + kommunekode);
        }
        return m;
    }

    public boolean contains(int kommunekode) {
        return byCode.containsKey(kommunekode);
    }

    /** In ascending code order. */
    public Collection<Municipality> list() {
        return byCode.values();
    }

    private static Municipalities load() {
        var in = Municipalities.class.getResourceAsStream("/municipalities.csv");
        if (in == null) {
            throw new IllegalStateException("municipalities.csv is missing from the class path");
        }
        Map<Integer, Municipality> map = new java.util.TreeMap<>();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(';')
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
            for (CSVRecord r : format.parse(reader)) {
                int code = Integer.parseInt(r.get("municipality_code"));
                map.put(code, new Municipality(code, r.get("municipality_name"), Integer.parseInt(r.get("region_code")),
                        r.get("region_name")));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Municipalities(new LinkedHashMap<>(map));
    }

}
