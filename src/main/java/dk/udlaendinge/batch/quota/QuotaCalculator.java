package dk.udlaendinge.batch.quota;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dk.udlaendinge.batch.common.Municipalities;

/**
 * QUOTA-METHOD.md step by step: the regions share the national figure (integrationsloven § 7,
 * bek. nr. 50/2008 § 5), then the municipalities of each region share its quota (§ 9), each
 * time by {@link DistributionKey} after the agreed quotas are taken out. Plain Java, no Spring;
 * the same inputs always give the same result.
 *
 * <p>Checks everything the method lists under "Errors, never silent" that can be seen from the
 * figures themselves; completeness against the 98 municipalities is the input reader's job,
 * so that tests can run the method on smaller, made-up groups such as the worked example.
 */
public final class QuotaCalculator {

    private QuotaCalculator() {
    }

    public static QuotaResult compute(long nationalFigure, List<MunicipalityFigures> figures, List<Agreement> agreements) {
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
        Map<Integer, List<MunicipalityFigures>> byRegion = byCode.values().stream()
                .collect(Collectors.groupingBy(MunicipalityFigures::regionCode, TreeMap::new, Collectors.toList()));

        Map<Integer, Agreement> regionAgreed = new HashMap<>();
        Map<Integer, Agreement> municipalityAgreed = new HashMap<>();
        for (Agreement a : agreements) {
            if (a.quota() < 0) {
                throw new QuotaInputException(a.origin() + ": agreed quota for " + describe(a) + " is negative: " + a.quota());
            }
            boolean region = a.level() == Agreement.Level.REGION;
            if (region ? !byRegion.containsKey(a.code()) : !byCode.containsKey(a.code())) {
                throw new QuotaInputException(a.origin() + ": agreement for unknown " + describe(a));
            }
            Agreement earlier = (region ? regionAgreed : municipalityAgreed).putIfAbsent(a.code(), a);
            if (earlier != null) {
                throw new QuotaInputException(a.origin() + ": a second agreement for " + describe(a)
                        + " (first at " + earlier.origin() + ")");
            }
        }

        // regions share the national figure
        List<DistributionKey.Unit> regionUnits = new ArrayList<>();
        byRegion.forEach((code, members) -> {
            Agreement a = regionAgreed.get(code);
            regionUnits.add(new DistributionKey.Unit(code,
                    members.stream().mapToLong(MunicipalityFigures::population).sum(),
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
            List<Agreement> agreedHere = members.stream().map(m -> municipalityAgreed.get(m.code()))
                    .filter(a -> a != null).toList();
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
        return new QuotaResult(nationalFigure, regions, municipalities);
    }

    private static void checkCounts(MunicipalityFigures m) {
        String where = m.origin() + ": municipality " + label(m.code());
        if (m.population() < 0 || m.immigrantsAndRefugees() < 0 || m.familyReunified() < 0) {
            throw new QuotaInputException(where + " has a negative count (population " + m.population()
                    + ", immigrants and refugees " + m.immigrantsAndRefugees() + ", family-reunified "
                    + m.familyReunified() + ")");
        }
        if (m.immigrantsAndRefugees() > m.population()) {
            throw new QuotaInputException(where + " has more immigrants and refugees (" + m.immigrantsAndRefugees()
                    + ") than inhabitants (" + m.population() + ")");
        }
    }

    /** Agreed quotas may not exceed what they are taken from, and must make it up when every unit is agreed. */
    private static void checkAgreements(java.util.Collection<Agreement> agreed, int units, long total, String what,
            String unitsName) {
        if (agreed.isEmpty()) {
            return;
        }
        long sum = agreed.stream().mapToLong(Agreement::quota).sum();
        String lines = origins(agreed);
        if (sum > total) {
            throw new QuotaInputException(lines + ": the agreed quotas add up to " + sum + ", more than " + what
                    + " they are taken from");
        }
        if (agreed.size() == units && sum != total) {
            throw new QuotaInputException(lines + ": every one of " + unitsName + " has an agreed quota, but they add up to "
                    + sum + " instead of " + what);
        }
    }

    /** "agreements.csv lines 2, 3" rather than the file name once per line. */
    private static String origins(java.util.Collection<Agreement> agreed) {
        List<String> all = agreed.stream().map(Agreement::origin).sorted(java.util.Comparator
                .comparing((String o) -> o.replaceAll(" line [0-9]+$", "")).thenComparing(String::length)
                .thenComparing(java.util.Comparator.naturalOrder())).toList();
        String first = all.get(0);
        int cut = first.lastIndexOf(" line ");
        String file = cut < 0 ? null : first.substring(0, cut);
        if (all.size() > 1 && file != null && all.stream().allMatch(o -> o.matches(java.util.regex.Pattern.quote(file) + " line [0-9]+"))) {
            return file + " lines " + all.stream().map(o -> o.substring(cut + " line ".length())).collect(Collectors.joining(", "));
        }
        return String.join(", ", all);
    }

    private static String describe(Agreement a) {
        return a.level() == Agreement.Level.REGION ? "region " + regionLabel(a.code()) : "municipality " + label(a.code());
    }

    static String label(int code) {
        return Municipalities.all().find(code).map(m -> code + " " + m.name()).orElse(String.valueOf(code));
    }

    static String regionLabel(int code) {
        return Municipalities.all().list().stream().filter(m -> m.regionCode() == code).findFirst()
                .map(m -> code + " " + m.regionName()).orElse(String.valueOf(code));
    }
}
