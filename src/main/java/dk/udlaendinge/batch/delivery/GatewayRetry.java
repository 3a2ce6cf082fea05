package dk.udlaendinge.batch.delivery;

import java.util.function.Consumer;

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The back-off every gateway retries a transient failure with ({@code app.mail.retry.*}):
 * the mail gateway and the MeMo receiver differ only in what counts as transient and what
 * they say before a retry, so an operator's one setting means the same for both.
 */
final class GatewayRetry {

    private GatewayRetry() {
    }

    /**
     * Attempts, first delay, multiplier and longest delay from the settings; the caller
     * says which failures.
     */
    static RetryPolicy.Builder backOff(MailSettings.Retry settings) {
        return RetryPolicy.builder()
            .maxRetries(settings.maxAttempts() - 1L)
            .delay(settings.initialBackoff())
            .multiplier(settings.multiplier())
            .maxDelay(settings.maxBackoff());
    }

    /**
     * A template over {@code policy} that hands each retried item's name to
     * {@code beforeRetry}.
     */
    static RetryTemplate template(RetryPolicy policy, Consumer<String> beforeRetry) {
        RetryTemplate retry = new RetryTemplate(policy);
        retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy p, Retryable<?> r) {
                beforeRetry.accept(r.getName());
            }
        });
        return retry;
    }

}
