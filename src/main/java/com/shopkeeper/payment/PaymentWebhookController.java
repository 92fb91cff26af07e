package com.shopkeeper.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment providers report here. A provider that is not the active one is a 404 before the body
 * is read (the path is public: nobody gets to make it read a body for nothing). The signature is
 * verified on the raw bytes before anything of the payload is read; a bad one is a 400 and
 * changes nothing.
 */
@RestController
@Tag(name = "Payment webhooks", description = "Signed events from the payment provider")
class PaymentWebhookController {

    private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final PaymentProvider provider;
    private final PaymentService payments;
    private final MeterRegistry meters;

    PaymentWebhookController(PaymentProvider provider, PaymentService payments, MeterRegistry meters) {
        this.provider = provider;
        this.payments = payments;
        this.meters = meters;
    }

    @PostMapping("/webhook/payments/{name}")
    @Operation(summary = "Receive a payment provider's signed event (Stripe: Stripe-Signature header)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the provider's event, as it signed it")
    Map<String, Object> receive(@PathVariable String name, @Parameter(hidden = true) InputStream body,
                                @RequestHeader HttpHeaders headers) throws IOException {
        if (!provider.name().equals(name)) {
            throw new UnknownProviderException(name);
        }
        // The provider signs bytes; they are UTF-8 JSON, and the SDK hashes the string's UTF-8 bytes.
        // The body is capped as it is read (BodySizeLimitFilter).
        String payload = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        PaymentEvent event = provider.readWebhook(payload, headers::getFirst);
        boolean changed = payments.apply(event);
        return Map.of("received", true, "changed", changed);
    }

    @ExceptionHandler(InvalidWebhookException.class)
    ProblemDetail invalid(InvalidWebhookException e) {
        log.warn("payment webhook refused: {}", e.getMessage());
        meters.counter("shopkeeper.payment.webhooks", "provider", provider.name(), "outcome", "refused").increment();
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UnknownProviderException.class)
    ProblemDetail unknown(UnknownProviderException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No payment provider '" + e.name + "' is active here.");
    }

    static final class UnknownProviderException extends RuntimeException {
        final String name;

        UnknownProviderException(String name) {
            super(null, null, false, false);
            this.name = name;
        }
    }
}
