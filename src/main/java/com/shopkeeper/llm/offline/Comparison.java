package com.shopkeeper.llm.offline;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question that weighs two products against each other: "how does the first compare to the second?",
 * "which is firmer, the first or the second?", "the chocolate one vs the olive one", "what's the price
 * difference between the Flowfit and the Willa?". It asks about both, and it takes neither: read as one look
 * at one of them, the "add one" that follows would add a product the shopper never chose (issue 14: never act
 * on a guess). Read as two looks, and the engine puts neither in focus.
 *
 * <p>Only the frame is found here: the two sides, each read for its product by the same taggers as any other
 * reference. A frame whose sides do not both name or point at a product ("do you have it in blue or red?")
 * is no comparison.
 */
final class Comparison {

    private Comparison() {
    }

    /** A side of a comparison: a product pointed at or named, short, starting as a reference does. */
    private static final String SIDE = "(?:(?:the|that|this|number|no\\.?|#)\\s?+)?+[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,4}?";

    private static final List<Pattern> FRAMES = List.of(
            // "what's the (price) difference between X and Y", "diff btw 1 and 2"
            Pattern.compile("\\b(?:differences?|diff)\\s(?:between|btw|b/w)\\s(?<a>" + SIDE + ")\\s(?:and|&|n|vs\\.?|versus)\\s(?<b>" + SIDE + ")$"),
            // "how does the first compare to the second", "X stacks up against Y"
            Pattern.compile("^(?:how\\s(?:does|do|would)\\s)?+(?<a>" + SIDE + ")\\s(?:compares?|stacks? up)\\s(?:to|with|against)\\s(?<b>" + SIDE + ")$"),
            // "compare the first and the second", "can you compare X with Y"
            Pattern.compile("\\bcompare\\s(?<a>" + SIDE + ")\\s(?:and|to|with|vs\\.?|versus|against)\\s(?<b>" + SIDE + ")$"),
            // "the chocolate one vs the olive one", "X versus Y"
            Pattern.compile("^(?<a>" + SIDE + ")\\s(?:vs\\.?|versus)\\s(?<b>" + SIDE + ")$"),
            // "X or Y" where the message asks which ("which is firmer, the first or the second?")
            Pattern.compile("^(?:(?:should i (?:get|take|go with|go for|buy)|would you (?:pick|choose|recommend)|which (?:one|is|would)[a-z ']*?)\\s)?+"
                    + "(?<a>(?:the|that|this|number|no\\.?|#)\\s?+[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,4}?)\\sor\\s(?<b>" + SIDE + ")$"));

    /** What says the message weighs its sides: a frame above needs one of these somewhere in the message (an "or" alone does not). */
    private static final Pattern WEIGHS = Pattern.compile("\\b(?:which|whichever|differences?|diff|compare|compares|vs|versus|better|prefer"
            + "|stack up|stacks up|should i (?:get|take|go with|go for|buy))\\b");

    /** The first two of the list, said as a pair: "compare the first two", "the difference between the top 2". */
    private static final Pattern FIRST_TWO = Pattern.compile("\\b(?:compare|differences?|diff)\\b(?:\\s(?:between|btw|of))?+\\s(?:the\\s)?+(?:first|top)\\s(?:two|2)\\b");

    private static final Pattern CLAUSES = Pattern.compile("[,;:?!]++|(?<!\\.)\\.++(?=\\s|$)");
    private static final Pattern TRAILING = Pattern.compile("(?<!\\s)\\s++(?:one|ones)\\s++(?:for|in|on|when|if)\\b.*$");

    /** The two sides of the comparison the message makes, as said, or empty; {@code text} is an {@link Utterance}'s, punctuation kept. */
    static Optional<List<String>> sides(String text) {
        if (text == null || text.length() > 200 || !WEIGHS.matcher(text).find()) {
            return Optional.empty();
        }
        for (String clause : CLAUSES.split(text)) {
            if (FIRST_TWO.matcher(clause).find()) {
                return Optional.of(List.of("the first", "the second")); // "compare the first two", "diff between the top 2"
            }
            String c = TRAILING.matcher(clause.strip()).replaceFirst(" one");
            for (Pattern frame : FRAMES) {
                Matcher m = frame.matcher(c);
                if (m.find()) {
                    String a = m.group("a").strip();
                    String b = m.group("b").strip();
                    if (!a.equals(b)) {
                        return Optional.of(List.of(a, b));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
