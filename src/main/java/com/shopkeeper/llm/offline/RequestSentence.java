package com.shopkeeper.llm.offline;

import com.shopkeeper.conversation.State;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sentence of a long message that makes its request (issue 14: long, chatty messages). Shoppers tell
 * a story and then ask: "So my daughter just moved into her first flat and the living room looks so
 * bare. She loves linen cushions, the soft neutral kind. Do you sell anything like that?" The message is
 * a search, but its words are not the most product-like run of the whole ("living room"): they are in
 * the sentence that asks, or, when that sentence only points back ("anything like that", "a new one"),
 * in the sentence it points to. A count is the asking sentence's too: "Our Labrador is 12 now. Add it
 * please." adds no twelve.
 *
 * <p>Which sentence asks is the learned intent model's call, sentence by sentence: the sentence it reads
 * most surely as the message's request. No sentence so read, or a message of one sentence: the whole
 * message, as before.
 */
final class RequestSentence {

    private RequestSentence() {
    }

    /**
     * Where a sentence ends: a full stop, question or exclamation mark before the next word (a line break is a
     * space by then, {@link Utterance}); not an ellipsis, which is a pause ("hmm add 2... no wait, 3"), nor "no." before a
     * number ("no. 2 - qty 3").
     */
    private static final Pattern END = Pattern.compile("(?:(?<=[!?])|(?<=(?<!\\.)\\.)(?<!\\bno\\.))\\s++|(?<=\\bno\\.)\\s++(?!\\d)");
    private static final Pattern WORD = Pattern.compile("[a-z]");
    /** More sentences than this is a letter, not a message: read whole. */
    private static final int MAX_SENTENCES = 8;

    /** The sentences of {@code u} (its normalised text), or the one text when it has one sentence. */
    static List<String> of(Utterance u) {
        List<String> out = new ArrayList<>();
        for (String s : END.split(u.text())) {
            if (WORD.matcher(s).find()) {
                out.add(s.strip());
            }
        }
        return out.size() > MAX_SENTENCES ? List.of(u.text()) : out;
    }

    /**
     * The index of the one of {@code sentences} the model reads as {@code intent} most surely (the later on a
     * tie), or -1: "Do you stock dog beds? Big ones, he's a lab." asks in its first sentence, and says more in
     * its second.
     */
    static int asking(List<String> sentences, Intent intent, State state, IntentClassifier classifier) {
        int at = -1;
        double best = 0;
        for (int i = 0; i < sentences.size(); i++) {
            IntentClassifier.Prediction p = classifier.predict(sentences.get(i), state);
            if (p != null && p.intent().equals(intent.wireName()) && p.probability() >= best) {
                at = i;
                best = p.probability();
            }
        }
        return at;
    }

    /**
     * A sentence that asks for a kind named elsewhere: "anything like that", "something similar", "a new
     * one", "one of those". Its product words are in another sentence. Not "one" alone: "one that costs a
     * bit less" refines the list shown.
     */
    static boolean pointsBack(String sentence) {
        return POINTS_BACK.matcher(sentence).find();
    }

    private static final Pattern POINTS_BACK = Pattern.compile("\\blike (?:that|this|those|these|it|them|hers|his|theirs|mine|ours)\\b"
            + "|\\b(?:similar|the same|a replacement|replace it|one of (?:those|these|them)|(?:a )?new ones?|another one)\\b");
}
