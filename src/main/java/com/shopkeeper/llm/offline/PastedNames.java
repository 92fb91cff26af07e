package com.shopkeeper.llm.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product names a shopper pasted from the shop's own list or website (issue 14: a shopper who copies rather
 * than types). "Hi, I'd like to order: / 2 x Lark Stoneware Mug Set | Sage Green – $30.00 / 1 x Oakley 34 oz
 * Glass French Press, Stainless Steel – $29.99" is two adds; "Add to cart: Drift RC Truck by Kite &amp; Kin
 * (Purple) – $38.00" is one. Read as chat, a pasted name is a search (its many product words), its commas
 * split it into requests, and its price is read as a price limit.
 *
 * <p>So, before anything else reads the message: a price pasted beside a name ("– $18.00", "$61.99" with its
 * cents) is dropped, when no price word comes before it ("under $49.99" stays a limit); and a list of
 * names, one per line, under a line that asks to have them ("Please add:", "I'd like to order:"), or every
 * line with its count ("2 x ..."), is one add per line, the name as written (the engine finds a name said
 * whole, every word in one product's name and in no other's). So is one name after a colon that asks
 * ("can I get this one: ...", "and this: ...").
 */
final class PastedNames {

    private PastedNames() {
    }

    record Line(String name, int quantity) {
    }

    /** A price as a list or a product page shows it: after a dash, or with its cents. */
    private static final Pattern PASTED_PRICE = Pattern.compile("(?<!\\s)\\s*+[–—-]\\s*+[$£€]\\s?+\\d{1,6}+(?:[.,]\\d{2})?+(?!\\d)"
            + "|(?<bare>(?<!\\s)\\s*+[$£€]\\s?+\\d{1,6}+[.,]\\d{2}(?!\\d)(?!\\s*+ones?+\\b))"); // "the $23.99 one" says which
    /** Words that make a price a limit or a question, not a label: "under $49.99", "is it $30.00?". */
    private static final Pattern PRICE_WORD = Pattern.compile("(?i)\\b(?:under|below|less than|less|over|above|more than|max|maximum|up to"
            + "|upto|budget|around|about|roughly|between|and|to|from|at most|at least|only|than|is|was|for|spend|within|cost|costs)\\s*+$");
    private static final Pattern LINE = Pattern.compile("\\R");
    /** A line that asks for what is under it: "Please add:", "I'd like to order:", "can I get these", "my order:". */
    private static final Pattern ASKS_FOR_LIST = Pattern.compile("(?i)^(?:(?:hi|hello|hey)[,!.]?+\\s++)?+(?:please\\s++)?+(?:add|order|buy"
            + "|i(?:'d| would) like(?: to (?:order|buy|get|add))?+|i want(?: to (?:order|buy|get))?+|can i (?:get|have|order)|could i (?:get|have|order)"
            + "|add to (?:my )?+(?:cart|basket)|my order|order list|the following|i'll take|i need|put these in)"
            + "(?:\\s++(?:these|this|the following|please|to my (?:cart|basket)|for me))*+\\s*+:?+\\s*+$");
    /** The same ask, then a colon and the name: "Add to cart: ...", "can I get this one: ...", "and this: ...". */
    private static final Pattern ASKS_FOR_ONE = Pattern.compile("(?i)^(?:(?:hi|hello|hey|sorry|ok|okay)[,!.]?+\\s++)?+(?:please\\s++)?+"
            + "(?:add(?: this)?+(?: too| as well)?+|add to (?:my )?+(?:cart|basket)|order|buy|i(?:'d| would) like|i want|i'll take|i need"
            + "|(?:can|could|may) i (?:get|have|order)(?: this(?: one)?+)?+|(?:and|also|plus) this(?: one)?+(?: too)?+|also|this one)\\s*+:\\s*+(?<name>.{6,200}+)$");
    /** One more name with its count: "Sorry also 1x Bramble Toys Magnetic Toy Train Set", "also ... – $18.00 x1". */
    private static final Pattern ONE_MORE_COUNTED = Pattern.compile("(?i)^(?:(?:sorry|ok|okay|oh)[,!.]?+\\s++)?+(?:and|also|plus)\\s++(?<name>.{6,200}+)$");
    /** A count before or after a name on its line: "2 x ...", "2x ...", "... x2", "... (2)", "... qty 2". */
    private static final Pattern COUNT_BEFORE = Pattern.compile("(?i)^(?<n>\\d{1,2})\\s*+[x×*]?+\\s++");
    private static final Pattern COUNT_AFTER = Pattern.compile("(?i)(?:(?<!\\s)\\s*+[,-]?+\\s*+(?:[x×*]\\s*+|qty:?+\\s*+|quantity:?+\\s*+)(?<n>\\d{1,2})"
            + "|(?<!\\s)\\s*+\\((?<p>\\d{1,2})\\))\\s*+$");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\d][\\p{L}\\d'-]*+");
    private static final Pattern BULLET = Pattern.compile("^(?:[-•*·]|\\d{1,2}[.)])\\s++");

    /** {@code text} without the prices pasted beside names; {@code text} itself when it has none. */
    static String unpriced(String text) {
        if (text == null || text.indexOf('$') < 0 && text.indexOf('£') < 0 && text.indexOf('€') < 0) {
            return text;
        }
        Matcher m = PASTED_PRICE.matcher(text);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            if (m.group("bare") != null && PRICE_WORD.matcher(text.substring(Math.max(0, m.start() - 16), m.start())).find()) {
                continue; // "under $49.99": a limit, as said (a price after a dash is a label whatever comes before it)
            }
            out.append(text, from, m.start());
            from = m.end();
        }
        return from == 0 ? text : out.append(text, from, text.length()).toString().strip();
    }

    /**
     * The names {@code written} lists to add, with their counts, or none: the message is not a list of names
     * (each name must say a word of the catalog's, {@code productWord}).
     */
    static List<Line> ordered(String written, Predicate<String> productWord) {
        if (written == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : LINE.split(written.strip())) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        if (lines.size() == 1) {
            Matcher one = ASKS_FOR_ONE.matcher(lines.getFirst());
            if (!one.matches()) {
                one = ONE_MORE_COUNTED.matcher(lines.getFirst());
                if (!one.matches() || !counted(one.group("name"))) {
                    return List.of();
                }
            }
            Line line = line(one.group("name"), productWord);
            return line == null || !OfflineNlu.SKU.matcher(line.name()).matches() && WORD.matcher(line.name()).results().count() < 3 ? List.of() : List.of(line);
        }
        boolean asked = ASKS_FOR_LIST.matcher(lines.getFirst()).matches();
        List<String> items = asked ? lines.subList(1, lines.size()) : lines;
        if (items.isEmpty() || !asked && items.size() < 2) {
            return List.of();
        }
        List<Line> out = new ArrayList<>();
        for (String item : items) {
            Line line = line(item, productWord);
            if (line == null || !asked && !counted(item)) {
                return List.of(); // one line that is no name, or a list with no ask and no counts: not an order
            }
            out.add(line);
        }
        return out;
    }

    private static boolean counted(String item) {
        String s = BULLET.matcher(item).replaceFirst("");
        return COUNT_BEFORE.matcher(s).find() || COUNT_AFTER.matcher(unpriced(s)).find();
    }

    /** One line's name and count, or null when the line names nothing of the catalog. */
    private static Line line(String item, Predicate<String> productWord) {
        String s = unpriced(BULLET.matcher(item.strip()).replaceFirst(""));
        int n = 1;
        Matcher before = COUNT_BEFORE.matcher(s);
        if (before.find()) {
            n = Integer.parseInt(before.group("n"));
            s = s.substring(before.end());
        } else {
            Matcher after = COUNT_AFTER.matcher(s);
            if (after.find()) {
                n = Integer.parseInt(after.group("n") != null ? after.group("n") : after.group("p"));
                s = s.substring(0, after.start());
            }
        }
        String name = s.strip().toLowerCase(Locale.ROOT);
        Matcher sku = OfflineNlu.SKU.matcher(name);
        if (sku.find()) {
            return new Line(sku.group(), n); // "... Purple, EU 42 (SK-000136)": the sku says which, whatever the words
        }
        if (n < 1 || name.isEmpty() || WORD.matcher(name).results().map(MatchResult::group).noneMatch(productWord)) {
            return null;
        }
        return new Line(name, n);
    }
}
