package dk.udlaendinge.batch.console;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.console.*}: who may use the console (its time zone is the command line's
 * too: {@link dk.udlaendinge.batch.ops.TimeZoneSettings}). Roles are read as text and
 * checked by {@link ConsoleUsers} when the daemon starts its console, so a mistyped role
 * never stops a nightly command that has no console.
 *
 * @param users no user by default: then the console is off and the daemon says so
 * @param monitoringWithoutLogin who may read health and metrics without a login:
 * {@code loopback} (the default: requests that come in over the loopback interface, so a
 * monitoring agent on this host; unsafe behind a reverse proxy on the same host, through
 * which every request comes from the loopback address), {@code nobody} (a login always),
 * or {@code anyone}
 */
@ConfigurationProperties("app.console")
public record ConsoleProperties(@DefaultValue List<User> users,
        @DefaultValue("loopback") String monitoringWithoutLogin) {

    public ConsoleProperties {
        if (!List.of("loopback", "nobody", "anyone").contains(monitoringWithoutLogin)) {
            throw new IllegalArgumentException(
                    "app.console.monitoring-without-login must be loopback, nobody or anyone," + " was '"
                            + monitoringWithoutLogin + "'");
        }
    }

    /** One console user; the password only as a bcrypt hash. */
    public record User(String name, String passwordHash, String role) {

        @Override
        public String toString() {
            return "User[" + name + ", " + role + "]"; // never the hash
        }
    }
}
