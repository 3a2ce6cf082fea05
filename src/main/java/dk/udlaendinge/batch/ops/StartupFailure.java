package dk.udlaendinge.batch.ops;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.PortInUseException;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.DatabaseLockedException;
import dk.udlaendinge.batch.common.DatabaseUnavailableException;
import dk.udlaendinge.batch.common.SettingsFailure;

/**
 * Why the application could not start, told by the type of the exception in its causes
 * (never by its text): each kind gets its own answer and exit code from {@link Cli}.
 */
record StartupFailure(Kind kind, Throwable cause) {

    enum Kind {

        /** Another process holds the embedded database: a refusal (exit 3). */
        DATABASE_LOCKED,
        /**
         * The database is down, refuses the credentials or is too old: the fix in one
         * line (exit 2).
         */
        DATABASE_UNAVAILABLE,
        /** The console's port is taken (exit 2). */
        PORT_IN_USE,
        /** A setting was refused (exit 2). */
        CONFIGURATION,
        /** Anything else (exit 1). */
        OTHER

    }

    static StartupFailure of(Throwable t) {
        List<Throwable> causes = causes(t);
        for (Class<? extends Throwable> type : List.of(DatabaseLockedException.class,
                DatabaseUnavailableException.class, PortInUseException.class)) {
            for (Throwable c : causes) {
                if (type.isInstance(c)) {
                    return new StartupFailure(type == DatabaseLockedException.class ? Kind.DATABASE_LOCKED
                            : type == DatabaseUnavailableException.class ? Kind.DATABASE_UNAVAILABLE : Kind.PORT_IN_USE,
                            c);
                }
            }
        }
        // a settings record refused by its constraints: the key, the rule and the value,
        // in one line
        java.util.Optional<String> setting = SettingsFailure.describe(t);
        if (setting.isPresent()) {
            return new StartupFailure(Kind.CONFIGURATION, new IllegalArgumentException(setting.get(), t));
        }
        // the innermost refusal of a setting says what is wrong with it
        Throwable bad = null;
        for (Throwable c : causes) {
            if (c instanceof IllegalArgumentException || c instanceof BadInputException) {
                bad = c;
            }
        }
        return bad != null ? new StartupFailure(Kind.CONFIGURATION, bad) : new StartupFailure(Kind.OTHER, t);
    }

    /**
     * A failure of the database itself (locked or unusable), as opposed to one of its
     * tables.
     */
    static boolean isDatabaseFailure(Throwable t) {
        Kind kind = of(t).kind();
        return kind == Kind.DATABASE_LOCKED || kind == Kind.DATABASE_UNAVAILABLE;
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> list = new ArrayList<>();
        for (Throwable c = t; c != null && !list.contains(c); c = c.getCause()) {
            list.add(c);
        }
        return list;
    }
}
