package com.shopkeeper.llm.offline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A swap: one product out of the cart and another in, said as one request ("swap it for the Sonique", "change
 * the blue one to the red one", "I'd rather have the Fable one. Swap them"). Read as a remove, then an add,
 * each gated by the table in the state the one before it leaves (issue 14, item 4), so that neither is lost:
 * read as one of them, the cart ends with both or with neither.
 *
 * <p>Only the frame is found here; each side is read for its product by the taggers as any other reference.
 * A side that only points ("it", "them") is the line under discussion, as the engine resolves it.
 */
final class Swap {

    private Swap() {
    }

    /** What goes out ({@code out}, maybe a pointer) and what comes in ({@code in}), as said. */
    record Sides(String out, String in) {
    }

    private static final String OUT = "(?<out>it|that|this|them|those|that one|this one|(?:the|my)\\s[a-z0-9'&\\s-]{1,40}?)";
    private static final String IN = "(?<in>(?:the|a|an|that|this)\\s[a-z0-9'&\\s-]{1,40}?)";
    /** What comes in named without an article, after "with" or "for": "change it with Nimbus Tech 4K one" (not a count). */
    private static final String IN_BARE = "(?<in>(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|the|it|that|this|them|those|me|you"
            + "|something|anything)\\b)[a-z][a-z0-9'&\\s-]{1,40}?\\s(?:one|ones))";
    /** The line a pointer goes back to, said earlier in the message: "that tent's too pricey, swap it for ...". */
    private static final Pattern SAID_OF = Pattern.compile("\\b(?:that|the|this|those|these)\\s([a-z][a-z-]{2,30}+)(?:'s|\\s(?:is|are|was|were))\\b");
    private static final Pattern POINTER = Pattern.compile("it|that|this|them|those|that one|this one");
    private static final String END = "\\s*+(?:[,.;!?]|$|\\s(?:please|pls|instead|then|thanks|since|because|as)\\b)";

    /** "swap it for the Sonique", "change the blue one to the red one", "replace the mug with the cup". */
    private static final Pattern FOR = Pattern.compile("\\b(?:swap|switch|exchange|replace|change|trade)\\s(?:out\\s)?+" + OUT
            + "\\s(?:for|with|to|into)\\s" + IN + END);
    private static final Pattern WITH_BARE = Pattern.compile("\\b(?:swap|switch|exchange|replace|change|trade)\\s(?:out\\s)?+" + OUT
            + "\\s(?:for|with)\\s" + IN_BARE + END);
    /** "replace the one in my cart with it": what comes in is the product named elsewhere in the message. */
    private static final Pattern WITH_IT = Pattern.compile("\\b(?:swap|switch|exchange|replace|change|trade)\\s(?:out\\s)?+" + OUT
            + "\\s(?:for|with)\\s(?:it|that|this|that one|this one)" + END);
    /** "the red one instead of the blue one". */
    private static final Pattern INSTEAD_OF = Pattern.compile("\\b" + IN + "\\sinstead of\\s" + OUT + END);
    /** "instead of the red one I want the blue one", "instead of the mug, give me the cup": what goes out said first. */
    private static final Pattern OF_INSTEAD = Pattern.compile("\\binstead of\\s" + OUT + ",?+\\s(?:(?:can you|could you|please|pls)\\s)?+"
            + "(?:i(?:'d| would)?+\\s(?:want|like|prefer|rather have|take|have|need)|i'll\\s(?:take|have)|give me|gimme|add|put|get me|send me)"
            + "\\s" + IN + END);
    /** "wrong one, i wanted the blue", "oops that's the wrong one, i meant the large": what was just added goes out. */
    private static final Pattern WRONG_ONE = Pattern.compile("^(?:(?:oops|sorry|no|ugh|ah|oh)[,!.]?+\\s)*+(?:wrong one|(?:that's|thats|that is)"
            + "\\s(?:the wrong one|not the one|not it)|not that one)[,.!]?+\\s(?:i\\s(?:wanted|meant|want|need|needed|asked for)|it should be"
            + "|should be)\\s" + IN + END);
    /** "swap them", "switch it", "swap": the product coming in is named elsewhere in the message. */
    private static final Pattern BARE = Pattern.compile("\\b(?:swap|switch|exchange)(?:\\s(?:them|it|those|that|the two|it out|them out|over))?+"
            + "\\s*+(?:[,.;!?]|$|\\s(?:please|pls|then|thanks)\\b)");

    /** The swap the message asks for, or empty; {@code text} is an {@link Utterance}'s, punctuation kept. */
    static Optional<Sides> in(String text) {
        if (text == null || text.length() > 300) {
            return Optional.empty();
        }
        Matcher m = FOR.matcher(text);
        if (m.find() || (m = WITH_BARE.matcher(text)).find()) {
            return Optional.of(new Sides(outSaid(text.substring(0, m.start()), m.group("out").strip()), m.group("in").strip()));
        }
        m = WITH_IT.matcher(text);
        if (m.find()) {
            String rest = (text.substring(0, m.start()) + " " + text.substring(m.end())).strip();
            return rest.isEmpty() ? Optional.empty() : Optional.of(new Sides(m.group("out").strip(), rest));
        }
        for (Pattern bothSides : new Pattern[] {INSTEAD_OF, OF_INSTEAD}) {
            m = bothSides.matcher(text);
            if (m.find()) {
                return Optional.of(new Sides(m.group("out").strip(), m.group("in").strip()));
            }
        }
        m = WRONG_ONE.matcher(text);
        if (m.find()) {
            return Optional.of(new Sides("it", m.group("in").strip()));
        }
        m = BARE.matcher(text);
        if (m.find()) {
            // What comes in is named in the rest of the message ("I'd rather have the waterproof Fable one").
            String rest = (text.substring(0, m.start()) + " " + text.substring(m.end())).strip();
            return rest.isEmpty() ? Optional.empty() : Optional.of(new Sides("it", rest));
        }
        return Optional.empty();
    }

    /** The side going out: a pointer is the line the words before it spoke of ("that tent's too pricey, swap it"), if any. */
    private static String outSaid(String before, String out) {
        Matcher said = POINTER.matcher(out).matches() ? SAID_OF.matcher(before) : null;
        String kind = null;
        while (said != null && said.find()) {
            kind = said.group(1);
        }
        return kind == null || !OfflineNlu.looksLikeProductWords(kind) ? out : "the " + kind;
    }
}
