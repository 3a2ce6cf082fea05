package dk.udlaendinge.batch.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed logins cost bcrypt time (16 wrong passwords kept both cores busy for 11 s) and
 * guess passwords, so they are counted per user name and per address. After
 * {@link #LIMIT} failures within {@link #WINDOW} for either, further logins for that user
 * name or from that address are refused for {@link #LOCK} after the last failure, before
 * any password is checked: the form answers {@code /login?locked}, basic authentication
 * 429 with Retry-After. A success clears the user's and the address's count. Counts are
 * kept in memory (a restart clears them) and the table is bounded, so a flood of made-up
 * names cannot fill the heap.
 */
class LoginThrottle extends OncePerRequestFilter {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(5);

    private static final int MAX_KEYS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /**
     * Failures in the current window: the first one's time, the count, the last one's
     * time.
     */
    private record Failures(Instant first, int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = attemptedUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        Duration wait = lockedFor(user, request.getRemoteAddr());
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        if (isForm(request)) {
            response.sendRedirect(request.getContextPath() + "/login?locked=" + minutes);
        }
        else {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter()
                .println("Too many failed logins for this user or from this address; try again in " + minutes
                        + " minute" + (minutes == 1 ? "" : "s") + ".");
        }
    }

    /**
     * How long logins for this user name or from this address stay refused; zero if they
     * are not.
     */
    Duration lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] { userKey(user), addressKey(address) }) {
            Failures f = failures.get(key);
            if (f != null && f.count() >= LIMIT) {
                Duration left = Duration.between(now, f.last().plus(LOCK));
                if (left.compareTo(wait) > 0) {
                    wait = left;
                }
            }
        }
        return wait;
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.last().plus(WINDOW).plus(LOCK).isBefore(now));
        }
        for (String key : new String[] { userKey(user), addressKey(address) }) {
            if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) {
                continue; // full of live entries: the ones already counted stay locked
            }
            Failures f = failures.merge(key, new Failures(now, 1, now),
                    (old, one) -> old.first().plus(WINDOW).isBefore(now) && old.count() < LIMIT ? one
                            : new Failures(old.first(), old.count() + 1, now));
            if (f.count() == LIMIT) {
                log.warn("Console: {} failed logins for {} within {} min; refused for {} min", LIMIT,
                        key.startsWith("user:") ? "a user name" : "address " + address, WINDOW.toMinutes(),
                        LOCK.toMinutes());
            }
        }
    }

    void succeeded(String user, String address) {
        failures.remove(userKey(user));
        failures.remove(addressKey(address));
    }

    void clear() {
        failures.clear();
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        failed(String.valueOf(event.getAuthentication().getName()), address(event.getAuthentication().getDetails()));
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName(), address(event.getAuthentication().getDetails()));
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
    }

    private static String userKey(String user) {
        return "user:" + String.valueOf(user).strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static boolean isForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().substring(request.getContextPath().length()).equals("/login");
    }

    /**
     * The user name a request tries to log in with (the form, or basic authentication);
     * null if none.
     */
    private static String attemptedUser(HttpServletRequest request) {
        if (isForm(request)) {
            String user = request.getParameter("username");
            return user == null ? "" : user;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            }
            catch (IllegalArgumentException e) {
                return "";
            }
        }
        return null;
    }

}
