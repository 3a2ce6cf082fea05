package dk.udlaendinge.batch.common.batch;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.liveness.*}: how other processes, on this host or another sharing the
 * database, tell a running execution from one left STARTED by a process or machine that
 * died: the running process writes a heartbeat into the execution's context every
 * {@code heartbeatInterval}; one older than {@code staleAfter} is stale. {@code host}
 * names this machine in the context (default: its host name); on the same host the
 * process id decides at once.
 */
@Validated
@ConfigurationProperties("app.liveness")
public record LivenessSettings(
        @NotNull @DurationMin(millis = 10,
                message = "must be at least 10ms") @DefaultValue("5s") Duration heartbeatInterval,
        @NotNull @DefaultValue("60s") Duration staleAfter, String host) {

    public LivenessSettings {
        host = host == null || host.isBlank() ? localHost() : host.strip();
    }

    /**
     * Several missed beats before a live run can be taken for dead (a long GC, a slow
     * commit). Named after the setting, so that a refusal names app.liveness.stale-after
     * and its value.
     */
    @AssertTrue(message = "must be at least 3 times app.liveness.heartbeat-interval")
    boolean isStaleAfter() {
        return staleAfter == null || heartbeatInterval == null
                || staleAfter.compareTo(heartbeatInterval.multipliedBy(3)) >= 0;
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        }
        catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
