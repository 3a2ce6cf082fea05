package dk.udlaendinge.batch.common;

import java.util.regex.Pattern;

/**
 * Masks the secrets a URL may carry before it is printed or logged: the password of a
 * user-info ({@code scheme://user:password@host}, or {@code user:password@host} as a
 * driver quotes it) and any parameter whose name says password, secret or token
 * ({@code ?user=u&password=p}, {@code ;password=p}, {@code trustStorePassword=p}). It
 * works on any text, so that a driver's or broker client's message quoting the URL is
 * masked too. Every place that prints or logs a URL from the configuration (broker,
 * database) goes through here (docs/RUNBOOK.md, "Secrets in URLs").
 */
public final class UrlMask {

    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern
        .compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:?#;&]*):([^/\\s]*)@");

    /**
     * The user-info without its scheme, as a driver quotes it: PostgreSQL's driver takes
     * {@code batch:pw@db} of {@code jdbc:postgresql://batch:pw@db/x} for the host name,
     * and says "UnknownHostException: batch:pw@db".
     */
    private static final Pattern BARE_USER_INFO = Pattern
        .compile("(?<![\\w.%+-])([a-z0-9._%+-]+):([^/@\\s:<>\"'()]+)@(?=[a-z0-9\\[])", Pattern.CASE_INSENSITIVE);

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;,(]\\s*[a-z0-9._-]*(?:password|passwd|pwd|secret|token|credential)[a-z0-9._-]*\\s*=)[^&;,)\\s\"']*");

    private UrlMask() {
    }

    /**
     * {@code text} with every URL's password and secret parameters replaced by
     * {@value #MASK}; null stays null.
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1$2:" + MASK + "@");
        masked = BARE_USER_INFO.matcher(masked).replaceAll("$1:" + MASK + "@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    /**
     * A copy of {@code t} and its causes whose messages are masked, with the same stack
     * traces (the class of each is named in its message), for a log that must keep the
     * trace.
     */
    public static Throwable maskedCopy(Throwable t) {
        if (t == null) {
            return null;
        }
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c) && chain.size() < 50; c = c.getCause()) {
            chain.add(c);
        }
        Throwable copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable original = chain.get(i);
            Masked m = new Masked(original.getClass().getName()
                    + (original.getMessage() == null ? "" : ": " + mask(original.getMessage())), copy);
            m.setStackTrace(original.getStackTrace());
            copy = m;
        }
        return copy;
    }

    /** A masked stand-in; its message starts with the original class. */
    private static final class Masked extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Masked(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }

    }

}
