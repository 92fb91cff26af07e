package com.shopkeeper.llm.offline;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hindi written in Latin letters inside English, as shoppers in India and its diaspora write on WhatsApp: "pehla wala
 * dikhao" (show me the first one), "do piece daal do cart mein" (add two to my cart), "40 dollar ke andar" (under 40
 * dollars), "mera order kahan hai" (where is my order). Read as the English the rules know: its words, and its verb,
 * which Hindi says last, said first.
 *
 * <p>Only a message with a word that is Hindi and no English word ("wala", "dikhao", "chahiye", "hai") is read so:
 * "do", "teen" and "char" are English words too, and stay English elsewhere. Written here because no library on Maven
 * Central reads Romanised Hindi; it is a lexicon of the few dozen words a shop hears, as {@link Utterance}'s Filipino,
 * Spanish and Scots words are.
 */
final class Hinglish {

    /** Words only Hindi has, any one of which makes the message read as Hinglish. */
    private static final Pattern MARKER = Pattern.compile("\\b(?:wala|wali|wale|waala|daal|daalo|dalo|dikhao|dikha|dikhaiye|chahiye"
            + "|chaiye|hai|hain|kya|kar|karo|kardo|mein|hata|hatao|bhej|bhejo|sabse|pehla|pehli|pehle|doosra|dusra|doosri|dusri|teesra"
            + "|tisra|teesri|chautha|kitna|kitne|nahi|nahin|haan|accha|acha|achha|theek|thik|yaar|bhai|aur|bhi|sirf|milega|milegi"
            + "|kahan|khali|rakho|batao|mera|meri|kaisa|kaise|aapke|aapka|aapki|kijiye|dijiye|karna|sasta|saste|mehenga|wapas)\\b");
    private static final Pattern PARTS = Pattern.compile("[^,.!?;]++|[,.!?;]++");
    /** "checkout karo aur payment link bhej do": two requests, each with its verb last. */
    private static final Pattern AND = Pattern.compile("(?<!\\s)\\s++aur\\s++(?=\\S++\\s++\\S)");
    private static final Pattern PARTICLES = Pattern.compile("\\b(?:yaar|yar|bhai|bhaiya|ji|na|didi|please)\\b");
    private static final Map<String, Integer> COUNTS = Map.of("ek", 1, "do", 2, "teen", 3, "char", 4, "chaar", 4, "paanch", 5);
    private static final String COUNT = "(ek|do|teen|char|chaar|paanch|\\d{1,3})";
    /** "do piece", "teen bottle": a count with what it counts. */
    private static final Pattern COUNTED = Pattern.compile("\\b" + COUNT + "\\s(?:piece|pieces|pcs|set|sets|bottle|bottles|pair|pairs"
            + "|pack|packs|unit|units|item|items|wala|wale|wali)\\b");

    /** Whole phrases and the English they say. */
    private static final String[][] PHRASES = {
            {"(?:cart|basket|trolley) (?:mein|me|main) kya(?: kya)? (?:hai|hain)", "what is in my cart"},
            {"(?:cart|basket) khali hai", "is my cart empty"},
            {"(?:mera|meri|mere) order kahan(?: tak)? (?:hai|pahuncha|hain)|order kahan hai", "where is my order"},
            {"(?:total|bill) kitna (?:hua|hai)|kitna hua(?: total)?|total kitna", "what is my total"},
            {"kitne din (?:mein|me|main|lagenge|lagte)(?: [a-z]++)*+", "how many days does it take"},
            {"sab(?: kuch)? hata do|sab hatao|sab nikal do", "remove everything"},
            {"sabse (?:sasta|saste|sasti)", "the cheapest"},
            {"sabse (?:mehenga|mehnga|mehanga|mehngi|mehengi)", "the most expensive"},
            {"(\\d{1,6}) ?(?:dollars?|bucks|usd|rs|rupees|rupaye)? (?:se kam|ke andar|ke neeche|tak)(?: (?:mein|me|main))?", "under $1 dollars"},
            {"(?:accha|acha|achha|badhiya|sahi|theek|thik) hai", "ok"},
            {"aapke paas|aap ke paas", ""},
    };

    /** What Hindi says last and English first: "X daal do" is "add X", "X hai kya" is "do you have X". */
    private static final String[][] LAST = {
            {"daal do|dal do|daalo|dalo|daal dena|daal dijiye|daal|add kar do|add kardo|add karo|add kar dijiye|add kijiye|add kar|add karna",
                    "add"},
            {"dikhao|dikha do|dikhaiye|dikhana|dikha|show karo|show kar do", "show me"},
            {"batao|bata do|bataiye|(?:kaisa|kaisi|kaise) (?:hai|hain|lagta hai)", "tell me about"},
            {"(?:kitne|kitna) (?:ka|ki|ke) (?:hai|hain|padega|padegi)|(?:kitne|kitna) ka|price kya hai|kitna hai", "how much is"},
            {"hata do|hatao|hata dijiye|hata|nikal do|nikaal do|remove kar do|remove karo", "remove"},
            {"bhej do|bhejo|bhejiye|bhej dijiye|send kar do|send karo", "send"},
            {"checkout kar do|checkout karo|checkout kijiye|checkout kar dijiye", "checkout"},
            {"order kar do|order karo|order kijiye", "place the order"},
            {"chahiye|chaiye|chahie", "i need"},
            {"(?:hai|hain|milega|milegi|milenge|mil jayega)(?: kya)?", "do you have"},
            {"kya (?:hai|hain)(?: aapki| aapka)?", "what is"},
            // "sirf night light rakho" (keep only the night light): what is kept is said by what is removed
            {"kar do|kardo|karo|kijiye|kar dijiye|rakho|rakh do", ""},
    };
    private static final Pattern[] LAST_SAID = new Pattern[LAST.length];
    private static final Pattern[] PHRASE_SAID = new Pattern[PHRASES.length];
    private static final Pattern SAID_LAST;

    static {
        StringBuilder any = new StringBuilder();
        for (int i = 0; i < LAST.length; i++) {
            LAST_SAID[i] = Pattern.compile(LAST[i][0]);
            any.append(i == 0 ? "" : "|").append(LAST[i][0]);
        }
        // Possessive spaces from the first of a run only: tried inside the run, each try read the rest of it again.
        SAID_LAST = Pattern.compile("^(.*?)(?<!\\s)\\s*+\\b(" + any + ")((?:\\s(?:cart|basket) (?:mein|me|main))?+)$");
        for (int i = 0; i < PHRASES.length; i++) {
            PHRASE_SAID[i] = Pattern.compile("\\b(?:" + PHRASES[i][0] + ")\\b");
        }
    }

    /** Words that open a clause and stay first: "haan woh daal do" is "yes, add it". */
    private static final Pattern OPENING = Pattern.compile("^((?:(?:aur|accha|acha|achha|ok|okay|haan|han|nahi|nahin|theek hai|thik hai"
            + "|toh|phir|hello|hi|hey|namaste|so)\\s)*+)(.*+)$");
    /** "bhai sleeping bag chahiye camping ke liye": who or what it is for, after the request. */
    private static final Pattern FOR_WHAT = Pattern.compile("\\s([a-z]++) ke liye$");
    private static final Pattern ENDS_IN_COUNT = Pattern.compile("^(.*?)(?<!\\s)\\s*+\\b" + COUNT + "$");
    private static final Pattern ONLY_A_COUNT = Pattern.compile("^(?:sirf|bas|only|just)?+\\s*+" + COUNT + "$");

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("pehla", "the first"), Map.entry("pehli", "the first"), Map.entry("pehle", "the first"),
            Map.entry("pahla", "the first"), Map.entry("doosra", "the second"), Map.entry("dusra", "the second"),
            Map.entry("doosri", "the second"), Map.entry("dusri", "the second"), Map.entry("doosre", "the second"),
            Map.entry("teesra", "the third"), Map.entry("tisra", "the third"), Map.entry("teesri", "the third"),
            Map.entry("chautha", "the fourth"), Map.entry("chotha", "the fourth"), Map.entry("chauthi", "the fourth"),
            Map.entry("aakhri", "the last"), Map.entry("akhri", "the last"),
            Map.entry("wala", "one"), Map.entry("wali", "one"), Map.entry("wale", "ones"), Map.entry("waala", "one"),
            Map.entry("waali", "one"), Map.entry("sasta", "cheap"), Map.entry("saste", "cheap"), Map.entry("sasti", "cheap"),
            Map.entry("mehenga", "expensive"), Map.entry("mehnga", "expensive"), Map.entry("mehanga", "expensive"),
            Map.entry("ek", "one"), Map.entry("teen", "three"), Map.entry("chaar", "four"), Map.entry("paanch", "five"),
            Map.entry("aur", "and"), Map.entry("bhi", "also"), Map.entry("haan", "yes"), Map.entry("han", "yes"),
            Map.entry("nahi", "no"), Map.entry("nahin", "no"), Map.entry("accha", "ok"), Map.entry("acha", "ok"),
            Map.entry("achha", "ok"), Map.entry("sirf", "only"), Map.entry("bas", "just"), Map.entry("mera", "my"),
            Map.entry("meri", "my"), Map.entry("mere", "my"), Map.entry("aapka", "your"), Map.entry("aapki", "your"),
            Map.entry("kuch", "some"), Map.entry("kaunsa", "which"), Map.entry("konsa", "which"), Map.entry("sab", "all"),
            Map.entry("mein", "in"), Map.entry("kya", "what"), Map.entry("hai", "is"), Map.entry("hain", "are"),
            Map.entry("woh", "it"), Map.entry("wo", "it"), Map.entry("yeh", "this"), Map.entry("ye", "this"),
            Map.entry("wapas", "back"), Map.entry("namaste", "hi"), Map.entry("abhi", "now"), Map.entry("toh", "so"),
            Map.entry("phir", "then"));
    private static final Pattern WORD = Pattern.compile("[a-z']++");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}+");

    private Hinglish() {
    }

    /** {@code typed} read as English (in lower case) where it is Hinglish; as it is otherwise. */
    static String asEnglish(String typed) {
        if (typed == null) {
            return null;
        }
        String text = typed.toLowerCase(java.util.Locale.ROOT);
        if (!MARKER.matcher(text).find()) {
            return typed;
        }
        StringBuilder out = new StringBuilder();
        Matcher part = PARTS.matcher(text);
        while (part.find()) {
            String p = part.group();
            if (Character.isLetterOrDigit(p.charAt(0)) || Character.isWhitespace(p.charAt(0))) {
                String[] requests = AND.split(p.strip());
                for (int i = 0; i < requests.length; i++) {
                    out.append(i == 0 ? " " : " and ").append(clause(requests[i].strip()));
                }
            } else {
                out.append(p);
            }
        }
        return SPACES.matcher(out.toString()).replaceAll(" ").strip();
    }

    /** One request: its particles dropped, its counts and phrases read, its last verb said first, then its words. */
    private static String clause(String said) {
        String s = PARTICLES.matcher(said).replaceAll(" ").strip();
        s = COUNTED.matcher(s).replaceAll(m -> count(m.group(1)) + " pcs");
        for (int i = 0; i < PHRASES.length; i++) {
            s = PHRASE_SAID[i].matcher(s).replaceAll(PHRASES[i][1]).strip();
        }
        String purpose = "";
        Matcher forWhat = FOR_WHAT.matcher(s);
        if (forWhat.find()) {
            purpose = " for " + forWhat.group(1);
            s = s.substring(0, forWhat.start());
        }
        Matcher opening = OPENING.matcher(s);
        String first = opening.matches() ? opening.group(1) : "";
        String rest = opening.matches() ? opening.group(2) : s;
        Matcher last = SAID_LAST.matcher(rest);
        if (last.matches()) {
            rest = fronted(last.group(1).strip(), english(last.group(2)), !last.group(3).isEmpty());
        }
        Matcher w = WORD.matcher(first + rest + purpose);
        StringBuilder out = new StringBuilder();
        while (w.find()) {
            String english = WORDS.get(w.group());
            w.appendReplacement(out, Matcher.quoteReplacement(english != null ? english : w.group()));
        }
        w.appendTail(out);
        return out.toString().strip();
    }

    /** The request with its verb first: "add the first one x1", "make sleeping bag 2", "just 1". */
    private static String fronted(String object, String verb, boolean toCart) {
        Matcher onlyCount = ONLY_A_COUNT.matcher(object);
        if (onlyCount.matches() && (verb.equals("i need") || verb.isEmpty())) {
            return "just " + count(onlyCount.group(1)); // "sirf ek chahiye": just one
        }
        Matcher endsInCount = ENDS_IN_COUNT.matcher(object);
        boolean counted = endsInCount.matches() && !endsInCount.group(1).isBlank();
        if (verb.isEmpty()) {
            return counted ? "make " + endsInCount.group(1) + " " + count(endsInCount.group(2)) : object; // "sleeping bag do kar do"
        }
        String what = counted && verb.equals("add") ? endsInCount.group(1) + " x" + count(endsInCount.group(2)) : object;
        return verb + (what.isEmpty() ? "" : " " + what) + (toCart ? " to my cart" : "");
    }

    private static String english(String said) {
        for (int i = 0; i < LAST.length; i++) {
            if (LAST_SAID[i].matcher(said).matches()) {
                return LAST[i][1];
            }
        }
        return "";
    }

    private static int count(String said) {
        Integer n = COUNTS.get(said);
        return n != null ? n : Integer.parseInt(said);
    }
}
