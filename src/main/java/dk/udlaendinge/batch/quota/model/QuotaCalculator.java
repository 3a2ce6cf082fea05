package dk.udlaendinge.batch.quota.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dk.udlaendinge.batch.common.Municipalities;

/**
 * docs/QUOTA-KEY.md step by step, by the key of the order that governs the year
 * ({@link QuotaOrder}). The two-stage key (bek. nr. 50/2008): the regions share the
 * national figure (integrationsloven § 7, § 5 of the order), then the municipalities of
 * each region share its quota (§ 9). The national key (bek. nr. 550/2022 § 4): all
 * municipalities share the national figure at once, and a region's quota is the sum of
 * its municipalities'. Each time {@link DistributionKey} shares a total after the agreed
 * quotas are taken out. Plain Java, no Spring; the same inputs always give the same
 * result.
 *
 * <p>
 * Checks everything the method lists under "Errors, never silent" that can be seen from
 * the figures themselves; completeness against the 98 municipalities is the input
 * reader's job, so that tests can run the method on smaller, made-up groups such as the
 * worked example.
 */
public final class QuotaCalculator {

    private QuotaCalculator() {
    }

    /**
     * The two-stage key of bek. nr. 50/2008 (the key of the worked example in
     * docs/QUOTA-KEY.md).
     */
    public static QuotaResult compute(long nationalFigure, List<MunicipalityFigures> figures,
            List<Agreement> agreements) {
        return compute(QuotaOrder.ALL.get(0), nationalFigure, figures, agreements);
    }

    /** The key of {@code order}: see {@link QuotaOrder.Key}. */
    public static QuotaResult compute(QuotaOrder order, long nationalFigure, List<MunicipalityFigures> figures,
            List<Agreement> agreements) {
        if (nationalFigure < 0) {
            throw new QuotaInputException("the national figure must be 0 or more, was " + nationalFigure);
        }
        Map<Integer, MunicipalityFigures> byCode = new TreeMap<>();
        for (MunicipalityFigures m : figures) {
            checkCounts(m);
            MunicipalityFigures earlier = byCode.putIfAbsent(m.code(), m);
            if (earlier != null) {
                throw new QuotaInputException(m.origin() + ": municipality " + label(m.code())
                        + " appears a second time (first at " + earlier.origin() + ")");
            }
        }
        Map<Integer, List<MunicipalityFigures>> byRegion = byCode.values()
            .stream()
            .collect(Collectors.groupingBy(MunicipalityFigures::regionCode, TreeMap::new, Collectors.toList()));

        Map<Integer, Agreement> regionAgreed = new HashMap<>();
        Map<Integer, Agreement> municipalityAgreed = new HashMap<>();
        for (Agreement a : agreements) {
            if (a.quota() < 0) {
                throw new QuotaInputException(
                        a.origin() + ": agreed quota for " + describe(a) + " is negative: " + a.quota());
            }
            boolean region = a.level() == Agreement.Level.REGION;
            if (region && order.key() == QuotaOrder.Key.NATIONAL) {
                throw new QuotaInputException(a.origin() + ": a regional quota cannot be agreed under "
                        + order.shortName() + " (quota years from " + order.firstQuotaYear()
                        + "): a region's quota is the sum of its "
                        + "municipalities' figures (§ 4); remove the REGION line, or agree municipal quotas instead");
            }
            if (region ? !byRegion.containsKey(a.code()) : !byCode.containsKey(a.code())) {
                throw new QuotaInputException(a.origin() + ": agreement for unknown " + describe(a));
            }
            Agreement earlier = (region ? regionAgreed : municipalityAgreed).putIfAbsent(a.code(), a);
            if (earlier != null) {
                throw new QuotaInputException(a.origin() + ": a second agreement for " + describe(a) + " (first at "
                        + earlier.origin() + ")");
            }
        }

        if (order.key() == QuotaOrder.Key.NATIONAL) {
            return national(order, nationalFigure, byCode, byRegion, municipalityAgreed);
        }

        // regions share the national figure
        List<DistributionKey.Unit> regionUnits = new ArrayList<>();
        byRegion.forEach((code, members) -> {
            Agreement a = regionAgreed.get(code);
            regionUnits
                .add(new DistributionKey.Unit(code, members.stream().mapToLong(MunicipalityFigures::population).sum(),
                        members.stream().mapToLong(MunicipalityFigures::immigrantsAndRefugees).sum(),
                        members.stream().mapToLong(MunicipalityFigures::familyReunified).sum(),
                        a == null ? null : a.quota()));
        });
        checkAgreements(regionAgreed.values(), byRegion.size(), nationalFigure, "the national figure " + nationalFigure,
                "the " + byRegion.size() + " regions");
        KeyGroup regions = DistributionKey.distribute(0, "the country", nationalFigure, regionUnits);

        // each region's municipalities share its quota
        Map<Integer, KeyGroup> municipalities = new LinkedHashMap<>();
        byRegion.forEach((regionCode, members) -> {
            long regionQuota = regions.line(regionCode).quota();
            List<Agreement> agreedHere = members.stream()
                .map(m -> municipalityAgreed.get(m.code()))
                .filter(a -> a != null)
                .toList();
            checkAgreements(agreedHere, members.size(), regionQuota,
                    "the quota " + regionQuota + " of region " + regionLabel(regionCode),
                    "the " + members.size() + " municipalities of region " + regionLabel(regionCode));
            List<DistributionKey.Unit> units = members.stream().map(m -> {
                Agreement a = municipalityAgreed.get(m.code());
                return new DistributionKey.Unit(m.code(), m.population(), m.immigrantsAndRefugees(),
                        m.familyReunified(), a == null ? null : a.quota());
            }).toList();
            municipalities.put(regionCode,
                    DistributionKey.distribute(regionCode, "region " + regionLabel(regionCode), regionQuota, units));
        });
        return new QuotaResult(order, nationalFigure, regions, municipalities, null);
    }

    /**
     * Bek. nr. 550/2022 § 4: the key runs once over every municipality with T = L (agreed
     * municipal quotas taken out first), and each region's line is the sum of its
     * municipalities' lines. The region groups are views of the country's group for the
     * tables: their sums are the region's part of the country's figures, not a key of
     * their own.
     */
    private static QuotaResult national(QuotaOrder order, long nationalFigure, Map<Integer, MunicipalityFigures> byCode,
            Map<Integer, List<MunicipalityFigures>> byRegion, Map<Integer, Agreement> municipalityAgreed) {
        checkAgreements(municipalityAgreed.values(), byCode.size(), nationalFigure,
                "the national figure " + nationalFigure, "the " + byCode.size() + " municipalities");
        List<DistributionKey.Unit> units = byCode.values().stream().map(m -> {
            Agreement a = municipalityAgreed.get(m.code());
            return new DistributionKey.Unit(m.code(), m.population(), m.immigrantsAndRefugees(), m.familyReunified(),
                    a == null ? null : a.quota());
        }).toList();
        KeyGroup country = DistributionKey.distribute(0, "the country", nationalFigure, units);

        Map<Integer, KeyGroup> municipalities = new LinkedHashMap<>();
        List<KeyLine> regionLines = new ArrayList<>();
        byRegion.forEach((regionCode, members) -> {
            List<KeyLine> lines = members.stream().map(m -> country.line(m.code())).toList();
            KeyGroup view = sumOf(regionCode, lines);
            municipalities.put(regionCode, view);
            KeyLine sum = sumLine(regionCode, lines);
            regionLines.add(sum);
        });
        KeyGroup regions = new KeyGroup(0, country.total(), country.agreedTotal(), country.sharedTotal(),
                country.population(), country.immigrantsAndRefugees(), country.familyReunified(),
                country.positivePreliminarySum(), regionLines);
        return new QuotaResult(order, nationalFigure, regions, municipalities, country);
    }

    /**
     * A region's municipalities as a group of their own for the tables: totals are sums
     * of their lines.
     */
    private static KeyGroup sumOf(int regionCode, List<KeyLine> lines) {
        long total = 0;
        long agreed = 0;
        long p = 0;
        long i = 0;
        long f = 0;
        java.math.BigDecimal positive = java.math.BigDecimal.ZERO;
        for (KeyLine l : lines) {
            total += l.quota();
            if (l.agreed()) {
                agreed += l.quota();
                continue;
            }
            p += l.population();
            i += l.immigrantsAndRefugees();
            f += l.familyReunified();
            if (l.preliminary().signum() > 0) {
                positive = positive.add(l.preliminary());
            }
        }
        return new KeyGroup(regionCode, total, agreed, total - agreed, p, i, f, positive, lines);
    }

    /**
     * A region's line under the national key: every count, share and figure summed over
     * its municipalities.
     */
    private static KeyLine sumLine(int regionCode, List<KeyLine> lines) {
        long p = 0;
        long i = 0;
        long f = 0;
        long quota = 0;
        java.math.BigDecimal[] sums = new java.math.BigDecimal[6];
        java.util.Arrays.fill(sums, java.math.BigDecimal.ZERO);
        for (KeyLine l : lines) {
            p += l.population();
            i += l.immigrantsAndRefugees();
            f += l.familyReunified();
            quota += l.quota();
            if (!l.agreed()) {
                java.math.BigDecimal[] v = { l.populationShare(), l.immigrantShare(), l.distributionShare(),
                        l.computed(), l.preliminary(), l.scaled() };
                for (int k = 0; k < v.length; k++) {
                    sums[k] = sums[k].add(v[k]);
                }
            }
        }
        return new KeyLine(regionCode, p, i, f, false, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], quota);
    }

    private static void checkCounts(MunicipalityFigures m) {
        String where = m.origin() + ": municipality " + label(m.code());
        if (m.population() < 0 || m.immigrantsAndRefugees() < 0 || m.familyReunified() < 0) {
            throw new QuotaInputException(
                    where + " has a negative count (population " + m.population() + ", immigrants and refugees "
                            + m.immigrantsAndRefugees() + ", family-reunified " + m.familyReunified() + ")");
        }
        if (m.immigrantsAndRefugees() > m.population()) {
            throw new QuotaInputException(where + " has more immigrants and refugees (" + m.immigrantsAndRefugees()
                    + ") than inhabitants (" + m.population() + ")");
        }
    }

    /**
     * Agreed quotas may not exceed what they are taken from, and must make it up when
     * every unit is agreed.
     */
    private static void checkAgreements(java.util.Collection<Agreement> agreed, int units, long total, String what,
            String unitsName) {
        if (agreed.isEmpty()) {
            return;
        }
        long sum = agreed.stream().mapToLong(Agreement::quota).sum();
        String lines = origins(agreed);
        if (sum > total) {
            throw new QuotaInputException(
                    lines + ": the agreed quotas add up to " + sum + ", more than " + what + " they are taken from");
        }
        if (agreed.size() == units && sum != total) {
            throw new QuotaInputException(lines + ": every one of " + unitsName
                    + " has an agreed quota, but they add up to " + sum + " instead of " + what);
        }
    }

    /** "agreements.csv lines 2, 3" rather than the file name once per line. */
    private static String origins(java.util.Collection<Agreement> agreed) {
        List<String> all = agreed.stream()
            .map(Agreement::origin)
            .sorted(java.util.Comparator.comparing((String o) -> o.replaceAll(" line [0-9]+$", ""))
                .thenComparing(String::length)
                .thenComparing(java.util.Comparator.naturalOrder()))
            .toList();
        String first = all.get(0);
        int cut = first.lastIndexOf(" line ");
        String file = cut < 0 ? null : first.substring(0, cut);
        if (all.size() > 1 && file != null
                && all.stream().allMatch(o -> o.matches(java.util.regex.Pattern.quote(file) + " line [0-9]+"))) {
            return file + " lines "
                    + all.stream().map(o -> o.substring(cut + " line ".length())).collect(Collectors.joining(", "));
        }
        return String.join(", ", all);
    }

    private static String describe(Agreement a) {
        return a.level() == Agreement.Level.REGION ? "region " + regionLabel(a.code())
                : "municipality " + label(a.code());
    }

    static String label(int code) {
        return Municipalities.all().find(code).map(m -> code + " " + m.name()).orElse(String.valueOf(code));
    }

    static String regionLabel(int code) {
        return Municipalities.all()
            .list()
            .stream()
            .filter(m -> m.regionCode() == code)
            .findFirst()
            .map(m -> code + " " + m.regionName())
            .orElse(String.valueOf(code));
    }

}
