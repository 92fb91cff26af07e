package com.shopkeeper.payment.sandbox;

import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.order.OrderStatusChanged.Cause;
import com.shopkeeper.payment.Payment;
import com.shopkeeper.payment.PaymentService;
import com.shopkeeper.payment.PaymentStatus;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sandbox's pay page: GET shows the order and a Pay button, POST {@code action=pay}
 * completes the payment ({@code action=cancel} gives up on it). Every answer is an HTML page
 * a shopper can read, errors included.
 */
@Controller
@Hidden
@ConditionalOnProperty(name = "shopkeeper.payment.provider", havingValue = SandboxPaymentProvider.NAME, matchIfMissing = true)
class SandboxPayController {

    private static final Logger log = LoggerFactory.getLogger(SandboxPayController.class);
    /** What {@link SandboxPaymentProvider} makes: 32 bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final PaymentService payments;
    private final OrderService orders;
    private final Clock clock;

    SandboxPayController(PaymentService payments, OrderService orders, Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.clock = clock;
    }

    @GetMapping("/pay/{token}")
    ResponseEntity<String> show(@PathVariable String token) {
        Optional<Payment> payment = find(token);
        if (payment.isEmpty()) {
            return notFound();
        }
        Order order = orders.get(payment.get().orderId());
        return unusable(payment.get(), order)
                .orElseGet(() -> html(HttpStatus.OK, SandboxPages.payPage(order, token, payment.get().expiresAt())));
    }

    @PostMapping("/pay/{token}")
    ResponseEntity<String> act(@PathVariable String token, @RequestParam(required = false) String action) {
        Optional<Payment> found = find(token);
        if (found.isEmpty()) {
            return notFound();
        }
        Payment payment = found.get();
        if (!"pay".equals(action) && !"cancel".equals(action)) {
            return html(HttpStatus.BAD_REQUEST, SandboxPages.message("Unknown action",
                    "This page understands only the Pay and Cancel buttons."));
        }
        Order order = orders.get(payment.orderId());
        Optional<ResponseEntity<String>> refusal = unusable(payment, order);
        if (refusal.isPresent()) {
            if (payment.status() == PaymentStatus.PENDING && SandboxPaymentProvider.isExpired(payment, clock.instant())) {
                payments.settle(payment, PaymentStatus.EXPIRED, Cause.PAYMENT);
            }
            return refusal.get();
        }
        boolean pay = action.equals("pay");
        boolean changed = payments.settle(payment, pay ? PaymentStatus.PAID : PaymentStatus.CANCELLED,
                pay ? Cause.PAYMENT : Cause.SHOPPER);
        Order now = orders.get(order.id());
        if (!changed) {
            // Someone else (a second click, the poller) settled it between our read and our write.
            Payment current = payments.findByProviderId(token).orElseThrow();
            return unusable(current, now).orElseGet(() -> html(HttpStatus.CONFLICT,
                    SandboxPages.message("Try again", "The payment changed meanwhile; reload the page.")));
        }
        return html(HttpStatus.OK, pay ? SandboxPages.paid(now) : SandboxPages.cancelled(now));
    }

    private Optional<Payment> find(String token) {
        return TOKEN.matcher(token).matches() ? payments.findByProviderId(token) : Optional.empty();
    }

    /** Why this link cannot be paid any more, as a page; empty when it can. */
    private Optional<ResponseEntity<String>> unusable(Payment payment, Order order) {
        String ref = order.reference();
        String why = switch (payment.status()) {
            case PAID -> "This link has already been used: order " + ref + " is paid. Thank you!";
            case CANCELLED -> "This link is no longer valid: order " + ref
                    + " was cancelled or replaced by a newer order. Ask in the chat for a new link.";
            case EXPIRED -> "This link has expired. Ask in the chat for a new order and link.";
            case FAILED -> "The payment of order " + ref + " failed. Ask in the chat to check out again.";
            case PENDING -> SandboxPaymentProvider.isExpired(payment, clock.instant())
                    ? "This link has expired. Ask in the chat for a new order and link." : null;
        };
        if (why == null && order.status() != OrderStatus.PENDING_PAYMENT) {
            why = "This link is no longer valid: order " + ref + " is " + order.status() + ".";
        }
        if (why == null) {
            return Optional.empty();
        }
        String title = payment.status() == PaymentStatus.PAID ? "Already paid" : "Link not valid";
        return Optional.of(html(HttpStatus.GONE, SandboxPages.message(title, why)));
    }

    private static ResponseEntity<String> notFound() {
        return html(HttpStatus.NOT_FOUND, SandboxPages.message("Link not found",
                "There is no payment behind this link. Check that it was copied whole."));
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer") // the token is in the URL
                .body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("sandbox pay page failed", e);
        return html(HttpStatus.INTERNAL_SERVER_ERROR, SandboxPages.message("Something went wrong",
                "Nothing was charged. Please try again in a moment."));
    }
}
