package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.quota.model.Agreement;
import dk.udlaendinge.batch.quota.model.KeyGroup;
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.MunicipalityFigures;
import dk.udlaendinge.batch.quota.model.QuotaCalculator;
import dk.udlaendinge.batch.quota.model.QuotaInputException;
import dk.udlaendinge.batch.quota.model.QuotaResult;

/**
 * The worked example of docs/QUOTA-KEY.md, to the last printed figure, and the listed
 * errors.
 */
class QuotaCalculatorTests {

    static final List<MunicipalityFigures> EXAMPLE = List.of(
            new MunicipalityFigures(461, 1083, 200000, 15000, 120, "example line 2"),
            new MunicipalityFigures(563, 1083, 3000, 60, 0, "example line 3"),
            new MunicipalityFigures(607, 1083, 50000, 3500, 30, "example line 4"),
            new MunicipalityFigures(101, 1084, 600000, 150000, 300, "example line 5"),
            new MunicipalityFigures(147, 1084, 100000, 9000, 40, "example line 6"),
            new MunicipalityFigures(183, 1084, 21000, 7000, 30, "example line 7"),
            new MunicipalityFigures(219, 1084, 50000, 2500, 20, "example line 8"));

    @Test
    void workedExampleRegions() {
        QuotaResult r = QuotaCalculator.compute(1000, EXAMPLE, List.of());
        KeyGroup g = r.regions();
        assertThat(g.population()).isEqualTo(1_024_000);
        assertThat(g.immigrantsAndRefugees()).isEqualTo(187_060);
        assertThat(g.familyReunified()).isEqualTo(540);
        assertRow(g.line(1083), 253000, 18560, 150, "24.7070", "9.9220", "39.4921", "608.1785", "458.1785", null, 458);
        assertRow(g.line(1084), 771000, 168500, 390, "75.2930", "90.0780", "60.5079", "931.8215", "541.8215", null,
                542);
    }

    @Test
    void workedExampleMunicipalities() {
        QuotaResult r = QuotaCalculator.compute(1000, EXAMPLE, List.of());
        assertRow(r.region(1083).line(461), 200000, 15000, 120, "79.0514", "80.8190", "77.2838", "469.8855", "349.8855",
                "349.8855", 350);
        assertRow(r.region(1083).line(563), 3000, 60, 0, "1.1858", "0.3233", "2.0483", "12.4535", "12.4535", "12.4535",
                12);
        assertRow(r.region(1083).line(607), 50000, 3500, 30, "19.7628", "18.8578", "20.6679", "125.6610", "95.6610",
                "95.6610", 96);
        assertRow(r.region(1084).line(101), 600000, 150000, 300, "77.8210", "89.0208", "66.6213", "620.9101",
                "320.9101", "310.6241", 311);
        assertRow(r.region(1084).line(147), 100000, 9000, 40, "12.9702", "5.3412", "20.5991", "191.9835", "151.9835",
                "147.1121", 147);
        assertRow(r.region(1084).line(183), 21000, 7000, 30, "2.7237", "4.1543", "1.2932", "12.0523", "-17.9477",
                "0.0000", 0);
        assertRow(r.region(1084).line(219), 50000, 2500, 20, "6.4851", "1.4837", "11.4865", "107.0541", "87.0541",
                "84.2638", 84);
        assertThat(r.region(1084).scaled()).isTrue();
        assertThat(r.region(1083).scaled()).isFalse();
        assertThat(r.quotas().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
    }

    @Test
    void workedExampleWithAgreement() {
        QuotaResult r = QuotaCalculator.compute(1000, EXAMPLE,
                List.of(new Agreement(Agreement.Level.MUNICIPALITY, 219, 150, "agreements line 2")));
        KeyGroup g = r.region(1084);
        assertThat(g.total()).isEqualTo(542);
        assertThat(g.agreedTotal()).isEqualTo(150);
        assertThat(g.sharedTotal()).isEqualTo(392);
        assertThat(g.line(219).agreed()).isTrue();
        assertThat(g.line(219).quota()).isEqualTo(150);
        assertThat(g.line(219).distributionShare()).isNull();
        assertThat(g.line(101).quota()).isEqualTo(268);
        assertThat(g.line(147).quota()).isEqualTo(124);
        assertThat(g.line(183).quota()).isEqualTo(0);
        // region 1083 is unchanged
        assertThat(r.region(1083).lines()).extracting(KeyLine::quota).containsExactly(350L, 12L, 96L);
        assertThat(r.regions().line(1084).quota()).isEqualTo(542);
    }

    @Test
    void agreedRegionQuota() {
        QuotaResult r = QuotaCalculator.compute(1000, EXAMPLE,
                List.of(new Agreement(Agreement.Level.REGION, 1083, 400, "agreements line 2")));
        assertThat(r.regions().line(1083).quota()).isEqualTo(400);
        assertThat(r.regions().line(1083).agreed()).isTrue();
        assertThat(r.regions().line(1084).quota()).isEqualTo(600);
        assertThat(r.region(1083).lines().stream().mapToLong(KeyLine::quota).sum()).isEqualTo(400);
    }

    @Test
    void noImmigrantsMeansPopulationShare() {
        QuotaResult r = QuotaCalculator.compute(10, List.of(new MunicipalityFigures(101, 1084, 300, 0, 0, "l2"),
                new MunicipalityFigures(147, 1084, 100, 0, 0, "l3")), List.of());
        assertThat(r.region(1084).line(101).immigrantShare()).isEqualByComparingTo("0.75");
        assertThat(r.region(1084).line(101).scaled()).isEqualByComparingTo("7.5");
        // equal fractions (.5 and .5): the lower code gets the extra refugee
        assertThat(r.quotas()).containsEntry(101, 8L).containsEntry(147, 2L);
    }

    @Test
    void tiesGoToTheLowerCode() {
        QuotaResult r = QuotaCalculator.compute(1, List.of(new MunicipalityFigures(147, 1084, 100, 10, 0, "l2"),
                new MunicipalityFigures(101, 1084, 100, 10, 0, "l3")), List.of());
        assertThat(r.quotas()).containsEntry(101, 1L).containsEntry(147, 0L);
    }

    @Test
    void errorsNameTheLineAndTheMunicipality() {
        assertThatThrownBy(() -> QuotaCalculator.compute(10,
                List.of(new MunicipalityFigures(101, 1084, 100, 101, 0, "stats.csv line 2")), List.of()))
            .isInstanceOf(QuotaInputException.class)
            .hasMessageContaining("stats.csv line 2")
            .hasMessageContaining("101 København")
            .hasMessageContaining("more immigrants");
        assertThatThrownBy(() -> QuotaCalculator.compute(10,
                List.of(new MunicipalityFigures(101, 1084, 100, 1, -1, "stats.csv line 2")), List.of()))
            .hasMessageContaining("negative");
        assertThatThrownBy(() -> QuotaCalculator.compute(10,
                List.of(new MunicipalityFigures(101, 1084, 100, 1, 0, "stats.csv line 2"),
                        new MunicipalityFigures(101, 1084, 100, 1, 0, "stats.csv line 3")),
                List.of()))
            .hasMessageContaining("stats.csv line 3")
            .hasMessageContaining("second time");
        assertThatThrownBy(() -> QuotaCalculator.compute(1000, EXAMPLE,
                List.of(new Agreement(Agreement.Level.MUNICIPALITY, 219, 543, "agreements.csv line 2"))))
            .hasMessageContaining("agreements.csv line 2")
            .hasMessageContaining("more than the quota 542 of region 1084");
        assertThatThrownBy(() -> QuotaCalculator.compute(1000, EXAMPLE,
                List.of(new Agreement(Agreement.Level.REGION, 1083, 400, "agreements.csv line 2"),
                        new Agreement(Agreement.Level.REGION, 1084, 500, "agreements.csv line 3"))))
            .hasMessageContaining("agreements.csv lines 2, 3:")
            .hasMessageContaining("add up to 900 instead of the national figure 1000");
        assertThatThrownBy(() -> QuotaCalculator.compute(1000, EXAMPLE,
                List.of(new Agreement(Agreement.Level.REGION, 1085, 10, "agreements.csv line 2"))))
            .hasMessageContaining("unknown region");
    }

    private static void assertRow(KeyLine l, long p, long i, long f, String pPct, String iPct, String aPct, String c,
            String prelim, String scaled, long quota) {
        assertThat(l.population()).isEqualTo(p);
        assertThat(l.immigrantsAndRefugees()).isEqualTo(i);
        assertThat(l.familyReunified()).isEqualTo(f);
        assertThat(percent(l.populationShare())).isEqualTo(pPct);
        assertThat(percent(l.immigrantShare())).isEqualTo(iPct);
        assertThat(percent(l.distributionShare())).isEqualTo(aPct);
        assertThat(figure(l.computed())).isEqualTo(c);
        assertThat(figure(l.preliminary())).isEqualTo(prelim);
        if (scaled != null) {
            assertThat(figure(l.scaled())).isEqualTo(scaled);
        }
        assertThat(l.quota()).isEqualTo(quota);
    }

    static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    static String figure(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

}
