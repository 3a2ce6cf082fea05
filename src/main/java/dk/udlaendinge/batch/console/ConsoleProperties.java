package dk.udlaendinge.batch.console;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.console.*}: who may use the console and in which time zone it shows times. Roles
 * are read as text and checked by {@link ConsoleUsers} when the daemon starts its console, so a
 * mistyped role never stops a nightly command that has no console.
 *
 * @param users     no user by default: then the console is off and the daemon says so
 * @param timeZone  the zone times are shown in (the operators' local time)
 */
@ConfigurationProperties("app.console")
public record ConsoleProperties(@DefaultValue List<User> users, @DefaultValue("Europe/Copenhagen") String timeZone) {

    /** One console user; the password only as a bcrypt hash. */
    public record User(String name, String passwordHash, String role) {

        @Override
        public String toString() {
            return "User[" + name + ", " + role + "]"; // never the hash
        }
    }
}
