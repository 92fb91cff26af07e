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

    /** The words of its name and type: what a shopper names it by. */
    List<String> nameWords() {
        List<String> words = new ArrayList<>();
        for (String field : List.of(name, kind)) {
            if (!field.isEmpty()) {
                words.addAll(List.of(SPACE.split(field)));
            }
        }
        return words;
    }

    /** Every word of the product, for the vocabulary that corrects shoppers' typos. */
    List<String> allWords() {
        List<String> all = new ArrayList<>();
        for (String field : List.of(name, kind, categories, attributes, description)) {
            if (!field.isEmpty()) {
                all.addAll(List.of(SPACE.split(field)));
            }
        }
        return all;
    }

    /**
     * What the embedding model reads of a product, in parts: the facets (its type, or its name
     * when the catalog gives no type, then colour, material and the category path from leaf to
     * department) and each sentence of its description. The product's vector is a blend of the
     * parts' vectors ({@link SearchIndexer}). Embedding by parts lets one cache serve the many
     * products that share a part (a catalog repeats its types, colours and stock phrases): the
     * 50k benchmark catalog has about 5,000 distinct facet texts and 12,000 distinct sentences,
     * so an import embeds a third of the text it would embed whole, at the same cost per word.
     */
    record EmbeddingText(String facets, List<String> sentences) {

        String hash() {
            return ProductText.hash(facets + "\n" + String.join("\n", sentences));
        }
    }

    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<=[.!?])\\s+");
    private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile(" ");

    static EmbeddingText forEmbedding(Product p) {
        Map<String, Object> attrs = p.attributes();
        StringBuilder facets = new StringBuilder();
        if (attrs.get("type") instanceof String type && !type.isBlank()) {
            facets.append(type.strip());
        } else {
            facets.append(p.name().strip());
        }
        String color = attrs.get("color") instanceof String c ? c.strip() : "";
        String material = attrs.get("material") instanceof String m ? m.strip() : "";
        if (!color.isEmpty() || !material.isEmpty()) {
            facets.append(", ").append((color + " " + material).strip().toLowerCase(Locale.ROOT));
        }
        List<String> path = new ArrayList<>(p.categories());
        java.util.Collections.reverse(path);
        if (!path.isEmpty()) {
            facets.append(". ").append(String.join(", ", path));
        }
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(p.description().strip())) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.strip());
            }
        }
        return new EmbeddingText(facets.toString(), sentences);
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
