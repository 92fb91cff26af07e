package com.shopkeeper.shop;

import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the shop owner has said about the shop itself (issue 14, item 5), for the questions shoppers
 * ask that are not about a product or an order: {@code shopkeeper.shop.delivery}, {@code .returns},
 * {@code .hours}, {@code .contact}, {@code .payment-methods}. Each is the answer as the shopper should
 * read it. A topic with no answer is never made up: the engine says a person will answer instead.
 */
@ConfigurationProperties("shopkeeper.shop")
public record ShopAnswers(String delivery, String returns, String hours, String contact, String paymentMethods) {

    public Optional<String> answer(String topic) {
        String t = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
        String answer = switch (t) {
            case "delivery" -> delivery;
            case "returns" -> returns;
            case "hours" -> hours;
            case "contact" -> contact;
            case "payment_methods" -> paymentMethods;
            default -> null;
        };
        return answer == null || answer.isBlank() ? Optional.empty() : Optional.of(answer.strip());
    }
}
