package com.shopkeeper.llm.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message written as a letter, read as its body (issue 14: shoppers who write to a shop as they would
 * write a letter). "Dear shop, / I hope this message finds you well. ... Would you show me the cardigans
 * you stock? / Kind regards, / Dorothy" asks for cardigans; the salutation, the wishes, the thanks for the
 * last answer and the signature are manners, not requests, and their words ("thanks", a name) had made
 * the whole a thank-you.
 *
 * <p>What goes, in this order: a salutation line at the top ("Dear shop,", "Good afternoon,", "To whom it
 * may concern"); a closing at the bottom ("Kind regards, / Margaret", "Yours sincerely, Dorothy
 * Pemberton", "With thanks, Harold") and the name lines under it; then sentences that are only manners
 * ("I hope this finds you well.", "Thank you kindly for the list.", "Thank you for your patience with an
 * old lady."). Only ever around something else: a message that is all manners ("Many thanks!") is kept
 * whole, for the thank-you it is. Only the shapes of a letter, so a message of one line is never cut but
 * for its manners sentences, and those only when another sentence is left.
 */
final class Letter {

    private Letter() {
    }

    /** Up to {@code most} capitalised words, as a signature writes a name ("Margaret", "Dorothy Pemberton", "Mr. J. Smith"). */
    private static String names(int most) {
        return "[\\p{Lu}][\\p{L}.'-]*+(?:\\s++[\\p{Lu}][\\p{L}.'-]*+){0," + (most - 1) + "}+";
    }

    private static final Pattern SALUTATION = Pattern.compile("(?i)^(?:(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening|day))"
            + "(?:\\s++[\\p{L}.'&-]++){0,3}+|to whom it may concern)\\s*+[,.!:;]?+$");
    private static final Pattern CLOSING = Pattern.compile("^(?i:(?:kind|best|warm|warmest|many|with (?:kind|best|warm)) regards|regards"
            + "|yours (?:sincerely|faithfully|truly)|sincerely(?: yours)?+|(?:with )?+(?:many |grateful |kind )?+thanks(?: (?:again|so much|in advance))?+"
            + "|thank you(?: (?:again|kindly|so much|in advance))?+|with (?:love|gratitude|best wishes)|best wishes|all the best|best|cheers"
            + "|love|take care|god bless|respectfully|yours)\\s*+[,.!]?+(?:\\s++" + names(3) + "\\.?+)?+$");
    /** A signature's name alone on its line: up to four capitalised words. */
    private static final Pattern NAME = Pattern.compile("^" + names(4) + "$");
    /** A closing at the end of the one line it ends: "... one set, please. Kind regards, Edith". */
    private static final Pattern TRAILING_CLOSING = Pattern.compile("(?<=[.!?])\\s++(?i:kind regards|best regards|warm regards|regards"
            + "|yours (?:sincerely|faithfully|truly)|sincerely|with thanks|many thanks|best wishes)\\s*+,?+"
            + "(?:\\s++" + names(3) + ")?+\\.?+$");
    /** Sentences that are manners only: wishes, and thanks for what was already done. */
    private static final Pattern MANNERS = Pattern.compile("(?i)^(?:i (?:do )?+hope (?:this|my) (?:message |note |email )?+finds you well"
            + "|i hope you(?: are|'re| all)?+ (?:well|keeping well|having a (?:good|nice|lovely) day)"
            + "|(?:many )?+thanks?+(?: you)?+(?: (?:so much|very much|kindly|again))?+(?: for [^?,;:]{1,80}+)?+"
            + "|to whom it may concern)\\s*+[.!]*+$");
    /** Words of a request, which no sentence of manners has: "Thanks for the list, I'll take the second." */
    private static final Pattern REQUEST_WORD = Pattern.compile("(?i)\\b(?:add|take|want|need|like|show|tell|send|remove|order|buy|pay"
            + "|checkout|check out|cart|basket|please|how|what|which|do you|can you|could you|would you|\\d)");
    private static final Pattern LINE = Pattern.compile("\\R");
    /** Where a sentence ends: after a full stop, question or exclamation mark, before the next word. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s++(?=\\S)");

    /** The body of {@code written}: {@code written} itself when it has no letter's shape or when nothing else would be left. */
    static String body(String written) {
        if (written == null || written.isBlank()) {
            return written;
        }
        List<String> lines = new ArrayList<>();
        for (String line : LINE.split(written.strip())) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        boolean changed = false;
        if (lines.size() > 1 && SALUTATION.matcher(lines.get(0)).matches() && !REQUEST_WORD.matcher(lines.get(0)).find()) {
            lines.remove(0);
            changed = true;
        }
        for (int i = lines.size() - 1; i > 0 && lines.size() - i <= 3; i--) {
            if (CLOSING.matcher(lines.get(i)).matches()) {
                // "Kind regards," and the name lines under it: everything from the closing down
                lines.subList(i, lines.size()).clear();
                changed = true;
                break;
            }
            if (!NAME.matcher(lines.get(i)).matches()) {
                break;
            }
        }
        String text = String.join("\n", lines);
        Matcher closing = TRAILING_CLOSING.matcher(text);
        if (closing.find()) {
            text = text.substring(0, closing.start());
            changed = true;
        }
        StringBuilder kept = new StringBuilder();
        boolean dropped = false;
        for (String sentence : SENTENCE_END.split(text)) {
            if (MANNERS.matcher(sentence.strip()).matches() && !REQUEST_WORD.matcher(sentence).find()) {
                dropped = true;
            } else {
                kept.append(kept.isEmpty() ? "" : " ").append(sentence.strip());
            }
        }
        if (dropped && !kept.isEmpty()) {
            return kept.toString();
        }
        return changed && !text.isBlank() ? text : written;
    }
}
