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

    // A few words of the other languages shoppers mix in are here too ("devolución", "Versand", "Rechnung").
    private static final Map<String, Set<String>> WORDS = Map.of(
            "returns", Set.of("return", "returns", "returning", "returned", "refund", "refunds", "refunded", "exchange",
                    "exchanges", "exchanged", "send back", "send it back", "take back", "money back", "warranty", "devolver",
                    "devolución", "devolucion", "reembolso", "rückgabe", "umtausch", "umtauschen", "zurückgeben"),
            "delivery", Set.of("deliver", "delivers", "delivery", "deliveries", "delivered", "shipping", "ship", "ships",
                    "shipped", "shipment", "postage", "courier", "dispatch", "arrive", "arrives", "international", "overseas",
                    "abroad", "pickup", "pick up", "collect", "collection", "express", "next day", "same day", "envío", "envio",
                    "entrega", "lieferung", "liefern", "lieferzeit", "versand"),
            "hours", Set.of("open", "opens", "opening", "close", "closes", "closing", "closed", "hours", "timings", "timing",
                    "sunday", "saturday", "weekend", "holiday", "holidays", "horario", "öffnungszeiten"),
            "payment_methods", Set.of("paypal", "card", "cards", "credit", "debit", "cash", "cod", "upi", "klarna",
                    "installments", "instalments", "apple pay", "google pay", "bank transfer", "amex", "visa", "mastercard",
                    "crypto", "bitcoin", "emi", "net banking", "netbanking", "gpay", "paytm", "phonepe", "rupay", "wallet",
                    "afterpay", "pay later", "venmo", "zelle", "wire transfer", "sofort", "giropay", "rechnung", "invoice",
                    "bizum", "efectivo", "tarjeta", "contactless"),
            // Only how to reach the shop: "are you on instagram?" is another question (LABELS.md), as is a physical store.
            "contact", Set.of("phone", "telephone", "call", "email", "e-mail", "contact", "address", "located", "location",
                    "number", "reach", "whatsapp number", "where are you"));
    /** About the shop but none of the topics above ("are you on instagram?", "do you have a physical store?"): "other". */
    private static final Set<String> OTHER_SHOP_WORDS = Set.of("instagram", "facebook", "tiktok", "website", "social media",
            "physical store", "a store", "stores", "showroom", "branch", "branches", "gift card", "gift cards", "gift wrap",
            "gift wrapping", "discount code", "promo code", "coupon", "loyalty");

    /** In this order: "can I return it if delivery was late" is about returns. */
    private static final List<String> ORDER = List.of("returns", "payment_methods", "hours", "delivery", "contact");

    private ShopTopic() {
    }

    /** Whether {@code u} asks about the shop itself: one of the topics, or another thing of the shop's (a store, a social account). */
    static boolean aboutTheShop(Utterance u) {
        String text = " " + u.bare() + " ";
        return !of(u).equals("other") || OTHER_SHOP_WORDS.stream().anyMatch(w -> text.contains(" " + w + " "));
    }

    /**
     * Whether every word of {@code u} is a word of some topic or chat around it ("hours?", "shipping
     * cost?", "returns pls"): a question about the shop said in its topic's words alone.
     */
    static boolean saidAlone(Utterance u) {
        if (of(u).equals("other")) {
            return false;
        }
        return java.util.Arrays.stream(SPACE.split(u.bare())).allMatch(w -> TOPIC_WORDS.contains(w) || SearchQuery.chat(w)
                || OfflineNlu.FUNCTION_WORDS.contains(w) || COST.contains(w));
    }

    private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile(" ");
    /** "and wireless mice, same number", "number 2", "the number of bags": a count or a place, no phone number. */
    private static final java.util.regex.Pattern NO_PHONE_NUMBER = java.util.regex.Pattern.compile("\\bsame\\snumber\\b"
            + "|\\bnumber\\s(?:of|\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\\b");
    private static final Set<String> TOPIC_WORDS = WORDS.values().stream().flatMap(Set::stream).filter(w -> w.indexOf(' ') < 0)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> COST = Set.of("cost", "costs", "price", "fee", "fees", "charge", "charges", "time", "times", "policy", "info");

    static String of(Utterance u) {
        String text = " " + NO_PHONE_NUMBER.matcher(u.bare()).replaceAll(" ") + " ";
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
