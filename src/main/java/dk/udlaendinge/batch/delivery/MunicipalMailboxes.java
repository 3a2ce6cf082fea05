package dk.udlaendinge.batch.delivery;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.udlaendinge.batch.delivery.MailSettings.MunicipalityMail;
import dk.udlaendinge.batch.common.MailAddress;
import dk.udlaendinge.batch.common.Municipalities;

/**
 * Where mail to a municipality goes, by purpose. The agency promised the municipalities
 * (newsletter to the municipalities, November 2014, section 8) that their mail goes to
 * their main Digital Post mailbox, and where a department has its own mailbox, to that
 * one; and that a municipality that no longer takes paper post may say how it wants
 * shipments over Digital Post's limit instead.
 *
 * <p>
 * The rule, in one place: the purpose's mailbox ({@code renewal-lists}, {@code quota}) if
 * the municipality named one, else its {@code main} mailbox, else the address pattern
 * over its code. Every configured address is checked here, once, when the application
 * starts: a mailbox that is not one plain address ({@code local@domain}; no display name,
 * no list, no control characters) stops the start with a line naming the municipality and
 * the purpose.
 */
public final class MunicipalMailboxes {

    private static final Logger log = LoggerFactory.getLogger(MunicipalMailboxes.class);

    /** What a municipality's mail is for; the name is the configuration key. */
    public enum Purpose {

        RENEWAL_LISTS("renewal-lists"), QUOTA("quota");

        private final String key;

        Purpose(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

    }

    /**
     * A municipality's choice for a shipment over the Digital Post limit. PAPER is the
     * agency's starting point.
     */
    public enum Oversize {

        PAPER, SPLIT, ALTERNATIVE_ADDRESS

    }

    private record Resolved(String main, String renewalLists, String quota, Oversize oversize, String oversizeAddress,
            String cvr) {
    }

    private final String pattern;

    private final Map<Integer, Resolved> byCode = new HashMap<>();

    /**
     * @param pattern {@code app.mail.municipality-address-pattern}: {@code {code}} is the
     * three-digit kommunekode
     * @param legacyMain {@code app.mail.municipality-addresses}: the old form of
     * {@code municipalities.<code>.main}
     * @param settings {@code app.mail.municipalities}
     * @throws IllegalArgumentException naming the setting and the fix, for the first bad
     * value
     */
    public MunicipalMailboxes(String pattern, Map<Integer, String> legacyMain,
            Map<Integer, MunicipalityMail> settings) {
        this.pattern = pattern;
        require(pattern != null && pattern.contains("{code}"),
                "app.mail.municipality-address-pattern must contain {code}"
                        + " (the three-digit kommunekode), for example kommune-{code}@digitalpost.example");
        plain(pattern.replace("{code}", "101"), "app.mail.municipality-address-pattern", "with {code} replaced by 101");
        if (!legacyMain.isEmpty()) {
            log.warn(
                    "app.mail.municipality-addresses is the old form of app.mail.municipalities.<kommunekode>.main;"
                            + " it is still read, but move its {} entr{} there",
                    legacyMain.size(), legacyMain.size() == 1 ? "y" : "ies");
        }
        Map<Integer, MunicipalityMail> all = new HashMap<>(settings);
        legacyMain.forEach((code, address) -> all.merge(code, new MunicipalityMail(address, null, null, null, null),
                (given, legacy) -> given.main() != null ? given : new MunicipalityMail(legacy.main(),
                        given.renewalLists(), given.quota(), given.oversize(), given.oversizeAddress(), given.cvr())));
        all.forEach((code, given) -> byCode.put(code, resolve(code, given, legacyMain.get(code))));
    }

    private static Resolved resolve(int code, MunicipalityMail given, String legacy) {
        String prefix = "app.mail.municipalities." + code;
        require(Municipalities.all().contains(code), prefix + ": there is no municipality with kommunekode " + code
                + "; remove it or correct the code (municipalities.csv lists all 98)");
        if (legacy != null && given.main() != null && !legacy.equals(given.main())) {
            log.warn("{}.main and app.mail.municipality-addresses.{} disagree; {}.main is used", prefix, code, prefix);
        }
        Oversize oversize = oversize(given.oversize(), prefix + ".oversize");
        String oversizeAddress = optional(given.oversizeAddress(), prefix + ".oversize-address");
        require(oversize != Oversize.ALTERNATIVE_ADDRESS || oversizeAddress != null,
                prefix + ".oversize is ALTERNATIVE_ADDRESS but " + prefix
                        + ".oversize-address is not set; give the address"
                        + " the municipality asked for (its secure file service), or choose PAPER or SPLIT");
        String cvr = given.cvr() == null || given.cvr().isBlank() ? null : given.cvr().strip();
        require(cvr == null || cvr.matches("\\d{8}"), prefix + ".cvr is \"" + (cvr == null ? "" : shown(cvr))
                + "\"; a CVR number is eight digits (find the municipality's in the CVR register, cvr.dk)");
        return new Resolved(optional(given.main(), prefix + ".main"),
                optional(given.renewalLists(), prefix + ".renewal-lists"), optional(given.quota(), prefix + ".quota"),
                oversize, oversizeAddress, cvr);
    }

    /**
     * The mailbox for {@code purpose}: the purpose's own, else main, else the pattern.
     */
    public String mailbox(int code, Purpose purpose) {
        Resolved r = byCode.get(code);
        if (r != null) {
            String own = purpose == Purpose.RENEWAL_LISTS ? r.renewalLists() : r.quota();
            if (own != null) {
                return own;
            }
            if (r.main() != null) {
                return r.main();
            }
        }
        return pattern.replace("{code}", String.format("%03d", code));
    }

    /**
     * What the municipality chose for shipments over the limit; PAPER unless it said
     * otherwise.
     */
    public Oversize oversize(int code) {
        Resolved r = byCode.get(code);
        return r == null ? Oversize.PAPER : r.oversize();
    }

    /**
     * The municipality's CVR number for MeMo messages; null when none is configured (the
     * mail route).
     */
    public String cvr(int code) {
        Resolved r = byCode.get(code);
        return r == null ? null : r.cvr();
    }

    /** The address for ALTERNATIVE_ADDRESS; null when the municipality gave none. */
    public String oversizeAddress(int code) {
        Resolved r = byCode.get(code);
        return r == null ? null : r.oversizeAddress();
    }

    private static Oversize oversize(String value, String setting) {
        if (value == null || value.isBlank()) {
            return Oversize.PAPER;
        }
        try {
            return Oversize.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is \"" + shown(value) + "\"; use PAPER (the default), SPLIT"
                    + " or ALTERNATIVE_ADDRESS");
        }
    }

    private static String optional(String value, String setting) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return plain(value, setting, null);
    }

    private static String plain(String value, String setting, String note) {
        // the one rule of a plain address, as for app.mail.from and a citizen's
        // digital_post_address
        if (MailAddress.problem(value) != null) {
            throw new IllegalArgumentException(
                    setting + " is \"" + shown(value) + "\"" + (note == null ? "" : " " + note)
                            + ", which is not one plain mail address; give exactly one address such as"
                            + " afdeling@kommune.dk (no display name, no list, no spaces or control characters)");
        }
        return value;
    }

    /**
     * The value as it may be shown on a console: control characters made visible, length
     * capped.
     */
    private static String shown(String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(80).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            }
            else {
                b.appendCodePoint(cp);
            }
        });
        return value.length() > 80 ? b + "…" : b.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

}
