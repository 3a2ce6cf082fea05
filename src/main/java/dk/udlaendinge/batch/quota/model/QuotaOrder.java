package dk.udlaendinge.batch.quota.model;

import java.util.Comparator;
import java.util.List;

/**
 * The orders (bekendtgørelser) that have governed the refugee quotas, as dated data:
 * which order governs a quota year decides which key computes it. Adding an order is one
 * entry in {@link #ALL} and a test on both sides of its first year. docs/QUOTA-KEY.md
 * shows the same table with its sources, and says where a date could not be confirmed.
 *
 * <p>
 * A quota year Y is computed from the national figure announced by 1 May of Y − 1 (bek.
 * nr. 50/2008 § 2, bek. nr. 550/2022 § 2), so the order that governs Y is the one in
 * force when Y's figure and quotas were set, not the one in force during Y.
 *
 * @param title the order as the method sheet names it, in Danish
 * @param shortName a short name for messages and logs, e.g. "bek. nr. 550/2022"
 * @param firstQuotaYear the first quota year it governs; it governs every year until the
 * next entry's
 * @param key which key it prescribes
 * @param keyParagraphs where in the order the key is, in Danish (e.g. "regionskvoter § 5,
 * kommunekvoter § 9")
 * @param sources where the order and its first quota year were found (docs/QUOTA-KEY.md)
 */
public record QuotaOrder(String title, String shortName, int firstQuotaYear, Key key, String keyParagraphs,
        List<String> sources) {

    /** The two keys the orders have prescribed. */
    public enum Key {

        /**
         * The regions share the national figure, then each region's municipalities share
         * its quota; regional quotas may be agreed by the municipal contact councils
         * (KKR).
         */
        TWO_STAGE,
        /**
         * All 98 municipalities share the national figure at once; a region's quota is
         * the sum of its municipalities' figures, and regional agreements do not exist.
         */
        NATIONAL

    }

    public QuotaOrder {
        sources = List.copyOf(sources);
    }

    /** Every order, oldest first. */
    public static final List<QuotaOrder> ALL = List.of(new QuotaOrder(
            "Bekendtgørelse nr. 50 af 18. januar 2008 om boligplacering af flygtninge", "bek. nr. 50/2008", 2009,
            Key.TWO_STAGE, "regionskvoter § 5, kommunekvoter § 9, opgørelser § 11",
            List.of("retsinformation.dk: bek. nr. 50 af 18. januar 2008, ændret ved bek. nr. 1528 af 11. december 2015 "
                    + "(§ 11 om opgørelserne) og bekendtgørelsen i kraft 25. december 2015 (kapitel 7 a)",
                    "first quota year 2009: the first national figure announced under it (by 1 May 2008, § 2)")),
            new QuotaOrder(
                    "Bekendtgørelse om boligplacering af flygtninge udstedt i medfør af integrationsloven "
                            + "som ændret ved lov nr. 1705 af 21. december 2015 (afløste bek. nr. 50/2008)",
                    "bekendtgørelsen om boligplacering af flygtninge (efter lov nr. 1705/2015)", 2017, Key.TWO_STAGE,
                    "regionskvoter kapitel 3, kommunekvoter kapitel 4, opgørelser § 11",
                    List.of("retsinformation.dk, dokument id 183360: same chapters and two-stage key as bek. nr. 50/2008; "
                            + "its number and date were not found",
                            "first quota year 2017 is ASSUMED (the earliest possible: it was issued after 25 December 2015, "
                                    + "and the 2017 figure was announced in spring 2016); nyidanmark.dk 18 April 2017 and "
                                    + "19 April 2018 confirm regional quotas were still agreed/fixed for 2017 and 2018")),
            new QuotaOrder("Bekendtgørelse nr. 550 af 3. maj 2022 om boligplacering af flygtninge", "bek. nr. 550/2022",
                    2023, Key.NATIONAL,
                    "§ 4 (regionskvoter som summen af kommunernes fordelingstal), "
                            + "aftalte kommunekvoter § 5, opgørelser § 8",
                    List.of("retsinformation.dk / elov.dk: bek. nr. 550 af 3. maj 2022, ændret ved bek. nr. 1259 af 9. september 2022, § 4",
                            "first quota year 2023: us.dk 6 October 2022 'Kommunekvoter for 2023 er fastsat' (quotas computed by "
                                    + "the agency in April 2022, KKR only agreeing municipal quotas) and Rebild Kommune's notice of "
                                    + "the 2023 figure (regional quotas fixed by the agency, municipal agreements by 10 September 2022)")));

    /**
     * The order that governs quota year {@code year}; a year before the first entry is an
     * input error.
     */
    public static QuotaOrder governing(int year) {
        return ALL.stream()
            .filter(o -> o.firstQuotaYear() <= year)
            .max(Comparator.comparingInt(QuotaOrder::firstQuotaYear))
            .orElseThrow(() -> new QuotaInputException(
                    "no order in our table governs quota year " + year + ": the earliest is " + ALL.get(0).shortName()
                            + ", from quota year " + ALL.get(0).firstQuotaYear() + " (docs/QUOTA-KEY.md)"));
    }

    /** The last quota year this order governs, or {@code null} while it is the newest. */
    public Integer lastQuotaYear() {
        return ALL.stream()
            .map(QuotaOrder::firstQuotaYear)
            .filter(y -> y > firstQuotaYear)
            .min(Integer::compare)
            .map(y -> y - 1)
            .orElse(null);
    }
}
