package dk.udlaendinge.batch.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * Who may do what, in one place. Everything needs a login, except health and metrics
 * asked on the loopback address (the monitoring agent on this host;
 * app.console.monitoring-without-login says otherwise). Failed logins are throttled per
 * user name and address ({@link LoginThrottle}). {@code VIEWER} sees; {@code OPERATOR}
 * also acts (restart, stop, abandon) and downloads outputs that hold personal data. CSRF
 * protection stays on for every form. With no user configured the console is off: every
 * page answers 503 saying so, while loopback health and metrics keep working.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurityConfiguration {

    /** Paths that act or hand out personal data: OPERATOR only, whatever the method. */
    static final String[] OPERATOR_ONLY = { "/executions/*/restart", "/executions/*/stop", "/executions/*/abandon",
            "/executions/*/files/**", "/run" };

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle() {
        return new LoginThrottle(java.time.Clock.systemUTC());
    }

    /**
     * The throttle runs inside the security chain only, not a second time as a servlet
     * filter of its own.
     */
    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottleNotAServletFilter(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    UserDetailsService consoleUsers(ConsoleProperties properties) {
        List<UserDetails> users = ConsoleUsers.from(properties.users());
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleProperties properties, LoginThrottle throttle)
            throws Exception {
        boolean off = properties.users().isEmpty();
        http.authorizeHttpRequests(auth -> {
            String open = properties.monitoringWithoutLogin();
            auth.requestMatchers(request -> isHealthOrMetrics(request)
                    && (open.equals("anyone") || open.equals("loopback") && fromLoopback(request)))
                .permitAll();
            auth.requestMatchers("/actuator/**").authenticated();
            auth.requestMatchers("/error").permitAll(); // Boot's error page, which says
                                                        // no more than the status
            if (off) {
                auth.anyRequest().denyAll();
                return;
            }
            auth.requestMatchers("/console.css", "/console.js", "/favicon.ico").permitAll();
            // the form itself with any message (?error, ?logout, ?locked): permitAll() on
            // formLogin matches the bare path
            auth.requestMatchers(HttpMethod.GET, "/login").permitAll();
            auth.requestMatchers(OPERATOR_ONLY).hasRole(ConsoleUsers.OPERATOR);
            auth.requestMatchers(HttpMethod.POST, "/**").hasRole(ConsoleUsers.OPERATOR);
            auth.anyRequest().hasRole(ConsoleUsers.VIEWER);
        });
        if (off) {
            // nobody can log in: say why, instead of a login form that cannot work
            http.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> consoleOff(response))
                .accessDeniedHandler((request, response, ex) -> consoleOff(response)));
            return http.build();
        }
        http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
        http.formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/", false))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
            // a monitoring agent elsewhere logs in with basic authentication; people get
            // the form
            .httpBasic(basic -> {
            })
            .exceptionHandling(
                    e -> e.defaultAuthenticationEntryPointFor(basicEntryPoint(), request -> isActuator(request))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> !isActuator(request)))
            .headers(headers -> headers.contentSecurityPolicy(
                    csp -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    private static void consoleOff(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter()
            .println("The console is off: no user is configured in app.console.users (see README, \"Console\").");
    }

    private static BasicAuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("udlaendinge-batch");
        return entryPoint;
    }

    private static boolean isActuator(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/actuator/");
    }

    private static boolean isHealthOrMetrics(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/prometheus") || path.equals("/actuator/metrics")
                || path.startsWith("/actuator/metrics/");
    }

    /** The request came in over the loopback interface: from this host only. */
    static boolean fromLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()
                    && InetAddress.getByName(request.getLocalAddr()).isLoopbackAddress();
        }
        catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

}
