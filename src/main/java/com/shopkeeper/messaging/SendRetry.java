package com.shopkeeper.messaging;

import com.shopkeeper.shopper.Shopper;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platforms' quick retry of one send: a failure worth another try ({@link
 * PlatformSendException#transientFailure()}: unreachable, throttled, failing) is tried again after
 * {@code backoff}, doubled each time, up to {@code attempts} tries; a refusal fails at once. What
 * outlasts this is the caller's to keep (a turn goes back to the queue, a notice to the retrier).
 */
public final class SendRetry {

    private static final Logger log = LoggerFactory.getLogger(SendRetry.class);

    private SendRetry() {
    }

    /**
     * @param send one try, failing with a {@link PlatformSendException} that says what the platform answered
     * @return what the successful try answered (the platform's message id)
     */
    public static <T> T send(String platform, String address, int attempts, Duration backoff, Supplier<T> send) {
        Duration delay = backoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return send.get();
            } catch (PlatformSendException e) {
                if (!e.transientFailure() || attempt >= attempts) {
                    throw new PlatformSendException(e.getMessage() + " after " + attempt + " attempts", e.httpStatus(),
                            e.errorCode(), e.outsideWindow(), e.getCause());
                }
                log.warn("{}: {} sending to {}; attempt {} of {}, retrying in {}", platform, e.getMessage(),
                        Shopper.mask(address), attempt, attempts, delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new PlatformSendException("interrupted while waiting to retry", ie);
                }
                delay = delay.multipliedBy(2);
            }
        }
    }
}
