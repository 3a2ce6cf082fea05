package dk.udlaendinge.batch.quota.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The distribution key of docs/QUOTA-KEY.md for one group of units sharing a total (bek.
 * nr. 50 af 18. januar 2008, §§ 5 and 9). Plain Java, no Spring.
 *
 * <p>
 * The arithmetic is exact: every figure of one group is a ratio over the common
 * denominator {@code D = ΣP · ΣI}, so {@code f_u = N_u / D} with an integer {@code N_u},
 * and the scaled figure {@code e_u = N_u · T / Σ(N > 0)} is a ratio of integers. Floors
 * and remainders are taken on those integers, so rounding never depends on decimal
 * precision. The decimals in {@link KeyLine} (34 significant digits) are for display
 * only.
 */
public final class DistributionKey {

    /** Precision of the figures shown; the quotas never depend on it. */
    public static final MathContext DISPLAY = MathContext.DECIMAL128;

    /**
     * One unit's inputs; {@code agreedQuota} is {@code null} unless an agreement fixes
     * it.
     */
    public record Unit(int code, long population, long immigrantsAndRefugees, long familyReunified, Long agreedQuota) {
    }

    private DistributionKey() {
    }

    /**
     * Shares {@code total} among {@code units}. The caller has checked the inputs (counts
     * not negative, {@code I ≤ P}, agreed quotas not above the total, and adding up to it
     * when every unit is agreed); a broken precondition here is a programming error.
     * @param groupName for the one input error that only shows here: a group whose
     * population adds up to 0
     */
    public static KeyGroup distribute(int groupCode, String groupName, long total, List<Unit> units) {
        List<Unit> sorted = units.stream().sorted(Comparator.comparingInt(Unit::code)).toList();
        long agreed = 0;
        List<Unit> shared = new ArrayList<>();
        for (Unit u : sorted) {
            if (u.population() < 0 || u.immigrantsAndRefugees() < 0 || u.familyReunified() < 0
                    || u.immigrantsAndRefugees() > u.population()) {
                throw new IllegalArgumentException("unit " + u.code() + " has invalid counts");
            }
            if (u.agreedQuota() != null) {
                agreed += u.agreedQuota();
            }
            else {
                shared.add(u);
            }
        }
        long t = total - agreed;
        if (total < 0 || t < 0 || (shared.isEmpty() && t != 0)) {
            throw new IllegalArgumentException("agreed quotas of " + groupName + " add up to " + agreed
                    + ", which does not fit the total " + total);
        }

        long sumP = 0;
        long sumI = 0;
        long sumF = 0;
        for (Unit u : shared) {
            sumP = Math.addExact(sumP, u.population());
            sumI = Math.addExact(sumI, u.immigrantsAndRefugees());
            sumF = Math.addExact(sumF, u.familyReunified());
        }
        if (!shared.isEmpty() && sumP == 0) {
            throw new QuotaInputException("the population of " + groupName + " adds up to 0, so the key cannot share "
                    + t + " among its units");
        }

        // when no one in the group counts as an immigrant, i = p (docs/QUOTA-KEY.md, "The
        // key", step 1)
        boolean noImmigrants = sumI == 0;
        BigInteger bigP = BigInteger.valueOf(sumP);
        BigInteger bigI = BigInteger.valueOf(noImmigrants ? sumP : sumI);
        BigInteger d = bigP.multiply(bigI);
        BigInteger bigT = BigInteger.valueOf(t);
        BigInteger spread = BigInteger.valueOf(t + sumF); // T + ΣF

        int n = shared.size();
        BigInteger[] a = new BigInteger[n]; // a_u · D
        BigInteger[] f = new BigInteger[n]; // f_u · D
        BigInteger positive = BigInteger.ZERO; // Σ(f > 0) · D
        for (int k = 0; k < n; k++) {
            Unit u = shared.get(k);
            BigInteger p = BigInteger.valueOf(u.population());
            BigInteger i = BigInteger.valueOf(noImmigrants ? u.population() : u.immigrantsAndRefugees());
            a[k] = BigInteger.TWO.multiply(p).multiply(bigI).subtract(i.multiply(bigP));
            f[k] = a[k].multiply(spread).subtract(BigInteger.valueOf(u.familyReunified()).multiply(d));
            if (f[k].signum() > 0) {
                positive = positive.add(f[k]);
            }
        }

        // e_u = f_u · T / Σ(f > 0) = (f_u·D) · T / (Σ(f > 0)·D): floors and remainders on
        // integers
        long[] quota = new long[n];
        BigInteger[] remainder = new BigInteger[n];
        long floors = 0;
        for (int k = 0; k < n; k++) {
            if (f[k].signum() > 0) {
                BigInteger[] qr = f[k].multiply(bigT).divideAndRemainder(positive);
                quota[k] = qr[0].longValueExact();
                remainder[k] = qr[1];
            }
            else {
                remainder[k] = BigInteger.ZERO;
            }
            floors += quota[k];
        }
        long left = t - floors;
        // largest remainder first; equal remainders to the lower code first (our rule)
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order,
                Comparator.<Integer, BigInteger>comparing(k -> remainder[k])
                    .reversed()
                    .thenComparingInt(k -> shared.get(k).code()));
        for (int r = 0; r < left; r++) {
            quota[order[r]]++;
        }

        BigDecimal dec = new BigDecimal(d);
        BigDecimal positiveDec = new BigDecimal(positive);
        List<KeyLine> lines = new ArrayList<>(sorted.size());
        int k = 0;
        for (Unit u : sorted) {
            if (u.agreedQuota() != null) {
                lines.add(new KeyLine(u.code(), u.population(), u.immigrantsAndRefugees(), u.familyReunified(), true,
                        null, null, null, null, null, null, u.agreedQuota()));
                continue;
            }
            BigDecimal p = ratio(u.population(), sumP);
            BigDecimal i = noImmigrants ? p : ratio(u.immigrantsAndRefugees(), sumI);
            BigDecimal scaled = f[k].signum() > 0 ? new BigDecimal(f[k].multiply(bigT)).divide(positiveDec, DISPLAY)
                    : BigDecimal.ZERO;
            lines.add(new KeyLine(u.code(), u.population(), u.immigrantsAndRefugees(), u.familyReunified(), false, p, i,
                    new BigDecimal(a[k]).divide(dec, DISPLAY),
                    new BigDecimal(a[k].multiply(spread)).divide(dec, DISPLAY),
                    new BigDecimal(f[k]).divide(dec, DISPLAY), scaled, quota[k]));
            k++;
        }
        BigDecimal positiveSum = shared.isEmpty() ? BigDecimal.ZERO : positiveDec.divide(dec, DISPLAY);
        return new KeyGroup(groupCode, total, agreed, t, sumP, sumI, sumF, positiveSum, lines);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), DISPLAY);
    }

}
