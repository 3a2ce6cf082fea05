package dk.udlaendinge.batch.quota.model;

import java.time.Instant;
import java.util.Map;

/**
 * Everything one set of output files is written from: the inputs, the result, the
 * revision number within the year, and what the change column compares against (if
 * anything).
 */
public record QuotaRevision(QuotaInputs inputs, QuotaResult result, int revision, Previous previous,
        Instant computedAt) {

    /**
     * The quotas the change column compares against.
     *
     * @param label in Danish, for the workbook, e.g. "revision 1 af 2015" or "kvoterne
     * for 2014"
     * @param quotas municipality code to quota
     */
    public record Previous(String label, Map<Integer, Long> quotas) {

        public Previous {
            quotas = Map.copyOf(quotas);
        }

        public long regionTotal(QuotaResult result, int regionCode) {
            return result.region(regionCode).lines().stream().mapToLong(l -> quotas.getOrDefault(l.code(), 0L)).sum();
        }
    }

    public int year() {
        return inputs.year();
    }
}
