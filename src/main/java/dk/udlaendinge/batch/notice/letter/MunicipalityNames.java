package dk.udlaendinge.batch.notice.letter;

/**
 * The municipality as a letter names it. The reference data holds short names
 * ("København", "Bornholm"); a letter needs the official one ("Københavns Kommune",
 * "Bornholms Regionskommune", "Aarhus Kommune").
 */
public final class MunicipalityNames {

    private MunicipalityNames() {
    }

    /** A name already ending in "kommune" is kept as given. */
    public static String official(String name) {
        String trimmed = name.strip();
        if (trimmed.toLowerCase(java.util.Locale.ROOT).endsWith("kommune")) {
            return trimmed;
        }
        return switch (trimmed) {
            case "København" -> "Københavns Kommune";
            case "Bornholm" -> "Bornholms Regionskommune";
            default -> trimmed + " Kommune";
        };
    }

}
