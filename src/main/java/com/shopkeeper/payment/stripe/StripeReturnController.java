package com.shopkeeper.payment.stripe;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Where Stripe Checkout sends the shopper back. Only a page: what counts is the signed webhook
 * (or polling), never this redirect, which anyone can open.
 */
@Controller
@Hidden
@ConditionalOnProperty(name = "shopkeeper.payment.provider", havingValue = StripePaymentProvider.NAME)
class StripeReturnController {

    @GetMapping("/pay/stripe/done")
    ResponseEntity<String> done() {
        return page("Thank you", "Your payment is being confirmed. A confirmation is on its way to your chat.");
    }

    @GetMapping("/pay/stripe/cancelled")
    ResponseEntity<String> cancelled() {
        return page("Payment not completed", "Nothing was charged. You can go back to the chat and use the link again.");
    }

    private static ResponseEntity<String> page(String title, String text) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto\"><h1>"
                + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(text) + "</p></body></html>";
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }
}
