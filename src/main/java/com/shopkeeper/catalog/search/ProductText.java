package com.shopkeeper.catalog.search;

import com.shopkeeper.catalog.Product;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What search sees of a product: the words of each field for the keyword index, and one
 * sentence-like text for the embedding model. Every field is already cut by {@link Words}, so
 * the engine's own tokenizer only has to split on spaces and stem.
 *
 * @param kind       the product type, from the {@code type} attribute when the catalog gives one
 * @param attributes colour (with its plain family), material, size, brand and any other value
 */
record ProductText(String productId, String name, String kind, String categories, String attributes,
                   String description) {

    /** Attribute keys that are not worth matching on their own. */
    private static final List<String> SKIPPED = List.of("type", "image", "image_url", "url", "id");

    static ProductText of(Product p) {
        Map<String, Object> attrs = p.attributes();
        String kind = attrs.get("type") instanceof String s ? Words.joined(s) : "";
        List<String> values = new ArrayList<>();
        attrs.forEach((key, value) -> {
            if (value == null || SKIPPED.contains(key.toLowerCase(Locale.ROOT))) {
                return;
            }
            String text = String.valueOf(value);
            switch (key.toLowerCase(Locale.ROOT)) {
                case "color", "colour" -> {
                    values.add(text);
                    String family = ColorFamilies.familyOf(text);
                    if (family != null && !Words.of(text).contains(family)) {
                        values.add(family);
                    }
                }
                // "size M" must match as a phrase, and a shoe size "EU 42" also as plain "size 42".
                case "size" -> {
                    values.add("size " + text);
                    List<String> w = Words.of(text);
                    if (w.size() == 2 && !Words.isNumber(w.get(0)) && Words.isNumber(w.get(1))) {
                        values.add("size " + w.get(1));
                    }
                }
                default -> values.add(text);
            }
        });
        return new ProductText(p.id(), Words.joined(p.name()), kind,
                Words.joined(String.join(" ", p.categories())), Words.joined(String.join(" ", values)),
                Words.joined(p.description()));
    }

    /** Every word of the product, for the vocabulary that corrects shoppers' typos. */
    List<String> allWords() {
        List<String> all = new ArrayList<>();
        for (String field : List.of(name, kind, categories, attributes, description)) {
            if (!field.isEmpty()) {
                all.addAll(List.of(field.split(" ")));
            }
        }
        return all;
    }

    /**
     * The text the embedding model reads: the type first (it is what a need maps to), then the
     * name, the category path from leaf to department, and the description.
     */
    static String forEmbedding(Product p) {
        StringBuilder text = new StringBuilder();
        if (p.attributes().get("type") instanceof String type && !type.isBlank()) {
            text.append(type).append(": ");
        }
        text.append(p.name()).append(". ");
        List<String> path = new ArrayList<>(p.categories());
        java.util.Collections.reverse(path);
        text.append(String.join(", ", path)).append(". ");
        text.append(p.description());
        return text.toString();
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
