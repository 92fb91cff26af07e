package com.shopkeeper.llm.offline;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a question about the shop is about, from its words (the learned model has already said it
 * is one): a closed set of topics, so a few word lists do it precisely. Anything else is "other",
 * which the engine never answers by guessing: a person does.
 */
final class ShopTopic {

    private static final Map<String, Set<String>> WORDS = Map.of(
            "returns", Set.of("return", "returns", "returning", "refund", "refunds", "exchange", "exchanges", "send back",
                    "money back", "warranty"),
            "delivery", Set.of("deliver", "delivers", "delivery", "deliveries", "shipping", "ship", "ships", "shipped",
                    "postage", "courier", "dispatch", "arrive", "arrives", "international", "overseas", "abroad", "pickup",
                    "pick up", "collect", "collection"),
            "hours", Set.of("open", "opening", "close", "closing", "closed", "hours", "timings", "sunday", "saturday",
                    "weekend", "holiday", "holidays"),
            "payment_methods", Set.of("paypal", "card", "cards", "credit", "debit", "cash", "cod", "upi", "klarna",
                    "installments", "instalments", "apple pay", "google pay", "bank transfer", "amex", "visa", "mastercard",
                    "crypto", "bitcoin"),
            "contact", Set.of("phone", "call", "email", "e-mail", "contact", "address", "located", "location", "number",
                    "reach", "whatsapp number", "instagram", "where are you"));
    /** In this order: "can I return it if delivery was late" is about returns. */
    private static final List<String> ORDER = List.of("returns", "payment_methods", "hours", "delivery", "contact");

    private ShopTopic() {
    }

    static String of(Utterance u) {
        String text = " " + u.bare() + " ";
        for (String topic : ORDER) {
            for (String w : WORDS.get(topic)) {
                if (text.contains(" " + w + " ")) {
                    return topic;
                }
            }
        }
        return "other";
    }
}
