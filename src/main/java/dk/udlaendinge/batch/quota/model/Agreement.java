package dk.udlaendinge.batch.quota.model;

/**
 * A quota agreed by the regions (KKR) or inside a region, taken as it is instead of the
 * key. {@code origin} names the file and line it came from.
 */
public record Agreement(Level level, int code, long quota, String origin) {

    public enum Level {

        REGION, MUNICIPALITY

    }
}
