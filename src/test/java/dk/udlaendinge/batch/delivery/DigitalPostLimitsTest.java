package dk.udlaendinge.batch.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dk.udlaendinge.batch.support.SettingsBinding;

/**
 * The Digital Post limit of the run date (docs/RENEWAL-RULES.md §5), and the routing it
 * decides.
 */
class DigitalPostLimitsTest {

    private static final long TEN_MB = 10L * 1024 * 1024;

    private static final long ORDER_BYTES = 99_500_000L;

    /** The default day of the later order (docs/RENEWAL-RULES.md §5). */
    private static final LocalDate ORDER_DAY = LocalDate.of(2018, 5, 25);

    @Test
    void theDefaultIsTenMegabytesUntilTheOrdersDayAndItsLimitsFromThatDay() {
        DigitalPostLimits limits = new DigitalPostLimits(bind(Map.of()).effectiveLimits());
        DigitalPostLimits.Limit seed = limits.on(LocalDate.of(2014, 12, 1));
        assertThat(seed.maxBytes()).isEqualTo(TEN_MB);
        assertThat(seed.maxAttachments()).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.on(ORDER_DAY.minusDays(1)).maxBytes()).isEqualTo(TEN_MB);
        DigitalPostLimits.Limit order = limits.on(ORDER_DAY);
        assertThat(order.maxBytes()).isEqualTo(ORDER_BYTES);
        assertThat(order.maxAttachments()).isEqualTo(10);
        assertThat(order.source()).contains("størrelse på filer i Digital Post");
        assertThat(limits.on(LocalDate.of(2026, 12, 7))).isEqualTo(order);
    }

    @Test
    void aMessageOfTwentyMegabytesGoesToPaperTheDayBeforeAndDigitallyOnTheDay() {
        DigitalPostLimits limits = new DigitalPostLimits(DigitalPostSettings.DEFAULT_LIMITS);
        long twenty = 20L * 1024 * 1024;
        assertThat(Routing.of(false, twenty, 3, limits.on(ORDER_DAY.minusDays(1)))).isEqualTo(Routing.PAPER_SIZE);
        assertThat(Routing.of(false, twenty, 3, limits.on(ORDER_DAY))).isEqualTo(Routing.DIGITAL);
        // at the edge of each limit: at it digital, one byte over paper
        assertThat(Routing.of(false, TEN_MB, 3, limits.on(ORDER_DAY.minusDays(1)))).isEqualTo(Routing.DIGITAL);
        assertThat(Routing.of(false, TEN_MB + 1, 3, limits.on(ORDER_DAY.minusDays(1)))).isEqualTo(Routing.PAPER_SIZE);
        assertThat(Routing.of(false, ORDER_BYTES, 3, limits.on(ORDER_DAY))).isEqualTo(Routing.DIGITAL);
        assertThat(Routing.of(false, ORDER_BYTES + 1, 3, limits.on(ORDER_DAY))).isEqualTo(Routing.PAPER_SIZE);
    }

    @Test
    void moreFilesThanTheLimitAllowsGoToPaperWithTheirOwnReason() {
        DigitalPostLimits.Limit order = new DigitalPostLimits(DigitalPostSettings.DEFAULT_LIMITS).on(ORDER_DAY);
        assertThat(Routing.of(false, 1000, 10, order)).isEqualTo(Routing.DIGITAL);
        assertThat(Routing.of(false, 1000, 11, order)).isEqualTo(Routing.PAPER_ATTACHMENTS);
        assertThat(Routing.PAPER_ATTACHMENTS.reason()).isEqualTo("ATTACHMENTS");
        // exempt comes first, whatever the files
        assertThat(Routing.of(true, 1000, 11, order)).isEqualTo(Routing.PAPER_EXEMPT);
        // the seed's time had no cap on files
        DigitalPostLimits.Limit seed = new DigitalPostLimits(DigitalPostSettings.DEFAULT_LIMITS)
            .on(LocalDate.of(2015, 1, 15));
        assertThat(Routing.of(false, 1000, 11, seed)).isEqualTo(Routing.DIGITAL);
    }

    @Test
    void theOneLimitSettingIsOneLimitForEveryDate() {
        DigitalPostSettings app = bind(Map.of("app.digital-post.limit", "4MB"));
        DigitalPostLimits limits = new DigitalPostLimits(app.effectiveLimits());
        assertThat(limits.on(LocalDate.of(2014, 12, 1)).maxBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(limits.on(LocalDate.of(2026, 1, 1)).maxBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(limits.on(LocalDate.of(2026, 1, 1)).maxAttachments()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void datedLimitsAreConfiguration() {
        DigitalPostSettings app = bind(Map.of("app.digital-post.limits[0].max-message", "10MB",
                "app.digital-post.limits[1].from", "2017-01-01", "app.digital-post.limits[1].max-message", "99500000B",
                "app.digital-post.limits[1].max-attachments", "10"));
        DigitalPostLimits limits = new DigitalPostLimits(app.effectiveLimits());
        assertThat(limits.on(LocalDate.of(2016, 12, 31)).maxBytes()).isEqualTo(TEN_MB);
        assertThat(limits.on(LocalDate.of(2017, 1, 1)).maxBytes()).isEqualTo(ORDER_BYTES);
        assertThat(limits.on(LocalDate.of(2017, 1, 1)).maxAttachments()).isEqualTo(10);
    }

    @Test
    void badDatedLimitsStopTheStartNamingTheSetting() {
        assertThat(refusal(Map.of("app.digital-post.limits[0].from", "2018-01-01",
                "app.digital-post.limits[0].max-message", "10MB", "app.digital-post.limits[1].from", "2017-01-01",
                "app.digital-post.limits[1].max-message", "20MB")))
            .contains("app.digital-post.limits must be in order");
        assertThat(refusal(Map.of("app.digital-post.limits[0].max-message", "10MB",
                "app.digital-post.limits[1].max-message", "20MB")))
            .contains("app.digital-post.limits: a from is missing");
        assertThat(refusal(Map.of("app.digital-post.limits[0].max-message", "10MB",
                "app.digital-post.limits[0].max-attachments", "0")))
            .isEqualTo("app.digital-post.limits[0].max-attachments must be at least 1 (or left out: no cap), was 0");
        assertThat(refusal(Map.of("app.digital-post.transport", "fax")))
            .isEqualTo("app.digital-post.transport must be one of [smtp, memo], was \"fax\"");
        assertThat(refusal(Map.of("app.digital-post.limit", "0B")))
            .isEqualTo("app.digital-post.limit must be positive, was 0B");
    }

    static DigitalPostSettings bind(Map<String, Object> properties) {
        return SettingsBinding.bind(DigitalPostSettings.class, properties);
    }

    static String refusal(Map<String, Object> properties) {
        return SettingsBinding.refusal(DigitalPostSettings.class, properties);
    }

}
