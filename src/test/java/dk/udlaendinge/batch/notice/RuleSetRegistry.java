package dk.udlaendinge.batch.notice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.ReleaseReason;
import dk.udlaendinge.batch.deposit.SecurityRules;

/**
 * A registry with securities of every rule set for the tests that hold the nightly SQL to
 * the plain-Java rule: the demo registry's rows (posted 2008–2014, the 18-column format),
 * the demo's examples of every set, and as many again re-dated over 2010–2025 with
 * application dates, extensions (to ten years in all, for less, beyond), and releases of
 * every reason, so every boundary of docs/RENEWAL-RULES.md is crossed by some row.
 * Deterministic for a seed.
 */
final class RuleSetRegistry {

    private static final ReleaseReason[] REASONS = ReleaseReason.values();

    private RuleSetRegistry() {
    }

    static List<Deposit> generate(int half, long seed) {
        Random random = new Random(seed);
        List<Deposit> deposits = new ArrayList<>(DemoRegistry.generate(half, seed));
        deposits.addAll(DemoRegistry.ruleSetExamples());
        LocalDate from = LocalDate.of(2010, 6, 1);
        int days = (int) (LocalDate.of(2025, 12, 31).toEpochDay() - from.toEpochDay());
        for (Deposit d : DemoRegistry.generate(half, seed + 1)) {
            LocalDate posted = from.plusDays(random.nextInt(days));
            LocalDate applied = posted.minusDays(30 + random.nextInt(400));
            boolean withApplication = posted.isAfter(SecurityRules.APPLICATION_DATE_REQUIRED_FROM.minusDays(1))
                    || random.nextBoolean();
            LocalDate permit = posted.plusDays(random.nextInt(120) - 30);
            SecurityRules.Term term = SecurityRules.THROUGH_TIME.term(posted, withApplication ? applied : null, permit,
                    null);
            LocalDate validUntil = switch (random.nextInt(5)) {
                case 0 -> permit.plusYears(10); // extended to ten years in all
                case 1 -> term.end().plusYears(1 + random.nextInt(4)); // extended for
                                                                       // less
                case 2 -> permit.plusYears(10).plusDays(random.nextInt(400) - 200); // around
                                                                                    // the
                                                                                    // cap
                default -> null;
            };
            LocalDate released = random.nextInt(4) == 0 ? permit.plusDays(200 + random.nextInt(4000)) : null;
            if (released != null && released.isAfter(LocalDate.of(2026, 12, 1))) {
                released = LocalDate.of(2026, 12, 1);
            }
            Deposit redated = new Deposit("RS-" + d.depositId(), d.caseNumber(), d.referenceCpr(), d.referenceName(),
                    d.addressLine(), d.postalCode(), d.city(), d.digitalPostExempt(), d.digitalPostAddress(),
                    d.spouseName(), d.municipalityCode(), d.legalBasis(), d.securityForm(), d.amountDkk(), posted,
                    permit, random.nextInt(10) == 0 ? permit.plusYears(4) : null, d.danishTest(),
                    withApplication ? applied : null, validUntil, released,
                    released == null ? null : REASONS[random.nextInt(REASONS.length)]);
            deposits.add(redated);
        }
        return deposits;
    }

}
