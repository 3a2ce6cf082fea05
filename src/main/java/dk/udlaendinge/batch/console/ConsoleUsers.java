package dk.udlaendinge.batch.console;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The console's users from {@code app.console.users}, checked: a name, a bcrypt hash and
 * a role of {@code VIEWER} or {@code OPERATOR}. A bad entry stops the daemon with one
 * line naming the entry and the key (never the hash), as every other configuration error
 * does (exit 2).
 */
final class ConsoleUsers {

    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";

    /** $2a$, $2b$ or $2y$, a two-digit cost, 53 characters of salt and hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private ConsoleUsers() {
    }

    static List<UserDetails> from(List<ConsoleProperties.User> users) {
        List<UserDetails> details = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            ConsoleProperties.User u = users.get(i);
            String key = "app.console.users[" + i + "]";
            if (u.name() == null || !NAME.matcher(u.name()).matches()) {
                throw new IllegalArgumentException(
                        key + ".name must be 1-64 letters, digits or . _ @ - (env APP_CONSOLE_USERS_" + i + "_NAME)");
            }
            if (!names.add(u.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(key + ".name '" + u.name() + "' is given twice");
            }
            if (u.passwordHash() == null || !BCRYPT.matcher(u.passwordHash()).matches()) {
                throw new IllegalArgumentException(key + ".password-hash of user '" + u.name()
                        + "' is not a bcrypt hash ($2a$/$2b$/$2y$...); make one with ./run.sh hash-password (env APP_CONSOLE_USERS_"
                        + i + "_PASSWORD_HASH)");
            }
            String role = u.role() == null ? "" : u.role().trim().toUpperCase(Locale.ROOT);
            if (!role.equals(VIEWER) && !role.equals(OPERATOR)) {
                throw new IllegalArgumentException(key + ".role of user '" + u.name() + "' is '" + u.role()
                        + "'; it must be VIEWER or OPERATOR (env APP_CONSOLE_USERS_" + i + "_ROLE)");
            }
            // an OPERATOR also holds VIEWER, so "may see" is one rule for both
            String[] roles = role.equals(OPERATOR) ? new String[] { VIEWER, OPERATOR } : new String[] { VIEWER };
            details.add(User.withUsername(u.name()).password(u.passwordHash()).roles(roles).build());
        }
        return details;
    }

}
