package com.shopkeeper.conversation;

import java.util.List;

/**
 * What a reply offers to tap: up to three reply buttons, or a list picker of up to ten rows (issue
 * 16). A tapped option comes back as its {@link Option#id()}, which names the call it stands for
 * ({@code Tap}), so no language understanding is needed. A platform without them sends the reply's
 * text, which always says the same in words (numbered lists, "reply *checkout*").
 *
 * <p>Titles and descriptions are kept whole here; each platform cuts them to its own limits.
 *
 * @param kind    buttons or a list
 * @param body    the short text the buttons or the list go with
 * @param button  a list's opening button ("View products"); null for buttons
 * @param options the options, in order
 * @param skus    the products the choices show, by sku (a product's retailer id in a Meta commerce
 *                catalog): a platform with the shop's catalog may show them as catalog products
 *                instead (a multi-product message for a list, a product message before the buttons).
 *                Empty when they show no product that way: "which one do you mean?" must come back
 *                as a tap, and a catalog product opens in WhatsApp instead.
 */
public record Choices(Kind kind, String body, String button, List<Option> options, List<String> skus) {

    public static final int MAX_BUTTONS = 3;
    public static final int MAX_ROWS = 10;

    public enum Kind {
        BUTTONS, LIST
    }

    /** One button or row: its id (what a tap sends back), what it says, and for a row a line under it. */
    public record Option(String id, String title, String description) {
        public Option {
            if (id == null || id.isBlank() || title == null || title.isBlank()) {
                throw new IllegalArgumentException("an option needs an id and a title");
            }
        }

        public static Option of(String id, String title) {
            return new Option(id, title, null);
        }
    }

    public Choices {
        options = List.copyOf(options);
        skus = skus == null ? List.of() : skus.stream().filter(sku -> sku != null && !sku.isBlank()).toList();
        int max = kind == Kind.BUTTONS ? MAX_BUTTONS : MAX_ROWS;
        if (options.isEmpty() || options.size() > max) {
            throw new IllegalArgumentException(kind + " take 1 to " + max + " options, not " + options.size());
        }
        if (kind == Kind.LIST && (button == null || button.isBlank())) {
            throw new IllegalArgumentException("a list needs the label of the button that opens it");
        }
    }

    public Choices(Kind kind, String body, String button, List<Option> options) {
        this(kind, body, button, options, List.of());
    }

    public static Choices buttons(String body, List<Option> options) {
        return new Choices(Kind.BUTTONS, body, null, options);
    }

    public static Choices list(String body, String button, List<Option> options) {
        return new Choices(Kind.LIST, body, button, options);
    }

    /** The same choices, showing these products (by sku; blank ones are left out). */
    public Choices showing(List<String> productSkus) {
        return new Choices(kind, body, button, options, productSkus);
    }

    /**
     * {@code s} cut to {@code max} characters (code points, so that an emoji is never split), with
     * an ellipsis when it was longer: the platforms' limits on titles and descriptions.
     */
    public static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.codePointCount(0, t.length()) <= max) {
            return t;
        }
        int end = t.offsetByCodePoints(0, max - 1);
        return t.substring(0, end).stripTrailing() + "…";
    }
}
