package dk.udlaendinge.batch.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.quota.model.Agreement;
import dk.udlaendinge.batch.quota.model.KeyGroup;
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.QuotaCalculator;
import dk.udlaendinge.batch.quota.model.QuotaInputException;
import dk.udlaendinge.batch.quota.model.QuotaInputs;
import dk.udlaendinge.batch.quota.model.QuotaOrder;
import dk.udlaendinge.batch.quota.model.QuotaResult;

/**
 * Which order computes a quota year, and the national key of bek. nr. 550/2022 § 4: the
 * worked example's seven municipalities as one country (figures computed by hand with
 * exact fractions, docs/QUOTA-KEY.md), and the same 98 municipalities on both sides of
 * the switch to 2023.
 */
class QuotaOrderTests {

    @TempDir
    Path dir;

    @Test
    void eachYearIsComputedByTheOrderThatGovernsIt() {
        assertThat(QuotaOrder.governing(2009).shortName()).isEqualTo("bek. nr. 50/2008");
        assertThat(QuotaOrder.governing(2015).shortName()).isEqualTo("bek. nr. 50/2008");
        assertThat(QuotaOrder.governing(2016).shortName()).isEqualTo("bek. nr. 50/2008");
        assertThat(QuotaOrder.governing(2017).key()).isEqualTo(QuotaOrder.Key.TWO_STAGE);
        assertThat(QuotaOrder.governing(2022).key()).isEqualTo(QuotaOrder.Key.TWO_STAGE);
        assertThat(QuotaOrder.governing(2023).shortName()).isEqualTo("bek. nr. 550/2022");
        assertThat(QuotaOrder.governing(2023).key()).isEqualTo(QuotaOrder.Key.NATIONAL);
        assertThat(QuotaOrder.governing(2040).key()).isEqualTo(QuotaOrder.Key.NATIONAL);
        assertThat(QuotaOrder.governing(2015).lastQuotaYear()).isEqualTo(2016);
        assertThat(QuotaOrder.governing(2023).lastQuotaYear()).isNull();
        assertThatThrownBy(() -> QuotaOrder.governing(2008)).isInstanceOf(QuotaInputException.class)
            .hasMessageContaining("no order in our table governs quota year 2008");
        // every order says where it was found
        assertThat(QuotaOrder.ALL).allSatisfy(o -> assertThat(o.sources()).isNotEmpty());
    }

    @Test
    void theWorkedExampleAsOneCountryUnderTheNationalKey() {
        QuotaResult r = QuotaCalculator.compute(QuotaOrder.governing(2023), 1000, QuotaCalculatorTests.EXAMPLE,
                List.of());
        KeyGroup country = r.country();
        assertThat(country.population()).isEqualTo(1_024_000);
        assertThat(country.immigrantsAndRefugees()).isEqualTo(187_060);
        assertThat(country.familyReunified()).isEqualTo(540);
        // p and i are shares of the whole country now, a = 2p − i, c = a · (1000 + 540)
        assertRow(country.line(101), "58.5938", "80.1882", "36.9993", "569.7896", "269.7896", "263.3470", 263);
        assertRow(country.line(147), "9.7656", "4.8113", "14.7200", "226.6874", "186.6874", "182.2292", 182);
        assertRow(country.line(183), "2.0508", "3.7421", "0.3594", "5.5355", "-24.4645", "0.0000", 0);
        assertRow(country.line(219), "4.8828", "1.3365", "8.4292", "129.8090", "109.8090", "107.1867", 107);
        assertRow(country.line(461), "19.5313", "8.0188", "31.0437", "478.0727", "358.0727", "349.5218", 350);
        assertRow(country.line(563), "0.2930", "0.0321", "0.5539", "8.5295", "8.5295", "8.3258", 8);
        assertRow(country.line(607), "4.8828", "1.8711", "7.8946", "121.5763", "91.5763", "89.3895", 90);
        // a region's quota is the sum of its municipalities': no longer 458 / 542
        assertThat(r.regions().line(1083).quota()).isEqualTo(350 + 8 + 90).isEqualTo(448);
        assertThat(r.regions().line(1084).quota()).isEqualTo(263 + 182 + 0 + 107).isEqualTo(552);
        assertThat(r.region(1084).lines()).extracting(KeyLine::code).containsExactly(101, 147, 183, 219);
        assertThat(r.keyGroupOf(563)).isSameAs(country);
        assertThat(r.quotas().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);

        // the two-stage key on the same figures still gives the worked example's 458 /
        // 542
        QuotaResult old = QuotaCalculator.compute(QuotaOrder.governing(2022), 1000, QuotaCalculatorTests.EXAMPLE,
                List.of());
        assertThat(old.regions().line(1083).quota()).isEqualTo(458);
        assertThat(old.country()).isNull();
    }

    @Test
    void anAgreedMunicipalQuotaIsTakenOutOfTheWholeCountry() {
        QuotaResult r = QuotaCalculator.compute(QuotaOrder.governing(2023), 1000, QuotaCalculatorTests.EXAMPLE,
                List.of(new Agreement(Agreement.Level.MUNICIPALITY, 219, 150, "agreements.csv line 2")));
        assertThat(r.country().sharedTotal()).isEqualTo(850);
        assertThat(r.quotas()).containsExactlyInAnyOrderEntriesOf(
                Map.of(101, 267L, 147, 170L, 183, 0L, 219, 150L, 461, 323L, 563, 8L, 607, 82L));
        assertThat(r.country().line(219).agreed()).isTrue();
    }

    @Test
    void aRegionalAgreementIsRefusedForAYearUnderTheNationalKey() {
        List<Agreement> regional = List
            .of(new Agreement(Agreement.Level.REGION, 1083, 400, "agreements-2023.csv line 2"));
        assertThatThrownBy(
                () -> QuotaCalculator.compute(QuotaOrder.governing(2023), 1000, QuotaCalculatorTests.EXAMPLE, regional))
            .isInstanceOf(QuotaInputException.class)
            .hasMessageStartingWith(
                    "agreements-2023.csv line 2: a regional quota cannot be agreed under bek. nr. 550/2022")
            .hasMessageContaining("sum of its municipalities");
        // the year before the switch still takes it
        assertThat(QuotaCalculator.compute(QuotaOrder.governing(2022), 1000, QuotaCalculatorTests.EXAMPLE, regional)
            .regions()
            .line(1083)
            .quota()).isEqualTo(400);
    }

    @Test
    void the98MunicipalitiesOnBothSidesOfTheSwitch() throws IOException {
        Path stats = dir.resolve("statistics.csv");
        try (InputStream in = QuotaRequests.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
            Files.write(stats, in.readAllBytes());
        }
        QuotaResult before = QuotaInputs.read(2022, 4000, stats, null).compute();
        QuotaResult after = QuotaInputs.read(2023, 4000, stats, null).compute();
        assertThat(before.order().firstQuotaYear()).isLessThan(2023);
        assertThat(before.nationalKey()).isFalse();
        assertThat(after.nationalKey()).isTrue();
        assertThat(after.order().title()).contains("nr. 550 af 3. maj 2022");
        assertThat(after.quotas()).hasSize(98);
        assertThat(after.quotas().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4000);
        // the national key: every municipality's shares are of the whole country
        assertThat(after.country().population()).isEqualTo(before.regions().population());
        for (KeyLine region : after.regions().lines()) {
            assertThat(region.quota())
                .isEqualTo(after.region(region.code()).lines().stream().mapToLong(KeyLine::quota).sum());
        }
        // the switch changes the result: the two keys do not give the same quotas on
        // these figures
        assertThat(after.quotas()).isNotEqualTo(before.quotas());

        Path agreements = dir.resolve("agreements.csv");
        Files.writeString(agreements, "level;code;quota\nMUNICIPALITY;101;300\nREGION;1081;500\n");
        assertThat(QuotaInputs.read(2022, 4000, stats, agreements).compute().regions().line(1081).quota())
            .isEqualTo(500);
        assertThatThrownBy(() -> QuotaInputs.read(2023, 4000, stats, agreements).compute())
            .isInstanceOf(QuotaInputException.class)
            .hasMessageStartingWith(agreements + " line 3: a regional quota cannot be agreed");
    }

    private static void assertRow(KeyLine l, String pPct, String iPct, String aPct, String c, String prelim,
            String scaled, long quota) {
        assertThat(percent(l.populationShare())).as(l.code() + " p").isEqualTo(pPct);
        assertThat(percent(l.immigrantShare())).as(l.code() + " i").isEqualTo(iPct);
        assertThat(percent(l.distributionShare())).as(l.code() + " a").isEqualTo(aPct);
        assertThat(figure(l.computed())).as(l.code() + " c").isEqualTo(c);
        assertThat(figure(l.preliminary())).as(l.code() + " f").isEqualTo(prelim);
        assertThat(figure(l.scaled())).as(l.code() + " e").isEqualTo(scaled);
        assertThat(l.quota()).as(l.code() + " quota").isEqualTo(quota);
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    private static String figure(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

}
