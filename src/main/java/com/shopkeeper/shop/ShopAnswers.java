package com.shopkeeper.shop;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the shop owner has said about the shop in the configuration (issue 14, item 5):
 * {@code shopkeeper.shop.delivery}, {@code .returns}, {@code .hours}, {@code .contact},
 * {@code .payment-methods}, each the answer as the shopper should read it. An admin's answer in the
 * settings ({@link ShopSettings}) takes precedence; a topic with neither is never made up.
 */
@ConfigurationProperties("shopkeeper.shop")
public record ShopAnswers(String delivery, String returns, String hours, String contact, String paymentMethods) {

    Optional<String> answer(Topic topic) {
        String answer = switch (topic) {
            case DELIVERY -> delivery;
            case RETURNS -> returns;
            case HOURS -> hours;
            case CONTACT -> contact;
            case PAYMENT_METHODS -> paymentMethods;
        };
        return answer == null || answer.isBlank() ? Optional.empty() : Optional.of(answer.strip());
    }
}
