package dk.udlaendinge.batch.demo;

import java.time.LocalDate;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code app.demo.*}: the demo that ./run.sh runs on an empty registry. */
@Validated
@ConfigurationProperties("app.demo")
public record DemoSettings(@Min(value = 1, message = "must be at least 1") @DefaultValue("5000") int deposits,
        @NotNull @DefaultValue("2014-12-01") LocalDate runDate, @DefaultValue("20141201") long seed) {
}
