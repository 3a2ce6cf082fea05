package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.quota.model.Agreement;
import dk.udlaendinge.batch.quota.model.KeyGroup;
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.MunicipalityFigures;
import dk.udlaendinge.batch.quota.model.QuotaCalculator;
import dk.udlaendinge.batch.quota.model.QuotaResult;

/**
 * Properties of the method over many random inputs for the 98 municipalities (seeded:
 * reproducible).
 */
class QuotaPropertyTests {

    private static final int CASES = 400;

    @Test
    void propertiesHoldOverRandomInputs() {
        Random random = new Random(20141201L);
        int zeroed = 0;
        int agreed = 0;
        for (int n = 0; n < CASES; n++) {
            long seed = random.nextLong();
            Case c = randomCase(new Random(seed));
            QuotaResult r = QuotaCalculator.compute(c.national, c.figures, c.agreements);
            String tag = "case seed " + seed;

            Map<Integer, Long> quotas = r.quotas();
            assertThat(quotas).as(tag).hasSize(98);
            assertThat(quotas.values()).as(tag).allMatch(q -> q >= 0);
            assertThat(sum(quotas.values())).as(tag).isEqualTo(c.national);
            assertThat(r.regions().lines().stream().mapToLong(KeyLine::quota).sum()).as(tag).isEqualTo(c.national);
            for (KeyLine region : r.regions().lines()) {
                assertThat(region.quota()).as(tag).isNotNegative();
                assertThat(r.region(region.code()).lines().stream().mapToLong(KeyLine::quota).sum())
                    .as(tag + " region " + region.code())
                    .isEqualTo(region.quota());
            }
            for (Agreement a : c.agreements) {
                KeyLine line = a.level() == Agreement.Level.REGION ? r.regions().line(a.code())
                        : r.region(r.regionOf(a.code())).line(a.code());
                assertThat(line.agreed()).as(tag).isTrue();
                assertThat(line.quota()).as(tag + " agreed " + a).isEqualTo(a.quota());
                agreed++;
            }
            for (KeyGroup g : r.municipalities().values()) {
                for (KeyLine l : g.lines()) {
                    if (!l.agreed() && l.preliminary().signum() < 0) {
                        assertThat(l.quota()).as(tag + " zeroed " + l.code()).isZero();
                        zeroed++;
                    }
                    if (!l.agreed()) {
                        // rounding moves a unit by less than one refugee
                        assertThat(l.scaled().subtract(java.math.BigDecimal.valueOf(l.quota())).abs()).as(tag)
                            .isLessThan(java.math.BigDecimal.ONE);
                    }
                }
            }
            // same inputs, in any order, give the same result
            List<MunicipalityFigures> shuffled = new ArrayList<>(c.figures);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(QuotaCalculator.compute(c.national, shuffled, c.agreements)).as(tag).isEqualTo(r);
        }
        // the generator must reach the interesting paths, or the properties prove little
        assertThat(zeroed).isGreaterThan(CASES);
        assertThat(agreed).isGreaterThan(CASES / 4);
    }

    private record Case(long national, List<MunicipalityFigures> figures, List<Agreement> agreements) {
    }

    private static Case randomCase(Random random) {
        long national = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(10);
            case 1 -> random.nextInt(200);
            default -> 1000 + random.nextInt(20000);
        };
        List<MunicipalityFigures> figures = new ArrayList<>();
        for (Municipality m : Municipalities.all().list()) {
            long p = 1 + random.nextInt(random.nextBoolean() ? 5000 : 600_000);
            // some municipalities with many immigrants and many reunified: negative
            // preliminary figures
            long i = random.nextInt(10) == 0 ? p * (30 + random.nextInt(70)) / 100
                    : (long) (p * random.nextDouble() * 0.15);
            long f = random.nextInt(6) == 0 ? random.nextInt(2000) : random.nextInt(100);
            figures.add(new MunicipalityFigures(m.kommunekode(), m.regionCode(), p, i, f, "line " + m.kommunekode()));
        }
        List<Agreement> agreements = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            // agree one region at up to a third of the total, and a municipality in
            // another region at 0..3
            int region = 1081 + random.nextInt(5);
            agreements.add(new Agreement(Agreement.Level.REGION, region, random.nextLong(national / 3 + 1), "a1"));
            MunicipalityFigures m = figures.get(random.nextInt(figures.size()));
            // an agreed municipal quota must fit in its region's quota
            long regionQuota = QuotaCalculator.compute(national, figures, agreements)
                .regions()
                .line(m.regionCode())
                .quota();
            agreements
                .add(new Agreement(Agreement.Level.MUNICIPALITY, m.code(), random.nextLong(regionQuota + 1), "a2"));
        }
        // a municipality agreed at 0 must stay 0
        if (random.nextInt(4) == 0) {
            MunicipalityFigures m = figures.get(random.nextInt(figures.size()));
            if (agreements.stream().noneMatch(a -> a.code() == m.code())) {
                agreements.add(new Agreement(Agreement.Level.MUNICIPALITY, m.code(), 0, "a3"));
            }
        }
        return new Case(national, figures, agreements);
    }

    private static long sum(java.util.Collection<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

}
