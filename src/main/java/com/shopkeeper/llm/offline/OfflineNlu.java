package com.shopkeeper.llm.offline;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.SearchWords;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intent and slots for one shopper message, with no network and no key.
 *
 * <p>Rules come first: they are fast, precise and explainable, and WhatsApp shoppers mostly use a
 * small set of phrasings. The conversation state is the prior for the short replies that mean
 * nothing alone ("yes", "2", "pay"). What no rule recognises goes to the nearest bundled example
 * phrasing under the in-process MiniLM model ({@link EmbeddingIntents}).
 */
final class OfflineNlu {

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    /** Asking for a person: "talk to a human", "speak with someone real", "get me an agent", "customer service". */
    private static final Pattern ASK_PERSON = Pattern.compile(
            "\\b(?:talk|speak|chat|connect me|put me through|transfer me|pass me|forward me|hand me over)\\s+(?:to|with)\\s+(?:a\\s+|an\\s+|the\\s+|some\\s+|your\\s+)?(?:real\\s+)?"
                    + "(?:human|person|agent|someone|somebody|staff|manager|owner|representative|rep|people|support|customer service"
                    + "|customer care|your team|the team|a member of staff)\\b"
                    + "(?!\\s+(?:about|regarding)\\b)"
                    + "|\\b(?:real|live)\\s+(?:human|person|agent)\\b"
                    + "|\\b(?:get|want|need)\\s+(?:me\\s+)?(?:a|an)\\s+(?:human|agent|person)\\b");
    /** Someone of the shop's, named: what turns a request for help into a request for a person. */
    private static final Pattern PERSON_NOUN = Pattern.compile("(?<!\\d-)\\b(?:human|humans|person|agent|staff|manager|owner|representative"
            + "|operator|someone|somebody|anyone|anybody|member of staff|customer service|customer care|support team|your team"
            + "|humano|persona|mitarbeiter|mensch|personne|humain)\\b");
    /** "can someone from the shop call me", "I'd like a callback": a person of the shop to get in touch. */
    // From the first who only, taken atomically: tried from every one, each would read the rest of the text again.
    private static final Pattern CALL_ME = Pattern.compile("^(?>.*?\\b(?:someone|somebody|anyone|a person|staff|member of staff|your team"
            + "|the owner|a human|you guys|the shop)\\b).*\\b(?:call|ring|phone|message|text|contact|get back to|reach)\\s+me\\b"
            + "|\\bcall ?back\\b|\\bcall me back\\b");
    /** What a question is about, when it names it: then it is that question, not only a wish for a person. */
    private static final Pattern PERSON_TOPIC = Pattern.compile(
            "\\b(?:deliver|shipping|ship|return|refund|exchange|hours|open|clos|order|pay|price|stock|size|track)");
    /** The word alone: "human", "agent pls", "operator!". */
    private static final Pattern PERSON_ALONE = Pattern.compile("(?:a\\s+)?(?:human|agent|operator|person)(?:\\s+(?:please|pls|plz))?\\W*");
    private static final Pattern GREETING = p("^(?:hi+|hello+|hey+|hiya|hola|yo|howdy|greetings|sup|good (?:morning|afternoon|evening|day)"
            + "|morning|evening)(?: there| all| guys| team| friend| bot)?(?:,? ?(?:what's up|how are you|how r you|how's it going))?$"
            + "|^(?:what's up|how are you)$");
    private static final Pattern GREETING_PREFIX = p("^(?:hi+|hello+|hey+|hiya|hola|yo|good (?:morning|afternoon|evening))(?: there)?\\b[ ,!.]*");
    private static final Pattern HELP = p("^(?:help|menu|options|commands|start|\\?+)$|\\bhelp\\b|what can (?:you|i) (?:do|ask)"
            + "|what do you do|how (?:does|do) (?:this|it|you) work|how (?:do|can) i (?:use|shop|order with)|what are my options"
            + "|(?:i'm|i am) (?:confused|lost)|what do i do|how does this bot|what can you help|instructions");
    // "help me find a lamp" asks for a lamp, not for help; "abeg help me to checkout" asks to check out.
    private static final Pattern HELP_FINDING = p("\\bhelp (?:me )?(?:to )?(?:find|finding|with|choos|pick|look|get|getting|buy"
            + "|check ?out|checking out|pay|order|place)");
    // There is no function to cancel or change an order: say so (other) rather than remove something from the cart.
    private static final Pattern ORDER_CHANGE = p("\\b(?:cancel|change|modify|edit|amend) (?:my|the|this|that) (?:order|purchase)\\b");
    // "the cheapest headphones" is a search ordered by price, not a product already shown.
    private static final Pattern SUPERLATIVE = p("\\b(?:cheapest|best|most popular|newest|latest|top rated|best selling|priciest)\\b");
    private static final Pattern STATUS = p("\\border status\\b|^status\\b|\\bstatus of my\\b|\\btrack(?:ing)?\\b"
            + "|where(?:'s| is) my (?:order|package|parcel|stuff|delivery|purchase)|\\bwhere are my\\b"
            + "|\\b(?:has|have|did) my (?:order|package|parcel|stuff)\\b|\\bshipped\\b|\\barrive|\\bdelivered\\b"
            + "|when will (?:my|it|they)|did (?:my|the) payment|payment (?:go through|went through|received|confirmed)"
            + "|(?:receive[d]?|get|got) my (?:payment|money)|\\bi(?:'ve| have)? (?:already )?paid\\b|^paid\\b|\\bis my order\\b"
            + "|what happened to my (?:last )?order|my (?:last )?order (?:hasn't|has not|didn't|never|is late)|\\bmy orders\\b");
    private static final Pattern LINK = p("\\blink\\b|\\bpayment page\\b|(?<!\\bfor (?:the|an|a|my|our) )\\binvoice\\b|where (?:do|can|should) i pay"
            + "|how (?:do|can|should) i pay|\\bpay (?:by|with|via|using) |\\bcan i pay\\b|\\bpay(?:ment)? (?:link|url)\\b");
    /** A way to pay asked about, not a payment asked for: "can i pay by card", "could we pay with paypal", "pay in cash?". */
    private static final Pattern METHOD_ASKED = p("\\b(?:can|could|may)\\s(?:i|we|u|you)\\s(?:also\\s)?+(?:pay|use)\\b"
            + "|\\bpay\\s(?:by|with|via|using|in)\\s[^?]{1,30}\\?");
    private static final Pattern CHECKOUT = p("\\bcheck ?out\\b|\\bplace (?:the |my |an )?order\\b|\\border (?:it|them|now|everything)\\b"
            + "|\\bi(?:'d| would)? (?:want|like) to (?:order|pay|buy (?:it all|everything|them all))\\b(?!\\s(?:the|that|this|these|those|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
            + "|twelve|dozen|precisely|exactly|just|only|some|more|another|\\d)\\b)|\\bready to (?:pay|order|buy)\\b"
            + "|\\bring\\s(?:it|them|that|those|me|us|everything|it all)\\sup\\b" // "ring it up before I come to my senses"
            + "|\\bpay now\\b|\\bi'll pay\\b|\\blet me pay\\b|\\bbuy (?:now|it all|them all|everything|all)\\b"
            + "|\\b(?:complete|finish|finalize|confirm) (?:my |the )?(?:order|purchase)\\b|^pay(?: please)?$|\\bproceed\\b"
            // "ok finish", "finalise it now": the purchase ended, said with the verb alone
            + "|\\b(?:let'?s|let us|time to) wrap (?:this|it|things|everything) up\\b"
            + "|^(?:(?:ok|okay|so|then|alright|right|fine|yes|yeah|done)\\s)?+(?:finish|complete|finalize|finalise|wrap it up)"
            + "(?:\\s(?:it|this|now|please|then))*+$");
    // "take ... out", "put ... in the cart": tried from every "take" each would read the rest of the
    // text again (quadratic in a text of "take take take..."); the first one, taken atomically, stands for all.
    private static final Pattern REMOVE = p("\\b(?:remove|delete|ditch|get rid of|take (?:out|off)|take (?:it|them|that|this|those|these) off|drop|cancel (?:the|that|this|those|my|item|one|\\d)"
            + "|(?:don't|do not|no longer) (?:want|need)|discard|forget (?:about )?(?:the|that|this|it)|scratch (?:the|that|my))\\b"
            // "take 1 string lights off", "take their two off"
            + "|^(?>.*?\\btake\\b).*\\bout\\b|\\btake\\s(?:[a-z0-9'-]++\\s){1,4}?off\\b|\\bout of (?:my|the) (?:cart|basket|bag)\\b"
            // "Knock one off": one fewer ("knock a bit off" asks for a discount)
            + "|\\bknock\\s(?:one|two|three|1|2|3)\\s(?:of\\s(?:them|those|these)\\s)?+off\\b");
    private static final Pattern ADD = p("\\badd\\b|^(?>.*?\\bput\\b).*\\b(?:cart|basket|bag)\\b|\\bput (?:it|that|this|them|\\d|one)\\b"
            + "|\\bi'll (?:take|have|get)\\b|\\btake (?:it|that|this|those|them|the|one|\\d|two|three|four|five|a couple|a dozen)\\b"
            + "|\\bbuy (?:it|that|this|those|them|the|one|\\d)\\b|^buy$|\\bi want (?:it|that|this|those|them|the (?:\\w+ )?one)\\b"
            + "|\\b(?:give|get) me (?:\\d|one|two|three|four|five|six|a couple|a dozen|a pair|that|it|this)\\b"
            + "|\\b(?:can|could|may) i (?:get|have|order) (?:\\d|one|two|three|four|five|six|a couple|a dozen|a pair|that|it|this)\\b"
            // "can I get the classic red one?": a pick asked for, in the shop's sense of "get"
            + "|\\b(?:can|could|may) i (?:get|have|order) the (?:[a-z0-9'&-]++ ){1,3}?ones?\\b"
            // "lemme grab the cheaper cordless one", "let me get the blue one"
            + "|\\b(?:lemme|let me|imma|i'mma|gonna) (?:grab|get|take|have) the (?:[a-z0-9'&-]++ ){1,3}?ones?\\b"
            + "|\\bi(?:'d| would) like (?:it|that|this|one|\\d)\\b|\\bi'll buy\\b|\\bi want to buy (?:it|this|that|the)\\b"
            // "book me one", "reserve me two of those": taking, said as a booking
            + "|\\b(?:book|reserve|save) (?:me|us) (?:\\d|one|two|three|four|five|a couple|a pair|that|it|this|those|them)\\b");
    private static final Pattern CART = p("\\b" + Utterance.CART_WORDS + "\\b|\\btotal\\b|how much do i owe|what do i have"
            + "|what have i (?:got|added|chosen|picked)|\\bmy items\\b"
            // "and how many bands do I have?": a count of the shopper's own, asked
            + "|\\bhow many\\s(?:[a-z'-]++\\s){0,3}?(?:do i have|have i got|did i (?:add|order|put|get))\\b");
    /** A kind in the plural and the shop's having it: "the jigsaw puzzles you have available", "what cardigans do you stock". */
    private static final Pattern THE_RANGE = p("\\b(?:the|what|which|any|all|your)\\s(?:[a-z-]++\\s){0,2}?[a-z-]{3,}+(?<=s)\\s(?:(?:that\\s)?+you|do you|you've)"
            + "\\s(?:have|stock|sell|carry|got|offer|do)\\b");
    private static final Pattern DETAILS = p("\\btell me (?:more|about)\\b|\\bmore (?:info|information|details)\\b|\\binfo (?:on|about|for)\\b"
            + "|\\bdetails?\\b|\\bspecs?\\b|\\b(?:what|how) about (?:the|it|this|that|number|#)|\\bprice of\\b|\\bhow much (?:is|for|does) (?:the|it|this|that)"
            + "|^(?:what's )?(?:the )?price\\b|\\bcost\\b|\\bin stock\\b|\\bavailable\\b|\\bavailability\\b|\\bwhat colou?r"
            + "|\\bwhat size|\\bsizes\\b|\\bhow (?:big|large|small|heavy|tall|wide|long)\\b|\\bdimensions?\\b|\\bmade of\\b"
            + "|\\bmaterial\\b|\\bpics?\\b|\\b(?:photos?|pictures?)\\b(?!\\s(?:frames?|albums?|books?|ledges?|hooks?|lights?)\\b)|\\bimages?\\b|\\bdoes (?:it|this|that) (?:come|have|fit|work)"
            + "|\\bis (?:it|this|that)\\b|\\b(?:show me|can i see|let me see|see) the\\b|\\blooks? (?:nice|good|great|cool)\\b"
            + "|\\bwhat's (?:it|this|that) like\\b|\\breviews?\\b|\\bwarranty\\b");
    // "ok second", "yes the second": a place said with an agreement before it (a number after "ok" stays a count)
    // ("show me 2nd", as "2nd 👀" reads: the place, shown)
    private static final Pattern BARE_REF = p("^(?:(?:(?:ok|okay|so|yes|yeah|yep|hmm+|um+|then|and|alright|right)[,.!]*+ )++(?=(?:the )?+[a-z])|show me )?+"
            + "(?:the )?(?:(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th"
            + "|eighth|8th|ninth|9th|tenth|10th|last)(?: one)?|(?:number|no|#|item|option) ?\\d{1,2}|#\\d{1,2}|\\d{1,2}(?: one)?)(?: please| then)?$");
    /** Whether a message, read bare, takes back what was just done ("no no, undo that", "scratch that"). */
    static boolean undoes(String bare) {
        return UNDO.matcher(bare).matches();
    }

    /** Whether a message, read bare, only agrees ("yes please", "sure, go ahead"). */
    static boolean agrees(String bare) {
        return YES.matcher(bare).matches();
    }

    private static final Pattern YES = p("^(?:(?:lovely|brilliant|nice|cool|grand|great|perfect|class)[ ,!.]+)?"
            // "go on so", "grand so", "say less", "that'll do nicely", "sold!": agreeing, in Irish, British and teen words
            + "(?:yes|yeah|yea|yep|yup|ya|yah|can|sure|ok|okay|k|kk|alright|all right|go ahead|do it|let's do it"
            + "|go on|go on so|go on then|grand so|say less|sold|that'll do|that will do|that'll do nicely|that will do nicely"
            + "|let's go|confirm|confirmed|sounds good|perfect|great|please do|absolutely|of course|definitely|why not|done|deal|sure thing"
            + "|that's it|that's all|correct|right|proceed|looks good|looks right|looks correct|looks fine|all good|that's right|that's correct)"
            + "(?:[ ,]+(?:yes|please|pls|plz|thanks|thx|go ahead|sure|do it|let's do it|then|why not|sounds good|perfect|great|ok|okay"
            + "|looks good|all good))*$");
    /** Taking the product pointed at, as a clause of its own: "i need it", "so i guess we'll get that one". */
    private static final String TAKES_IT = "(?:so\\s)?+(?:i\\s(?:guess|think)\\s)?+(?:i|we)(?:'ll|\\swill)?+\\s(?:need|want|take|buy|get)"
            + "(?:\\s(?:to\\s)?+(?:buy|take|get|have))?+\\s(?:it|them|that|this|that one|this one)";
    /** The product looked at taken without naming it: a learner's "i want", "i take", an approval that it is what was sought. */
    private static final Pattern TAKEN_AS_IS = p("^(?:(?:ok|okay|ya|yah|yes|yeah|yep|alright|can|sure|fine|so|then|perfect|great|wow|omg)\\s)*+"
            + "(?:" + TAKES_IT + "|i(?:'ll| will)?+\\s(?:want|take|buy|get)(?:\\s(?:it|this|that|this one|that one|one))?+"
            + "|(?:that's|this is|thats|it's|its)\\s(?:exactly\\s|just\\s)?+what\\si(?:'ve)?+\\s(?:need|needed|want|wanted"
            + "|was looking for|been looking for|was after)|take my money|shut up and take my money"
            // "that one's coming home with me", "in it goes", "into the basket it goes": taking it, said as where it goes
            + "|(?:that|this|it)(?:\\sone)?+(?:'s|\\sis)\\scoming\\s(?:home\\s)?+with\\sme"
            + "|in(?:to)?+\\s(?:the\\s|my\\s)?+(?:" + Utterance.CART_WORDS + "\\s)?+(?:it|she|they|that one)\\sgo(?:es)?+)"
            + "(?:\\s(?:please|pls|lah|la|leh|already|now|then|thanks))*+$");
    private static final Pattern OTHER = p("\\bthank(?! (?:goodness|god|heavens))|\\bbye\\b|\\bgoodbye\\b|\\bsee (?:you|ya)\\b|^(?:lol|lmao|haha\\w*+)(?:\\s(?:lol|lmao|haha\\w*+))*+$|\\bjoke\\b|\\bweather\\b"
            + "|\\bwho (?:made|built|created|are) you\\b|\\bare you (?:a |an )?(?:bot|human|real|robot|ai|person)\\b|\\breturns?\\b"
            + "|\\brefund|\\bpolicy\\b|\\bdeliver(?:y)? to\\b|\\bdo you deliver\\b|\\bshipping\\b|\\bship to\\b|\\bstore in\\b|\\bopening hours\\b"
            + "|\\byour name\\b|^(?:ok|okay|cool|nice|great|awesome|k|nevermind|never mind|no|nope|nah|hmm+|wow)$|\\bphysical (?:shop|store)\\b"
            + "|\\bcontact\\b|\\bphone number\\b|\\bcomplain|^(?:no|nope|nah|wait|hold on|not now|later|stop|sorry)(?:[ ,]+(?:no|wait|thanks|thank you|not now|hold on|sorry))*$"
            + "|\\btoo (?:expensive|pricey|much|dear|costly|steep)\\b");
    /**
     * "boss, got sell power bank or not?" (read as "do you have sell power bank"), "do you still have the zephyr deep
     * conditioner": whether the shop still has, or sells at all, things the catalog's words name, a search for them (a plain
     * "do you have X" is the model's: "do you have gift wrap" asks the shop).
     */
    private static final Pattern HAS_IT = p("^(?:(?:boss|hello|hi|hey|ok|so|and|also|sis|bro|lah)[ ,]++)*+(?:do\\s)?+(?:you|u)\\s"
            + "(?:still\\s(?:have|sell|stock|carry)|have\\ssell)\\s(?:(?:any|some|the)\\s)?+(?<what>[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,3}+)$");
    private static final Pattern SEARCH = p("\\bdo you (?:also |still )?(?:have|sell|carry|stock|do)\\b"
            + "|\\bhave you got\\b|\\bgot any\\b|^any\\b|\\bany \\w+"
            + "|\\bshow me\\b|\\blooking for\\b|\\blook(?:ing)? (?:at|for)\\b|\\bsearch|\\bfind\\b|\\bi need\\b|^need\\b|\\bi want (?:a|an|some|to buy a|to buy an|to buy some)\\b"
            + "|\\bi'm after\\b|\\bsomething (?:for|to|like)\\b|\\banything (?:for|to|like)\\b|\\bwhat do you have\\b|\\bwhat about\\b"
            + "|\\bhow about\\b|\\brecommend|\\bsuggest|\\bbrowse\\b|\\bi want a\\b|\\bi want\\b"
            + "|\\bi'd like (?:to see |to buy )?(?:a|an|some)\\b|\\bsee some\\b|\\bhelp (?:me )?find");
    /** A sku as shoppers write it, lower-cased ("sk-000136"): also what {@link PastedNames} looks for in a pasted line. */
    static final Pattern SKU = p("\\b[a-z]{2,4}-\\d{3,8}\\b");
    // A pointing word starts the name or nothing: "sold the sable one" takes the product, it does not name "sold the sable".
    private static final Pattern NAMED_REF = p("^(?:(?:the|that|this|those|these)\\s+)?([a-z0-9'&-]+(?:\\s+(?!(?:the|that|this|those|these)\\s)[a-z0-9'&-]+){0,2})\\s+ones?"
            + "(?:\\s+(?:please|then|maybe|instead|how much(?: is it)?|price|what's the price|is it nice))?$");
    // Words that make "<words> one" something other than picking a product: "add one", "just one", "another one".
    static final Set<String> NOT_A_PICK = Set.of("add", "take", "buy", "get", "want", "need", "remove", "delete", "make",
            "just", "only", "another", "more", "less", "which", "what", "no", "not", "any", "each", "every", "all", "same", "next",
            "keep", "save", "hold", "reserve",
            "i'll", "i", "me", "give", "one", "of", "and", "or", "other", "new", "put", "drop", "order", "show", "find", "have",
            "yes", "ok", "okay", "plus", "for", "cheaper", "cheap", "pricier", "bigger", "smaller", "better", "nicer", "newer",
            "similar", "different", "else", "others", "some", "checkout", "check", "pay", "gimme", "grab",
            // "my sister wants one", "he needs one too": someone wanting one of it, a sentence and no pick
            "my", "his", "her", "our", "their", "he", "she", "we", "they", "you", "wants", "needs", "likes", "like", "loves",
            "love", "prefers", "has", "gets", "buys", "takes",
            // "looks great, one please": liking it, then how many
            "looks", "look", "great", "good", "perfect", "cool", "nice", "lovely", "awesome", "fine");
    private static final Pattern NUMBER_OR_LAST = p("\\d+|last|middle");
    /** A price said as which one, with its cents or its currency ("the 30.99 one", "the $20 one"): never a place in a list. */
    private static final Pattern PRICE_REF = p("[$£€]\\s?+\\d{1,6}+(?:\\.\\d{1,2})?+|\\d{1,6}+\\.\\d{2}");
    /** A place in the list shown, said as such: "the second curtains", "the 3rd one", "number 2 on your list". */
    private static final Pattern PLACE_IN_LIST = p("\\bthe (?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\\b|\\b(?:number|no\\.|#)\\s?+[1-5]\\b"
            + "|\\b(?:on|in|from) (?:your|the) list\\b"
            // "show me second", "give me first": a place said with no article, as a learner whose language has none says it
            + "|\\b(?:show me|give me|see|about|take|open)\\s(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)(?:\\s(?:one|please|pls))?+\\s*+[.!]*+$");
    /** Below this, the model's search is weighed against a place in the list the message names. */
    private static final double UNSURE_SEARCH = 0.7;
    /** Every one of a list, none named: "both please", "i'll take all three", "add both of them". */
    private static final Pattern EVERY_ONE = p("^(?:(?:ok|okay|oh|hmm+|um+|well|yes|yeah|then|so)[,.!]*+\\s)*+"
            + "(?:(?:i(?:'ll| will)?+\\s(?:want|take|have|get)|i'd like|give me|gimme|add|get me)\\s)?+"
            + "(?:both|all three|all 3|all of them|both of them|the two of them|all of these|all of those|the lot)"
            + "(?:\\s(?:please|pls|plz|then|thanks))?+");
    static final String WHICH_ONES = "Which ones would you like? Say, for example, *add the 1st and the 3rd*.";
    /** One clause refusing a change: "don't add it", "no, do not order yet", "pls dont put it in my cart". */
    private static final Pattern REFUSES_TO_ACT = p("^(?:(?:no|nah|nope|wait|oh|ok|okay|please|pls|plz|actually|hmm+|sorry)[,.!]*+\\s++)*+"
            + "(?:don't|dont|do not)\\s(?:add|buy|order|put|get|take|include|send|check ?out)\\b[^,.;!?]*+[.!]*+$");
    private static final Pattern DECLINE = p("\\b(?:don't|do not|dont|doesn't|does not|doesnt) (?:want|need) (?:a|an|any|anything|extra|more)\\b");
    // A few product words ending in a plural, nothing else: "jigsaw puzzles?", "hoodies", "cuting boards".
    private static final Pattern PLURAL_WORDS = p("^(?:[a-z'&-]++\\s){0,3}+[a-z'&-]*[^s\\s]s$");
    private static final Pattern THE_WORDS_1 = p("^the\\s(?:[a-z'&-]++\\s){1,2}+1$");
    private static final Pattern POINTER_WORD = p("\\b(?:one|ones|it|this|that)\\b");
    /** "show me the Aurelle face moisturizers": the message ends on a kind in the plural, asked to be shown. */
    private static final Pattern SHOW_THE_KIND = p("\\bshow\\s(?:me|us)\\s(?:the|your)\\s(?:[a-z-]++\\s){0,3}?[a-z-]{3,}+(?<=[a-rt-z]s)"
            + "(?:\\s(?:please|pls|too|as well|thanks|thank you))?+$");
    /** Whether the message asks to be shown a kind in the plural, naming products and pointing at none ({@link #SHOW_THE_KIND}). */
    private boolean showsAKind(String b, Utterance body, State s) {
        return SHOW_THE_KIND.matcher(b).find() && !POINTER_WORD.matcher(b).find() && namesProductsOrTheirPlural(searchIn(body, s).subject());
    }

    /** "is there a ...", "hi, are there any ...": whether the shop has something, asked. */
    private static final Pattern THERE_IS_A = p("^(?:(?:hi|hello|hey|hiya|so|ok|okay|and|also|oh|um|hmm)\\s){0,3}+(?:is|are)\\sthere\\s(?:a|an|any|some)\\s");
    // "4-person", "1000-piece": a size is a word of the product
    private static final Pattern PRODUCT_WORD = p("[a-z][a-z'&-]*|\\d{1,4}(?:-[a-z]++)?+");
    private static final Pattern ANOTHER_ONE = p("\\banother one\\b");
    private static final Pattern SPACES = p("\\s+");
    private static final Pattern SPACE = p(" ");

    /** Commands are short; past this a message is a letter, and reading all of it only costs time. */
    static final int MAX_CHARS = 500;

    /** At or above this probability (more likely than all the others together) the learned model decides; below it the rules do. */
    static final double CONFIDENT = 0.5;

    /** Who decides a message the model is unsure of and no rule recognises. */
    enum Unsure {
        /** The bundled example phrasing nearest under MiniLM. */
        NEAREST_EXAMPLE,
        /**
         * The model's own best guess, at its own (low) probability, when that is at least
         * {@link #GUESS_FLOOR}; below it, the nearest example (a short run of plain words there is a search).
         */
        MODEL_GUESS
    }

    /** Below this a guess is too seldom right to act on ("nd gardn gloves sz M" in the cart read as set_quantity at 0.17). */
    static final double GUESS_FLOOR = 0.3;

    /**
     * A guess this likely reads a few words that include a product word better than taking them for a
     * search ("solo uno por favor", "haan order kar do", "start ova pls" in the cart).
     */
    static final double GUESS_OVER_WORDS = 0.4;

    /**
     * The model's guess: in the leave-one-style-out cross-validation (docs/nlu.md) the nearest example
     * was right on 16 % of the messages it decided, the model's unsure guess (p >= 0.3) on 42 %, and no style did worse.
     */
    static final Unsure UNSURE = Unsure.MODEL_GUESS;

    private final EmbeddingIntents fallback;
    private final IntentClassifier classifier;
    /** Whether a message takes a product ({@link IntentClassifier#taking}); null without the intent model. */
    private final IntentClassifier taking;
    private final double confident;
    private final Unsure unsure;
    private final QueryTagger tagger;

    OfflineNlu(EmbeddingIntents fallback, IntentClassifier classifier) {
        this(fallback, classifier, CONFIDENT, UNSURE, QueryTagger.bundled());
    }

    /** With another threshold or policy: the cross-validation (NluCrossValidation) compares them. */
    OfflineNlu(EmbeddingIntents fallback, IntentClassifier classifier, double confident, Unsure unsure) {
        this(fallback, classifier, confident, unsure, QueryTagger.bundled());
    }

    private OfflineNlu(EmbeddingIntents fallback, IntentClassifier classifier, double confident, Unsure unsure, QueryTagger tagger) {
        this.fallback = fallback;
        this.classifier = classifier;
        this.taking = classifier == null ? null : classifier.taking(TAKING_STATES, TAKING_MISREAD);
        this.confident = confident;
        this.unsure = unsure;
        this.tagger = tagger;
    }

    /** The same understanding, its search words judged knowing the words of this shop's own product names too. */
    OfflineNlu withShopWords(java.util.function.Predicate<String> shopWords) {
        return new OfflineNlu(fallback, classifier, confident, unsure, tagger.withShopWords(shopWords));
    }

    void warmUp() {
        if (classifier != null) {
            classifier.warmUp();
            taking.warmUp();
        }
        // The two taggers train in well under a second, but on the first message that needs them otherwise.
        Thread.ofPlatform().daemon().name("word-taggers-training").start(() -> {
            QueryTagger.bundled(QueryTagger.Slot.QUERY);
            QueryTagger.bundled(QueryTagger.Slot.PRODUCT);
        });
    }

    /**
     * Understands {@code raw} in {@code state}. {@code offered} breaks ties between functions that mean
     * the same thing to a shopper (checkout and pay); it never turns a request into a different one.
     */
    Understanding understand(String asWritten, State state, List<Event> offered) {
        // "Dear shop, ... Kind regards, Margaret": the body asks; a price pasted beside a name is no limit
        return read(PastedNames.unpriced(Letter.body(Hinglish.asEnglish(asWritten))), state, offered);
    }

    /** As {@link #understand}, of a text already read as its body (a message's, or a part of it that {@link #understandAll} split off). */
    private Understanding read(String written, State state, List<Event> offered) {
        String raw = SecondThoughts.meant(written);
        if (raw != null && raw.isBlank() && !written.isBlank()) {
            // "and a pet bowl... no forget the bowl": all of it taken back, nothing to do
            return new Understanding(Intent.OTHER, Map.of(), 0.9, TAKEN_BACK);
        }
        Utterance u = Utterance.of(raw != null && raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw);
        State s = state == null ? State.INITIAL : state;
        if (u.isEmpty()) {
            return new Understanding(Intent.OTHER, Map.of(), 0.5, "empty");
        }
        String bare = u.bare();
        if (GREETING.matcher(bare).matches()) {
            return new Understanding(Intent.GREETING, Map.of(), 0.95, "rule:greeting");
        }
        // "hey, do you have lamps": the greeting is politeness; the rest is the request.
        String rest = GREETING_PREFIX.matcher(u.text()).replaceFirst("");
        Utterance body = rest.equals(u.text()) || rest.isBlank() ? u : Utterance.of(rest);
        String b = body.bare();
        String noSku = SKU.matcher(body.text()).replaceAll(" ");

        Understanding backAndForth = backAndForth(body, b, s);
        if (backAndForth != null) {
            return backAndForth;
        }
        if (s == State.PRODUCT_FOCUS && body.text().strip().endsWith("?") && ABOUT_THE_ONE_SHOWN.matcher(b).matches()
                && !ShopTopic.aboutTheShop(body)) {
            // "do they need batteries?", "is it waterproof?" while looking at one product: a question about it (its
            // details answer it), not a search for batteries
            return new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of(), 0.8, "rule:about-the-one-shown");
        }
        // What rules do precisely: a bare affirmation, a bare number, a bare reference or a sku.
        Understanding exact = exact(body, b, noSku, s, offered);
        if (exact != null) {
            return exact;
        }
        Matcher kind = ANOTHER_KIND.matcher(b);
        // without an article every word must be the shop's ("ok, and picture frames?", "ok now candles"; not "and the Sutton?")
        if (kind.matches() && !ShopTopic.aboutTheShop(body) && (kind.group("article") != null
                || SPACE.splitAsStream(kind.group("what")).allMatch(w -> tagger.productWord(w) && !FUNCTION_WORDS.contains(w)))) {
            // "and a scarf, navy if you've got it", "plus some candles": one more kind of thing, a search for it,
            // its words as said (a kind the demo catalog lacks is still the kind asked for).
            Utterance what = Utterance.of(kind.group("what"));
            SearchQuery q = SearchQuery.in(what, null);
            if (looksLikeProductWords(q)) {
                Understanding found = search(q, what, 0.85, "rule:another-kind");
                if (s == State.CART && found.slots().size() == 1 && found.slots().get("query") instanceof String wanted
                        && body.text().indexOf('?') < 0 && !IF_ANY.matcher(b).find() && AS_WELL.matcher(b).find()) {
                    // "and a laptop stand as well" with things just added: one more to add, of a kind; the engine lists
                    // the kind and the pick that follows adds it. Without "too" or "as well" ("n a bike helmet") it is a
                    // search, and the pick a look (shoppers who wrote both ways disagree on what the pick then does);
                    // "if you've got one", a question, stays a search too.
                    return new Understanding(Intent.ADD_TO_CART, Map.of("product", wanted), 0.85, "rule:another-kind-added");
                }
                return found;
            }
        }
        IntentClassifier.Prediction p = null;
        if (classifier != null) {
            p = predict(u.original(), u, s);
            if (body != u) {
                // "hii do u hav dog bdes": the request after the greeting, when the model reads one there (it
                // had read the whole as a greeting); "hi there, hope you're well" stays a greeting.
                String said = GREETING_PREFIX.matcher(u.original().strip().toLowerCase(java.util.Locale.ROOT)).replaceFirst("");
                IntentClassifier.Prediction request = predict(said.isBlank() ? body.original() : said, body, s);
                if (request != null && Intent.ofWireName(request.intent()).flatMap(Intent::function).isPresent()) {
                    p = request;
                }
            }
            // "ugh ok nvm remove it": the request after a sigh or a "never mind", when the model reads the whole
            // as no request and the rest, starting with a verb, as one it is sure of.
            Matcher sigh = INTERJECTIONS.matcher(body.text());
            String afterSigh = sigh.lookingAt() ? body.text().substring(sigh.end()) : "";
            if (p != null && Intent.ofWireName(p.intent()).flatMap(Intent::function).isEmpty() && !afterSigh.isEmpty()
                    && COMMAND.matcher(afterSigh).lookingAt()) {
                IntentClassifier.Prediction request = classifier.predict(afterSigh, s);
                if (request != null && request.probability() >= confident
                        && Intent.ofWireName(request.intent()).flatMap(Intent::function).isPresent()) {
                    p = request;
                }
            }
            // "I'll get 2 so my brother isn't freezing either": the request before why, when the model reads the whole as
            // no request and the words before the reason as one it is sure of.
            Matcher why = REASON.matcher(body.text());
            if (p != null && Intent.ofWireName(p.intent()).flatMap(Intent::function).isEmpty() && why.find() && why.start() > 0) {
                IntentClassifier.Prediction request = classifier.predict(body.text().substring(0, why.start()), s);
                if (request != null && request.probability() >= confident
                        && Intent.ofWireName(request.intent()).flatMap(Intent::function).isPresent()) {
                    p = request;
                }
            }
        }
        if (p != null && (Intent.ofWireName(p.intent()).filter(ASKS::contains).isPresent() || p.intent().equals(Intent.OTHER.wireName()))) {
            // A story the model reads whole as a question, with a sentence it reads surely as a change to the cart,
            // said with a verb of doing ("the small one would fit in my carry-on. Add the small one please."): the
            // change is the request; its slots come from that sentence (pointedIn). So with a story the model reads
            // whole as no request at all ("That sounds most suitable. I should like to purchase two of them, one for Lucy...").
            IntentClassifier.Prediction acted = acted(body, s);
            if (acted != null) {
                p = acted;
            } else if (PLEASE_ADD.matcher(b).find() && Intent.ofWireName(p.intent()).filter(ASKS::contains).isPresent()) {
                // "the third watering can seems the most sensible, so please add one of those to my basket": asked, in
                // so many words, to put it in; the talk around it is why.
                return pointedIn(Intent.ADD_TO_CART, body, noSku, s, Math.min(0.85, p.probability()), "model+please-add:add_to_cart");
            }
        }
        // Taking a product in one's own words ("that one's mine", "we're getting the Brooklyn table", "lovely, the french
        // press as well, cheers"), read by the intent model as a look, a remark, a search or a checkout, or as an add it is
        // unsure of with no word of adding for the rules to read: an add when the model of taking is sure of it. Never on
        // a question or a refusal; which product is still the engine's to resolve against the screen, or to ask.
        if (p != null && taking != null && TAKING_STATES.contains(s) && mayBeATaking(p, b) && body.text().indexOf('?') < 0 && !declines(b)
                && !CORRECTS.matcher(b).lookingAt() && !MEANT.matcher(b).find() && !ASKS_FOR_ANOTHER_KIND.matcher(b).lookingAt()
                && !ANY_ONE.matcher(b).find() && !GIVE_ME_DETAILS.matcher(b).find() && !YOU_HAVE_IT.matcher(b).find()
                && !SHOW_ME.matcher(b).find()) {
            double take = taking(u.original(), s);
            if (take >= TAKES_SURELY) {
                Understanding taken = pointedIn(Intent.ADD_TO_CART, body, noSku, s, Math.min(0.85, take), "taking:add_to_cart");
                if (s == State.BROWSING && !taken.slots().containsKey("product") && !POINTER_WORD.matcher(b).find()) {
                    SearchQuery wished = searchIn(body, s);
                    if (spellsAProductWord(wished.subject())) {
                        // "please I need sleeping bag, we go camping": a kind wished for, nothing on screen pointed at: looked for
                        return search(wished, body, Math.min(0.85, take), "taking-a-kind:search_products");
                    }
                }
                return taken;
            }
            // taken in the last sentence: which product is that sentence's to say, or the nearest before it that names one
            // ("the blue is lovely but dear. the grey one will do me" takes no blue one)
            List<String> sentences = RequestSentence.of(body);
            double atTheEnd = sentences.size() > 1 && !declines(sentences.getLast()) ? taking(sentences.getLast(), s) : 0;
            if (atTheEnd >= TAKES_SURELY) {
                Understanding whole = withSlots(Intent.ADD_TO_CART, body, noSku, s, TAKES_SURELY, "taking-at-the-end:add_to_cart");
                return pointedAt(Intent.ADD_TO_CART, sentences, sentences.size() - 1, whole, s, TAKES_SURELY, "taking-at-the-end:add_to_cart");
            }
        }
        // "and the A5 Notebook by Ledger Lab, x20", "and wireless mice, same number", "and a mouse to match. Bluetooth
        // ones only": with a cart open, one more kind of thing, named after an "and" or "also", is no look at the cart and
        // no order: a search for it, or with a count, that count of it (the engine adds it when no line is it).
        Matcher also = ALSO_WANTS.matcher(b);
        boolean cartWide = p != null && (CART_WIDE.contains(p.intent())
                || p.intent().equals(Intent.SET_QUANTITY.wireName()) && Quantity.newQuantity(b).isEmpty()); // a change with no count
        // "and a couple of gas canisters eh": a change the model is unsure of, of things no line is said to be ("it", "them")
        boolean unsureChange = p != null && p.intent().equals(Intent.SET_QUANTITY.wireName()) && p.probability() < confident
                && !POINTS_AT_A_LINE.matcher(b).find();
        if (s == State.CART && (cartWide || unsureChange) && also.lookingAt() && !COMMAND.matcher(b.substring(also.end())).lookingAt()
                && !ShopTopic.aboutTheShop(body) && !ProductRef.saysAPlace(b.substring(also.end()))) { // "and the very first keyboard you showed me": one of a list
            Utterance what = Utterance.of(b.substring(also.end()));
            SearchQuery q = SearchQuery.in(what, tagger);
            if (spellsAProductWord(q.subject()) && cartWide) {
                OptionalInt n = Quantity.in(what.text());
                return n.isPresent() ? new Understanding(Intent.SET_QUANTITY, Map.of("product", q.subject(), "quantity", n.getAsInt()), 0.75,
                        "rule:also-a-kind") : search(q, what, 0.75, "rule:also-a-kind");
            }
            if (unsureChange && q.subject() != null && !q.subject().isBlank() && !spellsAProductWord(q.subject())) {
                return search(q, what, 0.6, "rule:also-another-kind"); // a kind the shop may not sell: looked for, no line changed
            }
        }
        // Help asked of someone of the shop ("transfer me to an agent", "get me a manager", "humano por favor"), or
        // a person to get in touch ("can someone from the shop call me"): a person, when the table offers one and
        // the message names nothing the bot answers first (an order, a delivery).
        if (p != null && offered.contains(Event.ASK_FOR_PERSON) && !PERSON_TOPIC.matcher(b).find()
                && (p.intent().equals(Intent.HELP.wireName()) && PERSON_NOUN.matcher(b).find() || CALL_ME.matcher(b).find())) {
            return new Understanding(Intent.ASK_FOR_PERSON, Map.of(), Math.max(0.6, Math.min(0.9, p.probability())), "model+person:ask_for_person");
        }
        // Product words with a count ("arden nylon chew toy x10", "blue mugs qty 4"): an order line, an add,
        // unless the model is sure it changes a line already in the cart ("lamp x2" in the cart: right on
        // 10 of 10 such training lines in the cross-validation, where the add was right on 3).
        // A longer name with a count ("The Brightwell Dimmable LED Bulb (glass, single not the 4-pack) qty 12")
        // is one too when the model reads a look at that product: nobody asks about a product by how many.
        if (ORDER_LINE.matcher(b).find()
                && (looksLikeProductWords(SearchQuery.in(Utterance.of(ORDER_LINE.matcher(b).replaceAll(" ")), null))
                        || p != null && p.probability() >= confident && p.intent().equals(Intent.GET_PRODUCT_DETAILS.wireName()))
                && !(p != null && p.probability() >= confident && p.intent().equals(Intent.SET_QUANTITY.wireName()))) {
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.86, "rule:order-line");
        }
        if (classifier != null) {
            if (p != null && p.probability() >= confident && p.intent().equals(Intent.GET_PRODUCT_DETAILS.wireName())
                    && PLURAL_WORDS.matcher(b).matches() && looksLikeProductWords(b) && namesProducts(b) && !DETAILS.matcher(b).find()) {
                // "jigsaw puzzles?": product words in the plural, nothing else, ask what the shop has, not about one product.
                return search(SearchQuery.in(body, tagger), body, Math.min(0.9, p.probability()), "model+plural:search_products");
            }
            Optional<String> namedLast = p != null && p.probability() >= confident && p.intent().equals(Intent.OTHER.wireName())
                    ? namedAndAsked(body.text()) : Optional.empty();
            if (namedLast.isPresent()) {
                // "🎁 for my 👦 … drift rc truck 🚙❓": who it is for, then a product's name asked about, every word as the
                // catalog spells it: a search for it (which changes nothing), not "didn't catch that"
                Utterance named = Utterance.of(namedLast.get());
                return search(SearchQuery.in(named, tagger), named, 0.6, "model+named-asked:search_products");
            }
            if (p != null && p.probability() >= confident
                    && (p.intent().equals(Intent.SHOP_QUESTION.wireName()) || p.intent().equals(Intent.OTHER.wireName()))
                    && (asksForProducts(body, b) || WHAT_YOU_HAVE.matcher(b).find() && !ShopTopic.aboutTheShop(body)
                            && namesProductsOrTheirPlural(searchIn(body, s).subject()))) {
                // "do you sell cat condos?", "how much are your e-readers": a question about what the shop
                // sells is a search, not a question for a person, when it names no shop topic. So is "what y'all
                // got?" after a sentence that names the kind ("My wife's been hankerin' for one of them e-readers.").
                return search(searchIn(body, s), body, Math.min(0.9, p.probability()), "model+products:search_products");
            }
            if (p != null && p.probability() >= confident) {
                Intent read = Intent.ofWireName(p.intent()).orElse(Intent.OTHER);
                // The verb a request starts with says which way a line goes, whatever else the words suggest
                // ("drop the 4-packs" had read as an add), in the message or in a sentence of it ("The doormat's
                // a bit loud for our street. Take it off my order please.").
                if (read == Intent.ADD_TO_CART && (STARTS_WITH_REMOVE.matcher(b).lookingAt()
                        || RequestSentence.of(body).stream().skip(1).anyMatch(x -> STARTS_WITH_REMOVE.matcher(x).lookingAt()))) {
                    return withSlots(Intent.REMOVE_FROM_CART, body, noSku, s, Math.min(0.9, p.probability()), "model+verb:remove_from_cart");
                }
                if (read == Intent.SET_QUANTITY && REMOVE.matcher(b).find() && ENOUGH.matcher(b).find()) {
                    // "On reflection, take the Jett out again. One carbon santoku is enough for this month.": a line taken out,
                    // and why (the count left of its kind), not a count set
                    List<String> sentences = RequestSentence.of(body);
                    int out = java.util.stream.IntStream.range(0, sentences.size()).filter(i -> REMOVE.matcher(sentences.get(i)).find()).findFirst().orElse(-1);
                    if (out >= 0 && out < sentences.size() - 1 && !ENOUGH.matcher(sentences.get(out)).find()
                            && sentences.subList(out + 1, sentences.size()).stream().anyMatch(x -> ENOUGH.matcher(x).find())) {
                        return withSlots(Intent.REMOVE_FROM_CART, sentences.get(out), s, Math.min(0.9, p.probability()), "model+out-enough:remove_from_cart");
                    }
                }
                // A question with no verb of taking, no count and no wish ("in blue?", "the oak one?") asks about a
                // product; nothing is put in the cart on a question.
                if (read == Intent.ADD_TO_CART && body.text().indexOf('?') >= 0 && !VERB.matcher(b).find() && !ADD.matcher(b).find()
                        && !WISH.matcher(b).find() && Quantity.in(noSku).isEmpty()) {
                    return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, Math.min(0.9, p.probability()), "model+question:get_product_details");
                }
                Understanding counted = countedPick(read, body, b, noSku, s, Math.min(0.85, p.probability()), "model+count:add_to_cart");
                if (counted != null) {
                    return counted;
                }
                // Emptying the cart loses what the shopper chose: read from words that say nothing of emptying
                // ("that's everything, finalize it"), it is asked about first.
                if (read == Intent.CLEAR_CART && !EMPTYING.matcher(b).find()) {
                    return new Understanding(Intent.CLEAR_CART, Map.of(), p.probability(), "model+no-emptying-word:clear_cart", EMPTY_CART_ASK);
                }
                // A question about the product being looked at ("Is this one suitable for his age, do you think?") read as
                // chat: a look at the product pointed at (no name: the chat around it names none), when it names no shop topic.
                if (read == Intent.OTHER && (s == State.PRODUCT_FOCUS || s == State.BROWSING) && body.text().indexOf('?') >= 0
                        && ABOUT_IT.matcher(b).find() && !ShopTopic.aboutTheShop(body)) {
                    return new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of(), Math.min(0.8, p.probability()), "model+about-it:get_product_details");
                }
                // "The candle" with the cart open: a product named and nothing said of it is no removal (taking out loses what
                // was chosen, and only words that say so take it out)
                if (read == Intent.REMOVE_FROM_CART && NAMING.matcher(b).matches() && !REMOVE.matcher(b).find()) {
                    return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, Math.min(0.6, p.probability()), "model+named-only:get_product_details");
                }
                // "Hi, is there a white coffee table?" with no product in focus: whether the shop has a kind, which is a
                // search, not a look at a product nobody pointed at
                // So is "Kindly also show me the Aurelle face moisturizers.": a kind in the plural, shown as a list
                if (read == Intent.GET_PRODUCT_DETAILS && (s != State.PRODUCT_FOCUS && THERE_IS_A.matcher(b).lookingAt()
                        && !POINTER_WORD.matcher(b).find() && namesProductsOrTheirPlural(searchIn(body, s).subject()) || showsAKind(b, body, s))) {
                    return search(searchIn(body, s), body, Math.min(0.85, p.probability()), "model+there-is:search_products");
                }
                // A search the model is not sure of, in a message that points at a place in the list shown ("I meant the
                // second curtains on your list. One set, please."): a pick from the list, not a new search of its kind.
                if (read == Intent.SEARCH_PRODUCTS && p.probability() < UNSURE_SEARCH && PLACE_IN_LIST.matcher(b).find()
                        && PriceRange.in(b).isEmpty()) {
                    Understanding pick = withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, p.probability(), "model+place:get_product_details");
                    if (aPlace(pick)) {
                        return pick;
                    }
                }
                return of(read, body, noSku, s, offered, Math.min(0.97, p.probability()), "model:" + p.intent());
            }
        }
        if (ORDER_CHANGE.matcher(b).find()) {
            return new Understanding(Intent.OTHER, Map.of(), 0.7, "rule:order-change");
        }
        if (HELP.matcher(b).find() && !HELP_FINDING.matcher(b).find()) {
            return new Understanding(Intent.HELP, Map.of(), 0.92, "rule:help");
        }
        if (STATUS.matcher(b).find() && !LINK.matcher(b).find()) {
            return new Understanding(Intent.CHECK_ORDER_STATUS, Map.of(), 0.92, "rule:status");
        }
        if (LINK.matcher(b).find()) {
            if (METHOD_ASKED.matcher(body.text()).find() && ShopTopic.of(body).equals("payment_methods")) {
                // "can i pay by card", "pay with paypal?": which ways the shop takes money, asked; no order made to find out
                return new Understanding(Intent.SHOP_QUESTION, Map.of("topic", "payment_methods"), 0.9, "rule:payment-method");
            }
            return payment(Intent.GET_PAYMENT_LINK, s, offered, 0.93, "rule:link");
        }
        if (declines(b)) {
            // "no I don't want a rain cover, just that": turning down something new removes nothing.
            return new Understanding(Intent.OTHER, Map.of(), 0.75, "rule:decline");
        }
        if (REMOVE.matcher(b).find()) {
            return withSlots(Intent.REMOVE_FROM_CART, body, noSku, s, 0.93, "rule:remove");
        }
        if (CHECKOUT.matcher(b).find()) {
            return payment(Intent.CREATE_ORDER, s, offered, 0.92, "rule:checkout");
        }
        if (WHETHER_TO_BUY.matcher(b).find()) {
            // "does it come with a case or do i need to buy one separately": a question about it, not an add
            return new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of(), 0.7, "rule:whether-to-buy");
        }
        if (ADD.matcher(b).find()) {
            // its slots from the sentence that adds: "Please put one of those in my basket. I do hope the postman is quicker."
            return pointedIn(Intent.ADD_TO_CART, body, noSku, s, 0.93, "rule:add");
        }
        if (CART.matcher(b).find()) {
            if (unsure == Unsure.MODEL_GUESS && p != null && p.probability() >= GUESS_FLOOR && CHANGES_CART.contains(p.intent())) {
                // "can you pop the floor lamp in my cart", "bag me one of the rattan lamps": the cart named, and
                // the model's guess is a change to it, not a look at it.
                return of(Intent.ofWireName(p.intent()).orElse(Intent.OTHER), body, noSku, s, offered,
                        Math.min(0.6, p.probability()), "model-unsure:" + p.intent());
            }
            return new Understanding(Intent.VIEW_CART, Map.of(), 0.92, "rule:cart");
        }
        if (SUPERLATIVE.matcher(b).find() && !ProductRef.in(body, body.text(), false).map(r -> NUMBER_OR_LAST.matcher(r).matches()).orElse(false)
                && !POINTER_WORD.matcher(b).find()) {
            return search(SearchQuery.in(body, tagger), body, 0.85, "rule:superlative");
        }
        if (THE_RANGE.matcher(b).find() && spellsAProductWord(searchIn(body, s).subject())) {
            // "show me the jigsaw puzzles you have available", "the cardigans you stock": what the shop has of a kind
            return search(searchIn(body, s), body, 0.85, "rule:the-range");
        }
        if (showsAKind(b, body, s)) {
            return search(searchIn(body, s), body, 0.85, "rule:show-the-kind"); // "also show me the Aurelle face moisturizers"
        }
        if (DETAILS.matcher(b).find()) {
            return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, 0.88, "rule:details");
        }
        if (OTHER.matcher(b).find()) {
            return new Understanding(Intent.OTHER, Map.of(), 0.8, "rule:other");
        }
        if (MORE_OF_THE.matcher(b).find()) {
            // "i need 2 more of the candles": more of what is in the cart or on screen, not a search for candles
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.88, "rule:more-of-the");
        }
        SearchQuery search = SearchQuery.in(body, tagger);
        if (SEARCH.matcher(b).find() || !search.price().isEmpty() || search.category() != null || search.limit() != null
                || INDIRECT_ASK.matcher(b).find() && !ShopTopic.aboutTheShop(body) && looksLikeProductWords(search.query())) {
            return search(searchIn(body, search, s), body, 0.9, "rule:search");
        }
        SearchQuery listed = SearchQuery.in(body, null);
        boolean guess = unsure == Unsure.MODEL_GUESS && p != null && p.probability() >= GUESS_FLOOR;
        // A few plain words are a product's name when one of them is a product word ("kettle", "dog toys?");
        // "gracias amigo", "bin the lot" or "apple pay?" are not, and the model's guess reads them better
        // (cross-validated: this rule was right on 9 of 76 lines it decided, the guess on 31).
        boolean surerGuess = guess && p.probability() >= GUESS_OVER_WORDS && !p.intent().equals(Intent.SEARCH_PRODUCTS.wireName());
        if (ShopTopic.saidAlone(body)) {
            // "hours?", "shipping cost?": a topic's words alone ask about the shop, not for products of that name.
            return of(Intent.SHOP_QUESTION, body, noSku, s, offered, 0.8, "rule:topic-words");
        }
        if (looksLikeProductWords(listed) && (namesProducts(listed.query()) && !surerGuess || !guess)) {
            return search(search, body, 0.75, "rule:product-words");
        }
        if (guess && p.intent().equals(Intent.OTHER.wireName()) && looksLikeProductWords(search.subject())
                && Arrays.stream(SPACE.split(search.subject())).allMatch(w -> w.length() >= 4 && tagger.productWordAsSpelled(w))) {
            // "ok also jigsaw puzzles for my daughter shes 8": unsure it asks anything, but what it names is what the shop
            // sells, every word as the catalog spells it: a search, which changes nothing, rather than "didn't catch that"
            return search(searchIn(body, search, s), body, 0.55, "rule:names-products");
        }
        if (guess) {
            if (p.intent().equals(Intent.CLEAR_CART.wireName())) {
                // Emptying the cart loses what the shopper chose: on a guess ("finish" read so at 0.37), ask.
                return new Understanding(Intent.CLEAR_CART, Map.of(), p.probability(), "model-unsure:clear_cart", EMPTY_CART_ASK);
            }
            if (CHANGES_CART.contains(p.intent()) && body.text().indexOf('?') >= 0 && ShopTopic.aboutTheShop(body)) {
                // "if one snaps can i send it back?": a question of the shop's, never a change to the cart on a guess
                return new Understanding(Intent.SHOP_QUESTION, Map.of("topic", ShopTopic.of(body)), Math.min(0.6, p.probability()),
                        "model-unsure+shop-question");
            }
            Understanding counted = countedPick(Intent.ofWireName(p.intent()).orElse(Intent.OTHER), body, b, noSku, s,
                    Math.min(0.6, p.probability()), "model-unsure+count:add_to_cart");
            if (counted != null) {
                return counted;
            }
            return of(Intent.ofWireName(p.intent()).orElse(Intent.OTHER), body, noSku, s, offered,
                    Math.min(0.6, p.probability()), "model-unsure:" + p.intent());
        }
        return nearest(body, noSku, s, offered);
    }

    /**
     * A pick with how many of it, not asked ("the Wonderbox fashion doll - a couple of those please", "4 of number 2
     * please."), read as a look: nobody asks about a product by how many, so it is the add of that many. Asked in words
     * ("tell me about the 2-burner one"), or a question, it stays a look; null then, or when no count is said.
     */
    private static Understanding countedPick(Intent read, Utterance body, String b, String noSku, State s, double confidence, String source) {
        if (read != Intent.GET_PRODUCT_DETAILS || !TAKING_STATES.contains(s) || body.text().indexOf('?') >= 0 || DETAILS.matcher(b).find()
                || Quantity.in(noSku).isEmpty()) {
            return null;
        }
        Understanding add = withSlots(Intent.ADD_TO_CART, body, noSku, s, confidence, source);
        return add.slots().containsKey("quantity") && add.ask() == null ? add : null;
    }

    /** "Ok the Ironhearth one then, show me please": a look asked for, whatever else sounds like a choice. */
    private static final Pattern SHOW_ME = p("\\bshow\\s(?:me|us)\\b(?!\\s(?:(?:the|my|our)\\s)?+(?:cart|basket|total|order|bag|trolley)\\b)");
    /** "give me the details of the Piper one", "send me the specs": what it is like, asked for (no taking, whatever "give me" says). */
    private static final Pattern GIVE_ME_DETAILS = p("\\b(?:give|send|show|tell|get)\\s(?:me|us)\\s(?:(?:the|some|more|all|full|its)\\s){0,2}+"
            + "(?:details?|specs?|specifications?|info|information|description|dimensions|measurements)\\b");

    /**
     * Whether the intent model's reading may be a taking it missed: a look, a remark, a search, a shop question or an
     * unsure checkout ("Okay I finish. Make the order please." read surely stays an order), or an unsure add with no word
     * of adding (with one, the rules read it).
     */
    private boolean mayBeATaking(IntentClassifier.Prediction p, String b) {
        boolean sure = p.probability() >= confident;
        if (p.intent().equals(Intent.CREATE_ORDER.wireName())) {
            return !sure;
        }
        if (p.intent().equals(Intent.ADD_TO_CART.wireName())) {
            return !sure && !ADD.matcher(b).find() && !PURCHASE.matcher(b).find();
        }
        return TAKING_MISREAD.contains(p.intent());
    }

    /** How likely the model of taking finds it that {@code text} takes a product. */
    private double taking(String text, State s) {
        IntentClassifier.Prediction take = taking.predict(text, s);
        return take == null ? 0 : take.intent().equals(IntentClassifier.TAKES) ? take.probability() : 1 - take.probability();
    }

    /** "not that one, the one before it", "no, the other one": the bot's last pick corrected, no decision taken. */
    private static final Pattern CORRECTS = p("^(?:nope|nah|no|wrong one)?+[\\s,.!]*+(?:not\\s|i\\smeant\\b|the\\sother\\b)");
    private static final Set<State> TAKING_STATES = Set.of(State.BROWSING, State.PRODUCT_FOCUS, State.CART);
    /** "I do beg your pardon, I meant the second curtains": the bot's pick corrected, wherever it is said. */
    private static final Pattern MEANT = p("\\bi\\smeant\\b(?!\\sto\\b)");
    /** "also need wine glasses, set of 4": another kind asked for, with nothing that points at a product shown. */
    private static final Pattern ASKS_FOR_ANOTHER_KIND = p("^(?:(?:oh|ok|okay|so)\\s){0,3}+(?:and|also|plus)\\s(?:(?:i\\s|we\\s)?+(?:need|want)\\s)"
            + "(?!.*\\b(?:the|that|this|those|these|it|them|one|ones)\\b)");
    /** "i'll take anything up to 50 in rugs": no product taken, whatever is found. */
    private static final Pattern ANY_ONE = p("\\b(?:anything|something|whatever|whichever)\\b");
    private static final Set<String> TAKING_MISREAD = Set.of(Intent.GET_PRODUCT_DETAILS.wireName(), Intent.OTHER.wireName(),
            Intent.SEARCH_PRODUCTS.wireName(), Intent.CREATE_ORDER.wireName(), Intent.SHOP_QUESTION.wireName());
    /** How sure the model of taking must be to overrule the intent model's reading. */
    static final double TAKES_SURELY = 0.7;

    /** The surest reading of a sentence of {@code body} as a change to the cart said with a verb of doing, or null. */
    private IntentClassifier.Prediction acted(Utterance body, State s) {
        List<String> sentences = RequestSentence.of(body);
        IntentClassifier.Prediction best = null;
        for (int i = 0; sentences.size() > 1 && i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (!ACT_VERB.matcher(sentence).find()) {
                continue;
            }
            IntentClassifier.Prediction q = classifier.predict(sentence, s);
            if (q != null && q.probability() >= confident && CHANGES_CART.contains(q.intent())
                    && (best == null || q.probability() > best.probability())) {
                best = q;
            }
        }
        return best;
    }

    /** An add asked for in so many words: "please add", "pop one in my basket, please", a sentence that starts "add it". */
    private static final Pattern PLEASE_ADD = p("\\bplease (?:add|put|pop)\\b|\\b(?:add|put|pop)\\s[^.?!]{0,40}?\\b(?:in|into|to) (?:my|the) (?:cart|basket|bag|trolley)\\b[^.?!]{0,10}?\\bplease\\b"
            + "|(?:^|[.!]\\s)(?:add|put|pop) (?:it|one|them|those|that|this|\\d|two|three)\\b");

    private static final Pattern ACT_VERB = p("\\b(?:add|put|pop|chuck|throw|bag|remove|delete|drop|ditch|take (?:it|them|that|this) (?:out|off)"
            + "|take out|get rid of|make (?:it|that|them)|change|reduce|bump|increase|purchase|buy)\\b");

    /** The model's reading of {@code original}, or of its chat spellings written out ("ad to crt" → "add to cart"), whichever it is surer of. */
    private IntentClassifier.Prediction predict(String original, Utterance u, State s) {
        IntentClassifier.Prediction p = classifier.predict(original, s);
        if (!u.text().equals(IntentClassifier.input(original))) {
            IntentClassifier.Prediction spelled = classifier.predict(u.text(), s);
            if (spelled != null && (p == null || spelled.probability() > p.probability())) {
                p = spelled;
            }
        }
        return p;
    }

    /** A count of items, as small as a cart line's ("8", "four", "a dozen"): not a price. */
    private static final String SMALL_COUNT = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\\sdozen|dozen)";
    private static final String A_COUNT = "(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\\sdozen|dozen)";
    private static final Pattern SAYS_A_COUNT = p("(?i)\\b" + A_COUNT + "\\b");
    /** A line named first, then its new count: "mugs to 8", "candles, drop those to four", "webcams 3 in total". */
    private static final Pattern KIND_TO_COUNT = p("^(?:(?:ok|okay|so|and|then|hmm|right|now)[,.!]?+\\s)*+(?:(?:make|set|change|put)\\s)?+(?:the\\s|my\\s)?+"
            + "((?!(?:it|that|this|them|those|these|make|set|change|put|add|remove|i|we|the|anything|something|everything)\\b)[a-z][a-z'-]*+"
            + "(?:\\s(?!(?:to|up|down|in|goes|go|comes|come)\\b)[a-z][a-z'-]*+)?+)"
            // "so Nimbus goes to 2": the line, and where its count goes
            + "(?:\\s(?:goes|go|comes|come))?+"
            // "candles, make that three": with a verb, its "to" may go unsaid
            + "(?:,?+\\s(?:(?:drop|bring|cut|take|put|set|change|make|bump|raise|lower|reduce|increase)\\s(?:those|them|it|these|that)\\s"
            + "(?:(?:up|down)\\s)?+(?:to\\s)?+|(?:(?:up|down)\\s)?+to\\s)" + SMALL_COUNT + "(?!\\s*+(?:more|extra|st|nd|rd|th|x|%|dollars?|bucks|usd|pounds?|quid)\\b)(?![.,]?\\d)"
            + "|\\s" + SMALL_COUNT.replace("(", "(?<count>") + "\\s(?:in\\stotal|altogether|all\\stogether|in\\sall))(?=\\s*+(?:[.,;!]|$))");
    private static final Pattern TRAILING_ONES = p("\\s(?:one|ones)$");
    /** A product named first, then how many more: "Mouse also one more.", "Lights, 1 more." */
    private static final Pattern KIND_MORE = p("^(?:(?:ok|okay|so|and|then|hmm)[,.!]?+\\s)*+(?:the\\s|my\\s)?+"
            + "((?!(?:it|that|this|them|those|these|add|i|we|one|the)\\b)[a-z][a-z'-]*+(?:\\s(?!(?:also|too|add)\\b)[a-z][a-z'-]*+)?+)"
            + ",?+\\s(?:(?:also|too|as\\swell)\\s)?+(?:(?:add|put|get|give\\sme)\\s)?+" + SMALL_COUNT + "\\smore\\b");
    /** "so 3 candles in total", "make it 4 altogether": a count in all, with the kind it counts when said. */
    private static final Pattern IN_ALL = p("\\b(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s"
            + "(?:([a-z][a-z'-]*+(?:\\s(?!in\\b|all\\b)[a-z][a-z'-]*+)?+)\\s)?+(?:in\\stotal|in\\sall|altogether|all\\stogether)"
            // the message ends there: "we need 20 bulbs in total, so make it 5 packs" says the count after it
            + "(?:\\s(?:please|pls|thanks|then|now))?+$");
    /** The source's mark of a change that said no count ("change quantity"): the cart is shown, and the count is awaited. */
    static final String NO_QUANTITY = "+no-quantity";
    static final String WHICH_OF_THEM_ASK = "Happy to add it! Which one would you like? Reply with its number from the list or its name.";
    /** "both are nice, I'll take one of them": one of several taken, with "both" said, and not which. */
    private static final Pattern ONE_OF_THEM_TAKEN = p("\\b(?:take|get|have|buy|add|want|order)\\s(?:just\\s|only\\s)?+one\\sof\\s(?:them|those|these|the\\stwo)\\b");
    private static final Pattern BOTH = p("\\bboth\\b");
    /** "I'll take either one", "get whichever": one of several, left to the shop. */
    private static final Pattern EITHER_TAKEN = p("\\b(?:take|get|have|buy|add|want|order)\\s(?:either|either\\sone|one\\sor\\sthe\\sother|whichever(?:\\sone)?+)"
            + "(?:\\s(?:is|will|of\\sthem))?+\\b");
    static final String EMPTY_CART_ASK = "I'm not sure what you'd like to do with your cart. Reply *empty cart* to start over, "
            + "*checkout* to order, or tell me what to change.";

    // Not clear_cart: emptying the cart on a guess loses what the shopper chose ("cuánto es el total?" was one such guess).
    private static final Set<String> CHANGES_CART = Set.of(Intent.ADD_TO_CART.wireName(), Intent.REMOVE_FROM_CART.wireName(),
            Intent.SET_QUANTITY.wireName());

    // Asking whether the shop sells something; "do you do gift wrapping" asks about a service and is left to the model.
    private static final Pattern ONE_IN = p("^(?:(?:hmm+|ok|and|so|but|oh)[,.]?+\\s)?+(?:is there|are there|do you have|have you got|got|do you sell)"
            + "\\s(?:one|ones|any|some|anything|something)(?:\\s(?:similar|like (?:it|this|that)))?+\\s(?:in|made of|in a|with a)\\s(?:"
            + String.join("|", SearchWords.QUALIFIERS) + ")(?:\\s(?:one|ones|size|version|colou?r|finish))?+\\s*+[?.!]*+$");
    private static final Pattern IN_A_COLOUR = p("^(?:(?:and|but|what about|how about|is it|is there one|does it come|got it|have it"
            // "can i get it in blue?": whether it comes in blue, asked; adding the one on screen would add another colour
            + "|(?:so\\s|and\\s|but\\s)?+(?:(?:can|could|may) (?:i|we) (?:get|have|buy|order)|i(?:'d)? (?:want|like|need)|i would like)"
            + " (?:it|this one|that one|this|that|one)"
            + "|do you have (?:it|this one|that one|this|that)|is it available|available)\\s)?+in\\s(?:"
            + String.join("|", SearchWords.COLOURS) + ")(?:\\s(?:too|as well|maybe|please|pls|instead))?+\\s*+[?.!]*+$");
    private static final Pattern PRODUCT_ASK = p("\\bdo you (?:also )?(?:have|sell|carry|stock)\\b|\\bhave you got\\b|\\bgot any\\b"
            + "|\\blooking for\\b|\\bi(?:'m| am) after\\b|^any\\b|\\bi(?:'m| am) (?:searching|shopping) for\\b");
    /** Asking what the shop has, with the kind said elsewhere: "what y'all got?", "what do you have?". */
    private static final Pattern WHAT_YOU_HAVE = p("\\bwhat (?:do |have )?+you (?:got|have|sell|carry|stock)\\b|\\bwhat(?:'s| is) available\\b");
    // Asked indirectly: "I wonder whether you sell e-readers", "would you happen to carry pull-up bars".
    private static final Pattern INDIRECT_ASK = p("\\b(?:whether|if) (?:you|u) (?:also )?(?:sell|carry|stock)\\b"
            + "|\\b(?:would|might|could) you (?:also )?+(?:happen to )?(?:have|sell|carry|stock)\\b");
    private static final Pattern CONDITIONAL = p("^(?:(?:and|but|so|ok|okay)\\s)?+(?:if|once|when|say) i (?:order|buy|pay|check ?out|place)\\b");
    private static final Pattern HOW_MUCH_ARE = p("^how much (?:are|do|is) (?:your |the |these |those )?[a-z]");

    /** Whether the message asks what the shop sells (a search cue, or the price of a kind of product) and nothing of the shop itself. */
    /** The last part of a message, after a pause, ended by a "?": "for my ... drift rc truck ?" */
    private static final Pattern LAST_PART_ASKED = p("(?:^|[.…,:;]\\s*+|\\s-\\s)([a-z0-9][a-z0-9'&\\s-]{2,60}?)\\s*+\\?[?!\\s]*+$");

    /**
     * The product words of a message's last part when it is asked with a "?" and every word of it is spelled as the
     * catalog's names spell them, one of four letters or more ("drift rc truck"); empty otherwise ("for my son?").
     */
    private Optional<String> namedAndAsked(String text) {
        Matcher m = LAST_PART_ASKED.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        List<String> words = Arrays.stream(SPACE.split(m.group(1).strip())).filter(w -> !w.isBlank()).toList();
        boolean named = !words.isEmpty() && words.size() <= 5 && words.stream().anyMatch(w -> w.length() >= 4)
                && words.stream().allMatch(w -> w.length() >= 2 && !FUNCTION_WORDS.contains(w)
                        && (tagger.productWordAsSpelled(w) || w.length() <= 3 && QueryTagger.catalogWord(w))); // "rc" of "Drift RC Truck"
        return named ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    private static boolean asksForProducts(Utterance body, String b) {
        return !ShopTopic.aboutTheShop(body) && (PRODUCT_ASK.matcher(b).find() || HOW_MUCH_ARE.matcher(b).find())
                && looksLikeProductWords(SearchQuery.in(body, null).query());
    }

    /** Words of showing, which search for nothing: "show me", "let me see". */
    private static final Set<String> SHOW_WORDS = Set.of("show", "see", "look", "let", "tell", "about", "pls", "plz", "asap", "lemme",
            // "I want to see him": a learner's pronoun for the product, the look the request beside it asked for
            "want", "wanna", "like", "to", "at", "him", "her");
    // A few plain words with no verb, pronoun or question word are how shoppers name a product ("kettle", "mugs?").
    static final Set<String> FUNCTION_WORDS = Set.of("i", "you", "it", "me", "my", "your", "we", "they", "this", "that", "these", "those", "what", "what's",
            "how", "why", "when", "where", "who", "which", "is", "are", "was", "be", "do", "does", "did", "can",
            "could", "will", "would", "should", "not", "no", "yes", "ok", "okay", "please", "thanks", "hmm", "ah",
            "oh", "one", "them", "he", "she", "there", "here", "just", "very", "so", "all", "done", "wait", "too",
            "on", "sale", "expensive", "forget", "change", "cancel", "sorry", "later", "fine", "good", "great",
            "nice", "maybe", "now", "again", "more", "less", "else", "like", "want", "need", "got", "get", "have");

    /**
     * Whether what is left of a message once the lists of chat words take theirs is a few product
     * words: a judgement on the whole message ("kettle", "dog toys?"), so the lists and not the tagger
     * (which finds the product words inside any sentence) decide it.
     */
    private static boolean looksLikeProductWords(SearchQuery search) {
        return looksLikeProductWords(search.query());
    }

    /** As {@link #namesProducts}, a word in the plural counting as its singular, and each part of a hyphenated word ("e-readers"). */
    private boolean namesProductsOrTheirPlural(String text) {
        return Arrays.stream(WORD_PARTS.split(text)).anyMatch(w -> tagger.productWord(w)
                || w.length() > 3 && w.endsWith("s") && tagger.productWord(w.substring(0, w.length() - 1)));
    }

    private static final Pattern WORD_PARTS = p("[\\s-]++");

    /** Whether a word of {@code text} is a word of a product name, the demo catalog's or this shop's (one letter off counts). */
    private boolean namesProducts(String text) {
        return Arrays.stream(SPACE.split(text)).anyMatch(tagger::productWord);
    }

    static boolean looksLikeProductWords(String q) {
        if (q.isBlank()) {
            return false;
        }
        String[] words = SPACE.split(q);
        return words.length <= 4 && Arrays.stream(words).noneMatch(FUNCTION_WORDS::contains)
                && Arrays.stream(words).allMatch(w -> PRODUCT_WORD.matcher(w).matches());
    }

    private Understanding exact(Utterance body, String b, String noSku, State s, List<Event> offered) {
        if (ONE_IN.matcher(body.text()).matches()) {
            // "is there one in leather?", "do you have any in a bigger size": others like it, the last search refined
            return search(SearchQuery.in(body, tagger), body, 0.85, "rule:one-in");
        }
        Matcher earlier = SEEN_EARLIER.matcher(b);
        if (s != State.CHECKOUT && s != State.AWAITING_PAYMENT && earlier.matches() && namesProducts(earlier.group("what"))) {
            // the product meant, read as "the lamp" is: the engine finds it among those looked at or listed before
            return withSlots(Intent.GET_PRODUCT_DETAILS, "the " + earlier.group("what"), s, 0.85, "rule:seen-earlier");
        }
        Matcher tossed = TOSSED_IN.matcher(b);
        if (s != State.CHECKOUT && s != State.AWAITING_PAYMENT && tossed.matches() && namesProducts(tossed.group("what"))) {
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.85, "rule:tossed-in"); // the model hears a new count in "throw in one"
        }
        Matcher has = HAS_IT.matcher(b);
        if (has.matches() && looksLikeProductWords(has.group("what")) && namesProducts(has.group("what")) && !ShopTopic.aboutTheShop(body)) {
            // read before the model, which may hear a question to the shop in "got sell ... or not"
            return search(SearchQuery.in(Utterance.of(has.group("what")), tagger), body, 0.88, "rule:has-it");
        }
        if (s == State.PRODUCT_FOCUS && IN_A_COLOUR.matcher(body.text()).matches()) {
            // "in blue?", "and in black": whether the product looked at comes in it, a question about it
            return new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of(), 0.8, "rule:in-a-colour");
        }
        if (YES.matcher(b).matches()) {
            return switch (s) {
                case PRODUCT_FOCUS -> new Understanding(Intent.ADD_TO_CART, Map.of(), 0.8, "prior:yes"); // agreeing names nothing
                case CART -> payment(Intent.CREATE_ORDER, s, offered, 0.8, "prior:yes");
                case CHECKOUT, AWAITING_PAYMENT -> payment(Intent.GET_PAYMENT_LINK, s, offered, 0.85, "prior:yes");
                case BROWSING, HANDOFF -> new Understanding(Intent.OTHER, Map.of(), 0.6, "prior:yes");
            };
        }
        if (s == State.PRODUCT_FOCUS && TAKEN_AS_IS.matcher(b).matches()) {
            // "ya i want", "ok ok i take", "that's exactly what i was looking for", "take my money": the product looked at
            return new Understanding(Intent.ADD_TO_CART, Map.of(), 0.8, "rule:taken-as-is");
        }
        // "can I talk to a human?", "agent pls": a person from the shop, when the table offers one.
        // Only when the message is about reaching a person: one that also names what it is about (a
        // delivery, a refund, an order) is a question the bot answers first; failing twice hands over anyway.
        if (offered.contains(Event.ASK_FOR_PERSON) && !PERSON_TOPIC.matcher(b).find() && SPACE.split(b).length <= 10
                && (ASK_PERSON.matcher(b).find() || PERSON_ALONE.matcher(b).matches())) {
            return new Understanding(Intent.ASK_FOR_PERSON, Map.of(), 0.9, "rule:person");
        }
        // A sku with a count ("SK-000250 x6", "+ sk-000129 qty 6") is a shop owner's order line.
        if (SKU.matcher(b).find() && SPACE.split(b).length <= 4 && Quantity.in(noSku).isPresent()) {
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.88, "rule:sku-with-quantity");
        }
        Matcher countedKind = COUNTED_KIND.matcher(b);
        if (countedKind.matches() && looksLikeProductWords(countedKind.group("what")) && namesProducts(countedKind.group("what"))
                && Quantity.value(countedKind.group("n")).isPresent()) {
            // "also 2 yoga blocks for me", "3 mugs pls": that many of a kind, no verb needed; the shop shows the kind to
            // pick from, and the pick is added with the count.
            Map<String, Object> slots = new LinkedHashMap<>();
            slots.put("product", countedKind.group("what"));
            slots.put("quantity", Quantity.value(countedKind.group("n")).getAsInt());
            return new Understanding(Intent.ADD_TO_CART, slots, 0.85, "rule:counted-kind");
        }
        if (s == State.BROWSING && offered.contains(Event.SET_QUANTITY) && MAKE_IT_N.matcher(b).find()) {
            // "let's keep the Vale but make it two" with a cart, after a list: the cart's line, not a new add (in the
            // cart the learned model reads it; looking at one product, "make it 2" may be an add of it).
            return withSlots(Intent.SET_QUANTITY, body, noSku, s, 0.85, "rule:make-it-n");
        }
        if (Quantity.isWholeMessage(Utterance.of(noSku).bare())) {
            // After a product was shown "2" is how many; after a list it is which one, unless it says add ("ok add two":
            // how many, and the shop asks which).
            if (s == State.CART && SETS_COUNT.matcher(b).find()) {
                return withSlots(Intent.SET_QUANTITY, body, noSku, s, 0.85, "prior:set-quantity"); // "make it 2" of the cart's line
            }
            if (s == State.PRODUCT_FOCUS || s == State.CART || COUNTED_ADD.matcher(b).find() || SAID_AS_COUNT.matcher(b).find()) {
                return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.85, "prior:quantity");
            }
            // "great, 2 please": the number is the place, whatever words of agreement come before it
            OptionalInt place = Quantity.in(noSku);
            return place.isEmpty() ? withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, 0.8, "prior:number")
                    : withSlots(Intent.GET_PRODUCT_DETAILS, String.valueOf(place.getAsInt()), s, 0.8, "prior:number");
        }
        if (INTO_CART.matcher(b).matches()) {
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.88, "rule:into-cart"); // "2nd one in the basket"
        }
        // "i buy the orange one", "I'll go with the second": the shopper saying they take a product they point at.
        Matcher purchase = PURCHASE.matcher(b);
        // A name must have a product word in it: "I'd like the link", "I'll take the receipt" name none.
        if (s != State.CART && purchase.find() && !(ASKS_TO_HAVE.matcher(b).lookingAt() && body.text().indexOf('?') >= 0)
                && (purchase.group("name") == null
                || (s == State.BROWSING || s == State.PRODUCT_FOCUS) && namesProductsOrTheirPlural(purchase.group("name")))) {
            String before = b.substring(0, purchase.start());
            String verb = b.substring(purchase.start(), purchase.group("name") == null ? purchase.end() : purchase.start("name"));
            return verb.endsWith("take ") || verb.endsWith("buy ") // "I take rag doll": read as "the rag doll" is
                    ? withSlots(Intent.ADD_TO_CART, before + verb + "the " + b.substring(purchase.start("name")), s, 0.85, "rule:purchase")
                    : withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.85, "rule:purchase");
        }
        Matcher itIs = NAME_IT_IS.matcher(b);
        if (s != State.CART && itIs.matches() && body.text().indexOf('?') < 0) {
            // "hollis it is", "the walnut board it is": a name settled on, read as "the hollis" is
            return withSlots(Intent.ADD_TO_CART, "the " + itIs.group(1), s, 0.85, "rule:settled");
        }
        Matcher decided = DECIDED_ON.matcher(b);
        if (s != State.CART && decided.matches() && body.text().indexOf('?') < 0) {
            // "decision made: moon", "ok the first one wins": the pick, read as "the moon", "the first one" is
            String name = decided.group("name") != null ? decided.group("name") : decided.group("winner");
            Understanding picked = withSlots(Intent.ADD_TO_CART, "the " + name, s, 0.85, "rule:decided");
            if (picked.slots().get("product") instanceof String || s == State.PRODUCT_FOCUS) {
                return picked;
            }
        }
        if (s == State.PRODUCT_FOCUS && THIS_ONE_THEN.matcher(b).matches() && body.text().indexOf('?') < 0) {
            // "ok this one then", "that one please" while one product is in focus: that product, chosen
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.85, "rule:settled");
        }
        Matcher chosen = CHOSEN_NUMBER.matcher(b);
        if (s == State.BROWSING && chosen.matches()) {
            // "i choose 2", "my choice: 3", "we'll go with number 4": a place in the list on screen, chosen
            String place = chosen.group(1) != null ? chosen.group(1) : chosen.group(2);
            return new Understanding(Intent.ADD_TO_CART, Map.of("product", place), 0.85, "rule:chosen-number");
        }
        if (s != State.CART && SETTLED.matcher(b).find() && body.text().indexOf('?') < 0) {
            return withSlots(Intent.ADD_TO_CART, body, noSku, s, 0.85, "rule:settled"); // "the blue one it is"
        }
        // "the purple one, 2 of them", "3rd one x2", "that one, qty 20": a product and how many of it.
        Optional<PickWithCount.Pick> pick = PickWithCount.in(body.text(), s != State.CART);
        if (pick.isPresent()) {
            Map<String, Object> slots = new LinkedHashMap<>();
            pick.get().product().ifPresent(p -> slots.put("product", p));
            slots.put("quantity", pick.get().quantity());
            return new Understanding(Intent.ADD_TO_CART, slots, 0.88, "rule:pick-with-count");
        }
        // "the kettleby 1": text-speak for "the kettleby one".
        if (THE_WORDS_1.matcher(b).matches()) {
            Utterance one = Utterance.of(b.substring(0, b.length() - 1) + "one");
            return withSlots(Intent.GET_PRODUCT_DETAILS, one, one.text(), s, 0.86, "rule:named-reference");
        }
        // "and if I order now when does it arrive": a question about what would happen, not the order itself.
        if (CONDITIONAL.matcher(b).find()) {
            return new Understanding(Intent.SHOP_QUESTION, Map.of("topic", ShopTopic.of(body)), 0.8, "rule:conditional");
        }
        // "where is my order?", "has my parcel shipped": the order, said so plainly that no model need weigh it.
        if (WHERE_IS_MY_ORDER.matcher(b).find()) {
            return new Understanding(Intent.CHECK_ORDER_STATUS, Map.of(), 0.95, "rule:where-is-my-order");
        }
        // "Bump the chargers to 18, the Voltix moved quick at the last event", "drop it down to 2": a line's new count, said
        // first; the reason after it is no part of the request
        Matcher setTo = SET_TO.matcher(b);
        if (setTo.lookingAt() && body.text().indexOf('?') < 0) {
            Map<String, Object> slots = new LinkedHashMap<>();
            if (setTo.group(1) != null) {
                ProductRef.in(Utterance.of(setTo.group(1)), setTo.group(1), false).ifPresent(r -> slots.put("product", r));
            }
            slots.put("quantity", Integer.parseInt(setTo.group(2)));
            return new Understanding(Intent.SET_QUANTITY, slots, 0.9, "rule:set-to");
        }
        // "the blue one", "grey one", "the Happy Tails ones": picking a product by what it looks like or is called.
        Matcher named = NAMED_REF.matcher(b);
        if (named.matches() && Arrays.stream(SPACE.split(named.group(1).strip())).noneMatch(NOT_A_PICK::contains)) {
            return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, 0.86, "rule:named-reference");
        }
        // A sku alone ("SK-000245", "sk-000245 please"); with a verb ("add SK-000017") the model reads the verb.
        if (BARE_REF.matcher(b).matches() || SKU.matcher(b).find() && SPACE.split(b).length <= 2 && !CART_VERB.matcher(b).find()) {
            return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, 0.88, "rule:reference");
        }
        return null;
    }

    // Where one request ends and the next begins: "add it and show my cart", "checkout, then send the link".
    // Taken from the start of a run of spaces only, possessively: tried inside a run, each try read the rest of it again.
    // A joining word is a word of its own: "the sand one", "the laptop stand please" are not split inside a word.
    private static final Pattern JOINS = p("(?<!\\s)\\s*+(?:(?:[,;]\\s*+|(?<=\\s))(?:and then|and also|then|after that|and|plus|&|\\+)\\s++"
            + "|[;!?]+\\s*+|[.,]\\s++"
            // a run-on that ends by pointing: "the chrome one is that a clamp one add it"
            + "|(?<=[a-z0-9]\\s)(?=(?:add|put|pop|chuck)\\s(?:it|that|this|them)(?:\\sone)?+(?:\\s(?:please|pls|now|too|then))?+$)"
            // or by taking it: "omg the pink one i need it", "she loves the purple one so i guess we'll get that one"
            + "|(?<=[a-z0-9]\\s)(?=" + TAKES_IT + "(?:\\s(?:please|pls|now|too|then))?+$))");
    private static final int MAX_PARTS = 3;
    private static final Pattern FOR_SOMEONE = p("^(?:(?:one|1|the other|another)(?:'s|\\sis)?+\\s(?:each\\s)?+)?+for (?:me|him|her|us|them|you"
            + "|each(?:\\sof\\s(?:them|us|the\\s[a-z']++)|\\s[a-z']++)?+|every\\s[a-z']++|both|(?:my|his|her|our|their|the)\\s[a-z']++)"
            + "(?:\\s(?:and\\s)?+(?:one|1)\\sfor (?:me|him|her|us|them|my\\s[a-z']++))*+$|^(?:one|1) each$"
            // "gimme 3, one per module": how the count is shared, nothing asked of its own
            + "|^(?:one|1|a)\\sper\\s[a-z']++(?:\\s[a-z']++)?+$"
            // "one for lucy and one for her brother thomas": one each, for people named
            + "|^(?:one|1) for (?!(?:the|a|an)\\b)[a-z']++(?:\\s(?!and\\b)[a-z']++){0,3}+(?:\\s(?:and\\s)?+(?:one|1|the other) for (?!(?:the|a|an)\\b)[a-z']++(?:\\s(?!and\\b)[a-z']++){0,3}+)*+$");
    /** Verbs of putting into the basket the add rules do not know as such: "pop it in", "chuck one in", "bag it". */
    private static final Pattern PUT_IN = p("\\b(?:pop|chuck|throw|stick|bung|bag|grab|pack)\\s(?:it|that|this|them|those|one|\\d)\\b");
    /** How sure a product named alone beside a request is read: as a rule's reading. */
    private static final double NAMED_CONFIDENCE = 0.85;
    /** A product named and nothing else, maybe after an "ok": "ok the Yara RGB", "right, that walnut one". */
    private static final Pattern NAMING = p("^(?:(?:ok|okay|so|right|alright|hmm+|yes|yeah|fine)\\s)*+(?:the|that|this)\\s[a-z0-9'&-]++"
            + "(?:\\s[a-z0-9'&-]++){0,3}+$");
    private static final Pattern ACK = p("^(?:ok|okay|alright|right|yes|yeah|yep|sure|great|perfect|cool|fine|good|splendid|lovely"
            + "|brilliant|excellent|wonderful|super|awesome|very well|very good|sounds good|all good)?+"
            + "(?:\\s?+(?:that's it|that's all|that is all|that's everything|then|thanks|thank you|please))*+$");
    /**
     * "i buy the orange one", "I'll take the second", "I'd like that one please", "I should like the clamp
     * lamp, please", "I'll take the Hollis dog bed", "I'm going with the walnut one", "let's do the third", "I'd like to
     * order the blue one": first person, a verb of taking, a product pointed at or named with "the" (a name runs to the
     * end of the request, a courtesy aside).
     */
    private static final Pattern PURCHASE = p("^(?:(?:ok|okay|so|then|alright|right|fine|yes|yeah|hmm+|um+|better)[ ,]+)?+(?:"
            + "i(?:'ll|'d| will| would| should| shall)?+\\s(?:buy|take|have|go with|go for|get|want|need|choose|pick|(?<=(?:'d|would|should) )like"
            + "|(?:want|(?<=(?:'d|would|should) )like) to (?:order|buy|get|have|take))"
            // "i'm going with the walnut one", "im gonna take the second", "we'll have the blue one", "let's do the third"
            + "|(?:i'm|im|i am)\\s(?:going (?:with|for)|taking|getting|buying|gonna (?:take|get|buy|go with|go for)|going to (?:take|get|buy|go with|go for))"
            + "|we(?:'ll|'d| will| would)?+\\s(?:take|have|go with|go for|get|want)"
            + "|(?:let's|lets|let us)\\s(?:go with|go for|do|get|take)|(?:go with|go for|going with|going for|gonna go with|gonna go for)"
            // "lemme cop the pink one", "imma get the blue one", "order the second one": taking it, in slang or as a command
            + "|(?:lemme|let me|imma|i'ma|ima|i'mma|wanna|i wanna|gonna)\\s(?:cop|get|grab|take|buy|have|order)|(?:order|cop)"
            // "can I order the blue one", "could i get the second": asking to have it is taking it (asked about, with "?", it is not)
            + "|(?:can|could|may) (?:i|we) (?:order|buy|get|have|take)"
            // "go for number 3", "i'll take option 2": a place said with its number
            // "I will take only this vase", "i'll have just the blue one": the one they take, and no other
            // "I take rag doll": a learner of English whose language has no articles takes it all the same ("I want X" may be a search)
            + ")\\s(?:(?:only|just)\\s)?+(?:(?:number|option|item|no|#)\\s?+\\d{1,2}(?:\\s(?:please|pls|thanks|thank you|then))?+$|(?:(?:the|that|this)\\s"
            + "|(?<=\\b(?:i|we)(?:'ll|\\swill)?\\s(?:take|buy|go\\sfor|go\\swith)\\s)(?!(?:the|that|this|it|them|one|a|an|some|all|both|\\d++|two|three|four|five|six|seven|eight|nine|ten"
            + "|twelve|several|few|more)\\b))"
            + "(?:(?:[a-z0-9'&-]++\\s){0,3}?(?:one|ones|first|second|third|fourth|fifth|last|1st|2nd|3rd)\\b(?![ ,]*\\?)"
            + "|(?<name>(?!(?:cheapest|best|most|biggest|smallest|same|other|rest|lot|usual|payment|link|receipt|invoice|order|total|bill|cart|basket|refund)\\b)[a-z0-9'&-]++(?:\\s(?!only\\b)[a-z0-9'&-]++){0,3}+)"
            + "(?:\\s(?:please|thanks|thank you|then|only))?+$))");
    /** Agreement said before a choice: "ok", "so", "yes,", "hmm", "perfect!" (each of the patterns below may start with it). */
    private static final String AGREED_FIRST = "(?:(?:ok|okay|so|then|alright|right|fine|yes|yeah|hmm+|um+|great|perfect)[ ,!.]+)*+";
    private static final Pattern NAME_IT_IS = p("^" + AGREED_FIRST + "(?:the\\s)?+"
            + "((?!(?:what|whatever|that|that's|thats|this|how|where|who|which|it|so|yes|no|there|here|such|as|one)\\b)"
            + "[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,2}?)\\s(?:it is|it'll be|it will be)(?:\\s(?:then|please|pls))?+");
    /** "decision made: moon", "final answer, the walnut one", "the first one wins": a pick announced as decided. */
    private static final Pattern DECIDED_ON = p("^" + AGREED_FIRST + "(?:(?:decision made|decision's made|final answer|final decision"
            + "|decided)[:,]?+\\s(?:the\\s)?+(?<name>(?!(?:what|which|to|not|that|if|whether|on)\\b)[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,2}?)"
            + "|(?:the\\s)?+(?<winner>(?!(?:what|which|who|nobody|no|everyone|it)\\b)[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,2}?)\\s(?:wins|gets my vote))"
            + "(?:\\s(?:then|please|pls))?+[.!]*+$");
    private static final Pattern THIS_ONE_THEN = p("^(?:" + AGREED_FIRST
            + "(?:this|that) one(?:\\s(?:then|please|pls|for me|it is))++"
            // "ok this one", "yes, that one": agreeing to the one on screen is choosing it (alone, "this one" looks again)
            + "|(?:(?:ok|okay|alright|yes|yeah|yep|fine|great|perfect)[ ,!.]+)++(?:this|that) one)$");
    /** A place chosen by its number: "i choose 2", "we'll go with number 4", "my choice is 3", "my pick: #2". */
    private static final Pattern CHOSEN_NUMBER = p("^" + AGREED_FIRST
            + "(?:(?:i|we)(?:'ll| will)?+\\s(?:choose|pick|select|go with|go for|vote for|vote)\\s(?:number\\s|no\\.?+\\s?+|nr\\s|#\\s?+|option\\s|item\\s)?+(\\d{1,2})"
            + "|(?:my|our)\\s(?:choice|pick|vote)(?:\\sis)?+[:\\s]\\s*+(?:number\\s|no\\.?+\\s?+|#\\s?+|option\\s|item\\s)?+(\\d{1,2}))"
            + "(?:\\s(?:please|pls|then|thanks))?+");
    /** "can I order the blue one?": with its question mark, whether it can be had is asked, and it is looked at first. */
    // ("could I get the yoga mat too?", "could I have the anvil ones?" ask for it, politely: an add)
    private static final Pattern ASKS_TO_HAVE = p("^" + AGREED_FIRST + "(?:(?:can|could|may) (?:i|we)(?!\\s(?:get|have|grab)\\b)|order)\\s");
    /**
     * A choice said as settled, the product first or after the deciding: "the blue one it is", "my pick is the second",
     * "decided: the walnut one", "that's the one" (of the product in focus), "the blue one for me". Never "that's it" (done,
     * not chosen), nor a question ("the blue one for me?").
     */
    private static final Pattern SETTLED = p("^(?:(?:ok|okay|so|then|alright|right|fine|yes|yeah|perfect|great|cool|hmm+)[ ,!.]+)*+(?:"
            // "the blue one it is", "the cheapest one will do", "second one works for me", "blue one's grand"
            + "(?:(?:the|that|this)\\s)?+(?:(?!(?:which|no|not|any|neither|either|every|each|what|whichever)\\s)[a-z0-9'&-]++\\s){0,3}?(?:one|first|second|third|fourth|fifth|last|1st|2nd|3rd)(?:\\s|'s\\s)"
            + "(?:it is|it'll be|it will be|will do|would do|will do nicely|is fine|is perfect|works|works for me|fine|grand|is grand"
            + "|will be fine|is the one|should do|should do it|will do it|would do it)"
            + "|(?:my|our) (?:pick|choice) is (?:the|that|this)\\s(?:[a-z0-9'&-]++\\s){0,3}?(?:one|ones|first|second|third|fourth|fifth|last|1st|2nd|3rd)"
            + "|(?:i've |i have |i )?decided(?: on)?[:,]?\\s(?:the|that|this)\\s(?:[a-z0-9'&-]++\\s){0,3}?(?:one|ones|first|second|third|fourth|fifth|last|1st|2nd|3rd)"
            + "|(?:that's|thats|this is) the one(?:\\s(?:i want|i need|i'll take|i like|we want))?+"
            // "that's the one for her", "this is the one for my dad": the one they are buying, and who it is for
            + "(?:\\sfor\\s(?:me|him|her|them|us|(?:my|our|his|her)\\s[a-z']++))?+"
            // "i go with this", "we'll go for that one", "i choose it": the one on screen, chosen
            + "|(?:i|we)(?:'ll| will)?+\\s(?:go with|go for|choose|pick)\\s(?:this|that|it)(?:\\sone)?+"
            // "the blue one for me", "the second one for me pls": the one they are having
            + "|(?:the|that|this)\\s(?:[a-z0-9'&-]++\\s){0,2}?(?:one|ones|first|second|third|fourth|fifth|last|1st|2nd|3rd)\\sfor me"
            // "second one for me pls", "2nd for me": a place in the list said without its article
            + "|(?:first|second|third|fourth|fifth|last|1st|2nd|3rd)(?:\\sone)?+\\sfor me"
            // "number 2 for me", "#3 for me": a place by its number
            + "|(?:number|no|option|item|#)\\s?+\\d{1,2}\\sfor me"
            + ")\\b(?:[ ,]+(?:please|pls|thanks|thank you|then|for me))?+[.!]*+$");
    /** A part that says what the shopper does not want: "no not the dalton ones", "not that one". */
    private static final Pattern NEGATED = p("^(?:no\\s)?+not\\s(?:the|that|this|those|these)\\b");
    /** A part about someone else: "my sister already buy one", "he has one like it". What they have or do is no request. */
    private static final Pattern ABOUT_SOMEONE = p("^(?:we|i)\\s(?:already|still)\\s(?:have|got|own|bought)\\b" // "We already have one at home"
            // "the hallway already has one", "oh the dog already has a harness"
            + "|^(?:(?:oh|ah|well|but|and)\\s)?+(?:the|my|our|his|her|their)\\s[a-z']++(?:\\s(?!already\\b)[a-z']++)?+\\salready\\s(?:has|have|got|owns?)\\b"
            + "|^(?:(?:ok|okay|so|well|oh|and|but|yeah)\\s)?+(?:(?:my|his|her|our|their)\\s[a-z']++|he|she|they|mum|mom|mam|dad|wife|husband|hubby|boss|grandma|grandpa|nan|gran"
            + "|the\\s(?:little|older|younger|big|baby|eldest|youngest|oldest|other|young|wee)\\s(?:one|boy|girl|kid|son|daughter|lad|lass|fella|un)"
            + "|the\\s(?:kids?|boys|girls|twins|baby|dog|cat|wife|husband|grandkids|lad|lads|lass|missus|wean|weans))"
            + "(?:\\s(?:already\\s|still\\s|just\\s|really\\s)?+"
            + "(?:has|have|had|got|owns?|bought|buys?|buyed|said|says|uses?|used|wears?|wore"
            + "|broke|lost|grew|fell|[a-z]{5,}+(?<=[a-z][^e]ed)"
            // "my kid needs them for school": what they need is the product pointed at, no new subject
            + "|(?:needs?|wants?)\\s(?:them|it|those|these|this|that)\\b)"
            // "the young lad's coming camping as well", "my sister is moving house": what they are doing
            // (a verb of coming and going only: "my daughter is collecting snow globes" names what she wants)
            + "|(?:\\s(?:also|too|now))?+(?:'s|\\s(?:is|are|was|were))\\s(?:also\\s|now\\s)?+(?:coming|going|staying|visiting|moving|starting|turning|getting"
            + "|joining|travelling|traveling|leaving|off))\\b");
    /** What it is for, and nothing asked: "need it for the invoice", "it's for the office", "for my daughter". */
    private static final Pattern WHAT_FOR = p("(?:(?:i|we)\\s)?+(?:(?:need|want)\\s(?:it|them|this|that)|it's|its|it is|they're|they are|that's"
            + "|this is|these are)?+\\s?+for\\s(?:the|my|our|a|an|his|her|their)\\s[a-z']++(?:\\s[a-z']++)?+");
    /** "same as last time then", "the same one as before": that it is what they had, a remark beside the request. */
    private static final Pattern SAME_AS_BEFORE = p("^(?:(?:great|ok|okay|yes|yeah|so)\\s)*+(?:the\\s)?+same(?:\\sone|\\sones|\\sthing)?+"
            + "\\sas\\s(?:last\\stime|before|always|usual|the\\slast\\sone|my\\slast\\sorder)(?:\\s(?:then|please|pls))?+");
    /** "2 of them, one for the hallway as well": after a request, where one of them goes, a remark and no second request. */
    private static final Pattern ONE_IS_FOR = p("(?:and\\s)?+(?:one|1|the other(?:\\sone)?+)\\sfor\\s(?:the|my|his|her|our|their|each|every)\\s[a-z']++"
            + "(?:\\s(?!(?:as|too|also)\\b)[a-z']++){0,3}+"
            + "(?:\\s(?:as well|too|also))?+");
    /**
     * After a request with its count, how that count is shared or why, with a count of its own: "one each side", "one per
     * desk", "my sister also wants one". A reason for the count before, no second request.
     */
    private static final Pattern COUNT_EXPLAINED = p("^(?:(?:and|but|so|as|since|because|cause|coz|cos)\\s)?+(?:(?:one|1|a|an)\\s(?:each|per|apiece"
            + "|(?:for|on|in|at)\\s(?:each|every))(?:\\s(?!and\\b)[a-z'-]++){0,3}+"
            + "|(?:(?:my|his|her|our|their)\\s[a-z']++(?:\\s[a-z']++)?+|he|she|they|mum|mom|dad|wife|husband|hubby)\\s(?:also\\s|too\\s)?+"
            + "(?:wants?|needs?|gets?|will\\sget|'ll\\sget|will\\shave|'ll\\shave|is\\sgetting|'s\\sgetting|would\\slike|'d\\slike)\\s(?:one|1)"
            + "(?:\\s(?:too|as\\swell|also))?+"
            // "he'll have the first one knackered by teatime": what someone will do with them
            + "|(?:he|she|they)(?:'ll|\\swill|'s\\sgoing\\sto|\\sis\\sgoing\\sto|\\sare\\sgoing\\sto)(?:\\s(?!(?:take|need|want|get|buy)\\b)[a-z'-]++){1,8}+"
            // "we are many in the house", "there are six of us": how many there are, the count's reason
            + "|(?:we|there)(?:\\s(?:are|were)|'re)\\s(?:so\\s|quite\\s)?+(?:many|lots|a\\slot|loads|a\\sbig\\sfamily|\\d{1,3}|two|three|four|five|six"
            + "|seven|eight|nine|ten)\\b(?:\\s[a-z']++){0,4}+)$");
    /** A line left as it is, said beside a change: "Mesa stays 1", "the mat stays", "candles can stay as they are". */
    private static final Pattern LEFT_AS_IS = p("^(?:(?:and|but)\\s)?+(?:the\\s)?+[a-z][a-z0-9'-]*+(?:\\s[a-z0-9'-]++){0,3}?\\s(?:stays?|remains?|can\\sstay)"
            + "(?:\\s(?:at\\s)?+(?:\\d{1,3}|one|two|three|four|five|six|as\\sis|as\\sit\\sis|as\\sthey\\sare|the\\ssame|put))?+$");
    private static final Pattern NO_AS_NUMBER = p("^\\s*+no\\.?+\\s?+(?=\\d)");
    /** A place in the list, said as one: "the fourth", "no 4", "#4", "number 4" (not "4" alone, which may be a count). */
    private static final Pattern A_PLACE = p("\\bthe\\s(?:first|second|third|fourth|fifth|sixth|last|1st|2nd|3rd|4th|5th|6th)\\b"
            + "|\\b(?:number|no\\.?+|nr)\\s?+\\d{1,2}\\b|(?<![a-z0-9])#\\s?+\\d{1,2}\\b");
    /** What one of the count is for: "one is a gift", "the other one's for my mum", "both are presents". */
    private static final Pattern ONE_OF_THEM_IS = p("(?:(?:and|but|so)\\s)?+(?:one|two|three|both|the other(?: one)?+|the rest|\\d{1,2})(?:\\s(?:of them|of those))?+"
            + "\\s(?:is|are|'s|will be|would be|goes|go)\\s(?:(?:a|my|our)\\s)?+(?:(?:gift|gifts|present|presents|spare|spares|backup|extra)"
            + "(?:\\s(?:for|to)\\s[a-z']++(?:\\s[a-z']++){0,3}+)?+" // "one is a gift for my teacher"
            + "|for\\s[a-z']++(?:\\s[a-z']++){0,3}+|to\\s[a-z']++(?:\\s[a-z']++){0,3}+)");
    /**
     * "before I go any further", "once we get home", "when you have a moment": a clause that says when, beside what is asked
     * ("might I ask what your policy is on returns"), and asks for nothing itself.
     */
    private static final Pattern TIME_CLAUSE = p("^(?:(?:but|and|so|oh|well)\\s)?+(?:before|after|once|until|till|while|whenever|when"
            + "|as soon as)\\s(?:i|we|you|he|she|they)(?:'m|'re|'ve|'ll|'d)?+\\s(?!(?:do|does|can|could|will|would|should)\\b)[a-z']");
    /** "u got those?", "do you have any?", "any in stock?": whether the shop has what the clause before it named. */
    private static final Pattern HAS_THEM = p("^(?:(?:and|so|but|also|ok|okay)\\s)*+(?:(?:(?:do|does|would|will)\\s)?+(?:you|y'all|yall|ye)"
            + "(?:\\s(?:guys|all))?+(?:\\sstill)?+\\s(?:have|got|stock|sell|carry|do)|(?:have|do)\\syou(?:\\sguys)?+(?:\\sstill)?+\\s(?:got|have|stock"
            + "|sell|carry)|(?:still\\s)?+got|have)\\s(?:those|them|these|any|some)"
            + "(?:\\s(?:in stock|too|as well|at all|by any chance|here))?+$|^any in stock$");
    private static final Pattern SHORT_FOLLOW_UP = p("(?:and\\s)?+(?:how (?:long|much|soon|many days)|when|what time|where|why|which days|how)"
            + "(?:\\s(?:is it|does it take|will it take|would it take|then|exactly|roughly))?+");
    private static final Pattern STARTS_WITH_REMOVE = p("(?:(?:please|pls|ok|okay|now|can you|could you)\\s)?+(?:remove|delete|drop|take out"
            + "|take (?:it|them|that|this|those|these) (?:off|out)|get rid of|ditch)\\s");
    /** A request that starts with what to do: "remove it", "show me the cart", "check out". */
    private static final Pattern COMMAND = p("(?:remove|delete|drop|add|put|take|show|check ?out|pay|send|clear|empty|cancel|give"
            + "|make|change|buy|order|get rid of)\\b");
    private static final Pattern INTERJECTIONS = p("(?:(?:ugh+|argh+|ok|okay|hmm+|oh+|wait|actually|never mind|nah|well|alright"
            + "|sorry|oops|lol|meh|eh|whatever|anyway|anyways)[ ,!.]++)+");
    /** Whether {@code piece} of {@code text} ends in a question mark (which the split at it took away). */
    private static boolean asked(String text, String piece) {
        int at = text.indexOf(piece);
        return at >= 0 && at + piece.length() < text.length() && text.charAt(at + piece.length()) == '?';
    }

    /** A phrase set between requests that asks nothing: "and with what's left, a scented candle", "while you're at it". */
    private static final Pattern ASIDE = p("(?:(?:and|so|oh|ok)\\s)?+(?:with (?:what's|what is) left(?: over)?+|with the (?:rest|remaining(?: money| budget)?+|change)"
            + "|following up(?: on (?:that|this|my (?:last )?+(?:message|order)))?+|further to (?:that|my last(?: message)?+)|as a follow[- ]up"
            + "|while you're at it|while you are at it|in that case|if so|if possible|if you can|for now|on second thought|as well)");
    /** "that lamp I was looking at earlier", "the cardigan you showed me before": a product seen before, pointed at (no search). */
    private static final Pattern SEEN_EARLIER = p("^(?:(?:oh|and|also|plus|ok|so)[ ,]++)*+(?:the|that|those)\\s(?<what>[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,2}?)\\s"
            + "(?:(?:i|we)\\s(?:was\\s|were\\s)?+(?:looking at|looked at|asked about|saw|liked|checked|mentioned)|you\\s(?:showed me|showed|mentioned))"
            + "(?:\\s(?:earlier|before|first|at the start|yesterday))?+$");
    /** "ok throw in one shampoo", "chuck in 2 of the mugs": one more thing put in, said as a toss (asked of the shop, a haggle). */
    private static final Pattern TOSSED_IN = p("^(?:(?:ok|okay|and|also|oh|then|yes|yeah|so)[ ,]++)*+(?:throw|chuck|pop|bung|stick|toss)\\s(?:in|on)\\s"
            + "(?!(?:the|my|your)\\s" + Utterance.CART_WORDS + "\\b|the\\stowel\\b)(?<what>[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,5}+)$");
    /** "ok that's gorgeous", "love it", "omg so cute": admiring what is shown, beside a request, asks for nothing more. */
    private static final Pattern ADMIRED = p("^(?:(?:ok|okay|oh|ooh|aw+|omg|wow|yes|yeah)[ ,!.]++)*+(?:(?:that's|thats|it's|its|this is|that is|it is|so|how)\\s)?+"
            + "(?:so\\s|really\\s|very\\s|super\\s|just\\s|absolutely\\s)?+(?:gorgeous|lovely|beautiful|pretty|cute|stunning|amazing|adorable"
            + "|fab|fabulous|sweet|beaut|a beaut|a beauty|class|deadly|fire|lit)"
            + "|^(?:(?:ok|oh|omg|aw+)[ ,!.]++)*+(?:i\\s)?+(?:love|luv|adore)\\s(?:it|that|this|that one|this one)$"
            // "coconut wax sounds cozy", "sounds perfect for beans": a feature liked (not "the walnut one sounds right": a pick)
            + "|^(?!(?:the|that|this|those|these|it|they)\\b)(?:[a-z0-9'&-]++\\s){0,3}?(?:sounds|sound|looks|seems)\\s(?:so\\s|really\\s|very\\s)?+"
            + "(?:cozy|cosy|nice|good|great|lovely|perfect|fine|ideal|cute|gorgeous|amazing|fab)(?:\\s(?:for|to)\\s[a-z']++(?:\\s[a-z']++){0,3}+)?+$");
    private static final Pattern INTERJECTION = p("^(?:oh+|ooh+|hm+|um+|uh+|ah+|well|wait|so|also|btw|lol|oh wait|oh and|and also"
            + "|eh|eh whatever|whatever|meh|anyway|anyways)$");

    /**
     * Every request in one message, in order (issue 14, item 4): "add the earbuds and show my cart" is
     * add_to_cart, then view_cart, each read in the state the one before it leads to (so "checkout
     * and send me the link" is create_order then get_payment_link). A message splits only where every
     * part is a request read with confidence, by a rule or the learned model, and the parts ask for
     * different things or for different products; greetings and thanks between them are dropped. A
     * bare product after an add or a remove ("add the lamp and the rug") is one more of the same.
     * Anything less certain is read as one request, as {@link #understand} does.
     */
    List<Understanding> understandAll(String asWritten, State state, List<Event> offered) {
        // "pehla wala dikhao": Hinglish read as the English it says, by every rule and model below (learnt from text as written)
        String letter = Letter.body(Hinglish.asEnglish(asWritten));
        List<PastedNames.Line> pasted = PastedNames.ordered(letter, tagger::productWordAsSpelled);
        if (!pasted.isEmpty()) {
            // "I'd like to order: / 2 x Lark Stoneware Mug Set | Sage Green – $30.00 / ...": one add per name, as written
            return pasted.stream().map(l -> new Understanding(Intent.ADD_TO_CART,
                    productAndCount(l.name(), l.quantity()), 0.9, "rule:pasted-names")).toList();
        }
        String written = PastedNames.unpriced(letter);
        // "ok forget it. add 5 anyway": what is forgotten is the talk before, and a request follows
        written = written == null ? null : DISMISSED_FIRST.matcher(written).replaceFirst("");
        written = written == null ? null : PASSED_ON.matcher(written).replaceFirst(""); // "my husband says make it two"
        // "Wait, I meant just the blocks. Take the mat out.": what was meant, with nothing before it to take back
        written = written == null ? null : MEANT_FIRST.matcher(written).replaceFirst("");
        if (state == State.CART && written != null) {
            // "So 3 mugs and 2 flasks. Hmm, lose the mug.": the cart said back is checked, not ordered again
            String unsaid = withoutRestated(written);
            if (unsaid.isBlank()) {
                return List.of(new Understanding(Intent.VIEW_CART, Map.of(), 0.85, "rule:restated"));
            }
            written = unsaid;
        }
        Matcher disagree = written == null ? null : COUNTS_DISAGREE.matcher(written);
        if (disagree != null && disagree.find() && !Quantity.value(disagree.group(1).toLowerCase(java.util.Locale.ROOT))
                .equals(Quantity.value(disagree.group(3).toLowerCase(java.util.Locale.ROOT)))) {
            // "I say two of the Kite & Kin 500-piece puzzle, she says three": the product, and a question how many
            Understanding named = withSlots(Intent.ADD_TO_CART, "add " + disagree.group("what"), state, 0.8, "rule:counts-disagree");
            Map<String, Object> slots = new LinkedHashMap<>(named.slots());
            slots.remove("quantity");
            return List.of(new Understanding(Intent.ADD_TO_CART, slots, 0.8, "rule:counts-disagree", HOW_MANY));
        }
        written = written == null ? null : NOT_THAT_COUNT.matcher(written).replaceAll("$1");
        // "I meant two in total, not two more", "make that one board, not two": the count refused, at the end, says nothing
        Matcher refused = written == null ? null : COUNT_REFUSED_LAST.matcher(written);
        if (refused != null && refused.find() && SAYS_A_COUNT.matcher(written.substring(0, refused.start())).find()) {
            written = written.substring(0, refused.start());
        }
        // "is ok? string lights 3, planter 1, correct?": a check asked before what is checked says nothing of its own
        written = written == null ? null : CHECKED_FIRST.matcher(written).replaceFirst("");
        Utterance whole = Utterance.of(written); // read once here: the rules below each take what they need of it
        Optional<List<Understanding>> haggled = haggled(written, whole, state, offered);
        if (haggled.isPresent()) {
            return haggled.get();
        }
        String bareWhole = whole.bare();
        if (state == State.CART && CHECKS_BACK.matcher(whole.text()).find() && SUMS.matcher(bareWhole).find()
                && !CHANGE_ASKED.matcher(bareWhole).find() && !SENTENCE_END.matcher(whole.text().strip()).find()) {
            // "you wrote "Set of 2" so that's 4 blocks in total, right?": one sentence that checks what the cart holds, and
            // the cart shown ("And one more for my nephew. So total is three (3), yes?" asks for one more first)
            return List.of(new Understanding(Intent.VIEW_CART, Map.of(), 0.85, "rule:checks-back"));
        }
        if (REMARK.matcher(bareWhole).find() && !ASKS_FOR.matcher(bareWhole).find()) {
            // "229?? at the mall its 180", "let me think about it": said, not asked; answered, nothing done
            return List.of(new Understanding(Intent.OTHER, Map.of(), 0.9, REMARKED));
        }
        Matcher wished = WISHED_KIND.matcher(bareWhole);
        if (HESITATES.matcher(bareWhole).find() && !ACTS_NOW.matcher(bareWhole).find() && wished.find()
                && namesProductsOrTheirPlural(wished.group(1))) {
            // "I'm thinking about getting an e-reader but honestly I can't decide": undecided, so nothing is taken; the
            // kind wished for is shown, which commits the shopper to nothing
            Utterance kind = Utterance.of(wished.group(1));
            return List.of(search(SearchQuery.in(kind, tagger), kind, 0.8, "rule:wished-kind"));
        }
        if (HESITATES.matcher(bareWhole).find() && !ACTS_NOW.matcher(bareWhole).find()
                && (whole.text().indexOf('?') < 0 || !ASKS_FOR.matcher(bareWhole).find())) {
            // "Hmm, or maybe the Sorrel Studio one... let me think on it a sec": a product weighed, not taken; nothing is
            // done ("let me think, what's your return policy?" is still answered)
            return List.of(new Understanding(Intent.OTHER, Map.of(), 0.9, HESITATED));
        }
        Matcher kindCount = KIND_TO_COUNT.matcher(whole.text());
        // (not when a count follows: "change the mugs to 2, sorry, the candles to 2" and "the notebooks to 60 and the pens to
        // 30" are read as before)
        String newCount = state == State.CART && kindCount.lookingAt() && !SAYS_A_COUNT.matcher(whole.text().substring(kindCount.end())).find()
                ? (kindCount.group(2) != null ? kindCount.group(2) : kindCount.group("count")) : null;
        if (offered.contains(Event.SET_QUANTITY) && newCount != null && Quantity.value(newCount).isPresent()
                && namesProductsOrTheirPlural(kindCount.group(1))) {
            // "Mugs to 8, candles stay as is.", "candles, drop those to four", "Webcams 3 in total." with the cart open: the line
            // named first, and its new count; what is left alone after it asks nothing
            String kind = TRAILING_ONES.matcher(kindCount.group(1)).replaceFirst("");
            return List.of(new Understanding(Intent.SET_QUANTITY, productAndCount(kind, Quantity.value(newCount).getAsInt()),
                    0.85, "rule:kind-to-count"));
        }
        Matcher kindMore = KIND_MORE.matcher(whole.text());
        if (state == State.CART && offered.contains(Event.ADD_TO_CART) && kindMore.lookingAt() && Quantity.value(kindMore.group(2)).isPresent()
                && namesProductsOrTheirPlural(kindMore.group(1))) {
            // "Mouse also one more." with the cart open: the product named first, that many more of it
            return List.of(new Understanding(Intent.ADD_TO_CART, productAndCount(kindMore.group(1), Quantity.value(kindMore.group(2)).getAsInt()),
                    0.85, "rule:kind-more"));
        }
        Matcher inAll = IN_ALL.matcher(bareWhole);
        if (offered.contains(Event.SET_QUANTITY) && inAll.find() && Quantity.value(inAll.group(1)).isPresent()) {
            // "Actually my boss should get one too, so 3 candles in total": the line's count in all, said; not one more and
            // three more
            Map<String, Object> slots = new LinkedHashMap<>();
            if (inAll.group(2) != null && namesProductsOrTheirPlural(inAll.group(2))) {
                slots.put("product", inAll.group(2));
            }
            slots.put("quantity", Quantity.value(inAll.group(1)).getAsInt());
            return List.of(new Understanding(Intent.SET_QUANTITY, slots, 0.85, "rule:in-all"));
        }
        if (ONE_OF_THEM_TAKEN.matcher(bareWhole).find() && BOTH.matcher(bareWhole).find() || EITHER_TAKEN.matcher(bareWhole).find()) {
            // "Ugh, both are nice. Okay I'll take one of them": one of two products looked at, and not which; asked, not guessed
            return List.of(new Understanding(Intent.ADD_TO_CART, Map.of(), 0.8, "rule:one-of-both", WHICH_OF_THEM_ASK));
        }
        if (KEEPS.matcher(bareWhole).lookingAt() && !CHANGE_ASKED.matcher(bareWhole).find() && Quantity.in(bareWhole).isEmpty()
                && offered.contains(Event.VIEW_CART)) {
            // "nah keep jus the weighted ones": what is in the cart stays; shown, nothing added
            return List.of(new Understanding(Intent.VIEW_CART, Map.of(), 0.8, "rule:keeps"));
        }
        if (TAKEN_ALONG.matcher(bareWhole).find()) {
            // "CAN I TAKE IT SNORKELING", "can i take it on a plane?": whether it can go somewhere, asked; nothing taken
            return List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of(), 0.8, "rule:taken-along"));
        }
        if (REFUSES_TO_ACT.matcher(whole.text()).matches()) {
            // "don't add it", "no pls dont order yet": the request refused, in one clause; nothing is done
            return List.of(new Understanding(Intent.OTHER, Map.of(), 0.9, TAKEN_BACK));
        }
        if (state == State.BROWSING && EVERY_ONE.matcher(bareWhole).matches()) {
            // "both please", "i want all three" with a list on screen and no question asked: which ones is the one thing
            // unknown (it had searched for "both" and put a new list in place of the one they meant)
            return List.of(new Understanding(Intent.ADD_TO_CART, Map.of(), 0.8, "rule:every-one", WHICH_ONES));
        }
        String raw = SecondThoughts.meant(written); // "add the pink one no wait the blue one": read as meant
        if (raw != null && Quantity.workedOut(raw.toLowerCase(java.util.Locale.ROOT)).isPresent()) {
            // "the granger one, one for me and one for each of my 2 sisters": one request, its count worked out
            raw = SHARED_AFTER.matcher(raw).replaceAll(" ");
        }
        if (raw != null && raw.isBlank()) {
            return List.of(read(written, state, offered));
        }
        List<Understanding> each = eachOf(raw, state);
        if (!each.isEmpty()) {
            return each;
        }
        List<Understanding> compared = compared(raw, state);
        if (!compared.isEmpty()) {
            return compared;
        }
        List<Understanding> swapped = swapped(raw, state, offered);
        if (!swapped.isEmpty()) {
            return swapped;
        }
        Utterance said = Utterance.of(raw);
        Matcher byPrice = WHICH_BY_PRICE.matcher(said.bare());
        if (!byPrice.find()) {
            byPrice = ABOUT_BY_PRICE.matcher(said.bare()); // "please tell me about the cheapest one from this list"
        }
        if (byPrice.find(0)) {
            // "which one cheapest", "which of them is the most expensive?": the one of the list its price says, shown
            String price = byPrice.group(1) != null ? byPrice.group(1) : byPrice.group(2);
            String which = DEARER.matcher(price).find() ? "most expensive" : "cheapest";
            return List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of("product", which), 0.9, "rule:which-by-price"));
        }
        List<Understanding> all = antecedent(requests(raw, state, offered), said);
        Understanding first = all.getFirst();
        if (all.size() == 1 && first.intent() == Intent.VIEW_CART && first.source().endsWith(NO_QUANTITY)
                && ANOTHER.matcher(said.bare()).matches() && said.text().indexOf('?') < 0) {
            // "another lamp pls", "another one" with a cart open: one more, not a look at the cart
            Understanding more = withSlots(Intent.ADD_TO_CART, said.bare(), state, first.confidence(), "rule:another");
            Map<String, Object> slots = new LinkedHashMap<>(more.slots());
            slots.put("quantity", 1);
            return List.of(new Understanding(Intent.ADD_TO_CART, slots, first.confidence(), "rule:another"));
        }
        Matcher anotherThenWhy = ANOTHER_THEN_WHY.matcher(said.text());
        if (all.size() == 1 && offered.contains(Event.ADD_TO_CART) && anotherThenWhy.matches()) {
            // "Put another one, my brother want am too", "and another charger, the missus keeps nickin mine": one more of what
            // is in front of the shopper, or of the kind named; the rest says who for or why
            Map<String, Object> slots = new LinkedHashMap<>();
            String what = anotherThenWhy.group("what");
            if (what != null && !what.equals("one")) {
                slots.put("product", what);
            }
            slots.put("quantity", 1);
            return List.of(new Understanding(Intent.ADD_TO_CART, slots, Math.max(0.6, first.confidence()), "rule:another"));
        }
        Matcher oneForEach = ONE_MORE_FOR_EACH.matcher(said.bare());
        if (state == State.CART && oneForEach.matches() && offered.contains(Event.ADD_TO_CART)) {
            // "plus one for the sweetheart table and one for the cake table": that many more of what was just put in
            int more = (int) ONE_FOR.matcher(said.bare()).results().count();
            return List.of(new Understanding(Intent.ADD_TO_CART, Map.of("quantity", more), 0.85, "rule:one-more-for-each"));
        }
        if (all.size() == 1 && first.intent() == Intent.REMOVE_FROM_CART && KEEP_ONLY.matcher(said.bare()).find()) {
            // "only keep the mug": the mug stays; which lines go is for the shopper to say, with the cart in front of them
            return List.of(new Understanding(Intent.VIEW_CART, Map.of(), first.confidence(), "rule:keep-only"));
        }
        if (all.size() == 1 && (first.intent() == Intent.CHECK_ORDER_STATUS || first.intent() == Intent.CREATE_ORDER
                || first.intent() == Intent.GET_PAYMENT_LINK) && WHAT_IF_OR_LATER.matcher(said.bare()).find()) {
            // "when will it arrive if i order today", "can i pay later?": how the shop works, asked; nothing ordered yet
            return List.of(new Understanding(Intent.SHOP_QUESTION, Map.of("topic", ShopTopic.of(said)), first.confidence(), "rule:what-if"));
        }
        if (all.size() == 1 && first.intent() == Intent.CHECK_ORDER_STATUS && !offered.contains(Event.CHECK_ORDER_STATUS)
                && ARRIVAL.matcher(said.bare()).find() && !MY_ORDER.matcher(said.bare()).find()) {
            // "when would it arrive" with no order yet: how long delivery takes, asked of the shop (it had answered "You
            // have no orders yet"); "where is my order" with none still says so
            return List.of(new Understanding(Intent.SHOP_QUESTION, Map.of("topic", "delivery"), first.confidence(), "rule:arrival-before-order"));
        }
        if (all.size() == 1 && first.intent() == Intent.ADD_TO_CART && !first.slots().containsKey("product")
                && !first.slots().containsKey("quantity") && ADDS_UNNAMED.matcher(said.bare()).find()) {
            // "wait i want to add something else": more shopping, not one more of the product in focus
            return List.of(new Understanding(Intent.OTHER, Map.of(), first.confidence(), MORE_SHOPPING));
        }
        // "let's do the blue one", "my pick is the second" say "do the", "is the" and ask nothing: a choice, said as one
        boolean choiceSaid = (first.source().equals("rule:purchase") || first.source().equals("rule:settled")) && said.text().indexOf('?') < 0;
        if (all.size() == 1 && CHANGES_CART.contains(first.intent().wireName()) && YES_NO.matcher(said.text()).find() && !choiceSaid
                && !ASKS_TO_ACT.matcher(said.bare()).find() && !TELLS_TO_ACT.matcher(said.bare()).find()) {
            // "is the 4 person one big enough for 4 adults?": a question about a product, which changes nothing
            Map<String, Object> about = first.slots().containsKey("product") ? Map.of("product", first.slots().get("product")) : Map.of();
            return List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, about, first.confidence(), first.source() + "+question"));
        }
        if (all.size() == 1 && state == State.CART && first.intent() == Intent.CREATE_ORDER && first.ask() == null
                && LINK_ASKED.matcher(said.bare()).find()) {
            // "send me the link" with a cart and no order yet: the order it needs, then the link asked for, as
            // "checkout and send me the link" does; the engine gates the link in the state the order leaves.
            return List.of(first, new Understanding(Intent.GET_PAYMENT_LINK, Map.of(), first.confidence(), "then:link"));
        }
        return all;
    }

    /**
     * "changed my mind on the cardigan, remove it", "about the blue mug... take it out": a request whose product is only
     * "it" or "them" names the product said before it in the same message (it had removed the product in focus).
     */
    private static List<Understanding> antecedent(List<Understanding> all, Utterance said) {
        if (all.size() != 1 || !CHANGES_CART.contains(all.getFirst().intent().wireName()) || all.getFirst().slots().containsKey("product")) {
            return all;
        }
        Matcher pronoun = PRONOUN_OBJECT.matcher(said.text());
        if (!pronoun.find() || pronoun.start() == 0) {
            return all;
        }
        Matcher named = NAMED_BEFORE.matcher(said.text().substring(0, pronoun.start()));
        if (!named.find() || SAYS_HOW_IT_IS.matcher(named.group(1)).find()) {
            return all; // "the price is fine, add it", "the puppy's small so that's fine, add it": what it is like, not which
        }
        Optional<String> product = ProductRef.in(Utterance.of(named.group(1)), named.group(1), false);
        if (product.isEmpty()) {
            return all;
        }
        Understanding u = all.getFirst();
        Map<String, Object> slots = new java.util.LinkedHashMap<>(u.slots());
        slots.put("product", product.get());
        return List.of(new Understanding(u.intent(), Map.copyOf(slots), u.confidence(), u.source() + "+antecedent"));
    }

    /** The verb of a cart change whose object is a pronoun: "remove it", "take them out", "add those". */
    private static final Pattern PRONOUN_OBJECT = p("(?<!\\S)(?:remove|delete|drop|ditch|take|add|put|get rid of|cancel|change|make)\\s"
            + "(?:it|them|those|that|this)(?!\\S)");
    /** A product named before it, then a stop: "on the cardigan,", "about the blue mug...", "and the keyboard,". */
    private static final Pattern NAMED_BEFORE = p("(?:^|[,.;:!?]\\s*+|\\s)(?:(?:on|about|regarding|and|also|plus|ok|oh)\\s)?+"
            + "(the\\s[a-z0-9' -]{2,40}?)\\s*+[,.;:-]++\\s*+$");
    private static final Pattern SAYS_HOW_IT_IS = p("\\b(?:is|are|was|were|looks|seems|sounds|feels|so|but|because|if|that|it)\\b|'s\\b"
            + "|^(?:\\S++\\s++){5}");

    static final String REMARKED = "rule:remark";
    static final String HESITATED = "rule:hesitates";
    private static final Pattern TRAILING_TO = p("(?<!\\s)\\s++(?:(?:down|up)(?:\\s++to)?+|to|by)$");
    /** A count more of something pointed at: "2 more of the candles", "one more of those", "another 3 of them". */
    private static final Pattern MORE_OF_THE = p("\\b(?:\\d{1,3}|one|two|three|four|five|six|a couple|a few)\\smore\\sof\\s(?:the|those|these|them|it|that|this)\\b"
            + "|\\banother\\s(?:\\d{1,3}|two|three|four|five|six)\\sof\\s(?:the|those|these|them)\\b"
            // "sorry, I need one more for my brother": one more of what was just added, for someone
            + "|\\b(?:\\d{1,2}|one|two|three|four|five)\\smore\\sfor\\s(?:me|him|her|them|us|my|our|his|the)\\b");
    /** One more, said first: "and one for me too", "ok and another one". */
    private static final Pattern ONE_MORE_TOO = p("^(?:(?:ok|okay|oh|and|so|right|alright|go on)\\s)*+(?:another(?:\\sone)?+|(?:the\\s)?+same again"
            + "|one\\s(?:more\\s)?+(?:for\\s(?:[a-z']++\\s){1,3}?)?+(?:too|as well|also))\\b(?!\\s(?:of|is|was|would|will)\\b)");
    /** How a count said before is shared, whatever follows: "one for each twin so there's no fighting", "one ni ya msupa wangu". */
    private static final Pattern ONE_SHARED = p("^(?:(?:and|so)\\s)?+(?:one|1)\\s(?:is\\s|of\\s(?:them|those|these)\\s)?+(?:for|ni\\s(?:ya|you)|goes\\sto)\\b");
    /** Someone else wanting one as well: "Oh and Jess wants one too", "my sister needs one as well": one more. */
    private static final Pattern WANTS_ONE_TOO = p("^(?:(?:oh|ok|okay|and|so|also|plus|actually)\\s)*+(?:[a-z']++\\s){1,3}?(?:wants|needs|would like"
            + "|'d like|would want)\\s(?:one|1)\\s(?:too|as well|also)\\b[^?]*+$");
    /** "one for", "another one for": how each of several more is said. */
    private static final String ONE_FOR_WORDS = "(?:one|1|another(?:\\sone)?+)\\sfor\\s";
    /** One for a place or person named: "one for the cake table", "one for my sister". */
    private static final String ONE_FOR_SOMEONE = ONE_FOR_WORDS + "(?:the|my|our|his|her|their)\\s[a-z'-]++(?:\\s(?!and\\b)[a-z'-]++)?+";
    /** More, one for each place or person named: "plus one for the cake table and one for the sweetheart table". */
    private static final Pattern ONE_MORE_FOR_EACH = p("^(?:(?:plus|and|also|oh|ok|okay)\\s)++" + ONE_FOR_SOMEONE
            + "(?:\\s(?:and|&)\\s" + ONE_FOR_SOMEONE + ")*+(?:\\s(?:too|as well|also))?+$");
    private static final Pattern ONE_FOR = p("\\b" + ONE_FOR_WORDS);
    /** One more, and nothing else: "another one", "another lamp pls", "and another mug please". */
    private static final Pattern ANOTHER = p("^(?:and\\s)?+another\\s(?:one|[a-z][a-z'-]*+(?:\\s[a-z][a-z'-]*+)?+)(?:\\s(?:please|pls|plz|thanks|too))?+$");
    /** One more asked for first, then who it is for or why: "Put another one, my brother want am too", "another one pls, she loves it". */
    private static final Pattern ANOTHER_THEN_WHY = p("^(?:(?:ok|okay|and|so|oh)\\s)*+(?:(?:put|add|get|grab|give me|send)\\s(?:me\\s)?+)?+"
            + "another(?:\\s(?<what>one|[a-z][a-z'-]*+))?+(?:\\s(?:please|pls|plz|too|as well))?+\\s*+[,.;!]++\\s*+(?:my|our|his|her|their|for|cos|cause|because|coz|since|he|she|they|we|it's|its"
            + "|the\\s(?:missus|mrs|wife|husband|hubby|kids|boss|family|old\\sman|other\\shalf))\\b[^?]*+$");
    /** Keeping one line, said as such: "only keep the mug", "keep just the lamp" (never a removal of what is kept). */
    private static final Pattern KEEP_ONLY = p("\\b(?:only|just) keep\\b|\\bkeep (?:only|just)\\b"
            // "remove everything except the lamp", "delete all but the mug": the one named is the one that stays
            + "|\\b(?:everything|all|all of it|the rest|all the rest|all items|every item)\\s(?:except|but|apart from|other than|besides|save)\\b");
    /** An order or a payment supposed, not made: "if i order today", "can i pay later", "pay on delivery". */
    private static final Pattern WHAT_IF_OR_LATER = p("\\bif i (?:order|buy|pay|check ?out|place)\\b"
            + "|\\bpay (?:later|on delivery|in (?:cash|installments|instalments)|monthly|next week|tomorrow)\\b");
    /** When something would come: "when would it arrive", "how long does shipping take", "will it get here by friday". */
    private static final Pattern ARRIVAL = p("\\barriv|\\bdeliver|\\bship|\\bget here\\b|\\bhow long\\b");
    /** An order of the shopper's own, named: "my order", "my package", "the order i placed". */
    private static final Pattern MY_ORDER = p("\\b(?:my|our)\\s(?:\\S+\\s)?+(?:order|orders|package|parcel|delivery|stuff|purchase|things|items)\\b"
            + "|\\border\\s(?:i|we)\\s(?:placed|made|paid)\\b|\\b(?:i|we)\\s(?:ordered|paid|bought)\\b");
    /** The source of "I want to add something else": the shopper is asked what they are looking for. */
    static final String MORE_SHOPPING = "rule:more-shopping";
    /** An add whose object is no product at all: "add something else", "can I add more stuff", "let me add something". */
    private static final Pattern ADDS_UNNAMED = p("\\b(?:add|put|get|buy|order)\\s(?:something|anything|some more|more stuff|more things"
            + "|other (?:stuff|things)|a few (?:more )?+things|a couple (?:more )?+things|another (?:thing|item)|more items|other items)\\b");
    private static final Pattern WHICH_BY_PRICE = p("^(?:(?:so|ok|okay|and|then|hmm)\\s)*+which\\s(?:one|ones|of them|of these|of those|is|are)"
            + "(?:\\s(?:is|are))?+(?:\\s(?:the|more|most))?+\\s(cheapest|cheaper|cheap|least expensive|less expensive|economic|economical"
            + "|affordable|lowest price|most expensive|more expensive|expensive|priciest|pricier|dearest|dearer)\\b");
    /** Asked about the one of the list its price says: "tell me about the cheapest one", "more info on the priciest". */
    private static final Pattern ABOUT_BY_PRICE = p("^(?:(?:so|ok|okay|and|then|please|pls|kindly)\\s)*+(?:(?:can|could)\\syou\\s)?+(?:tell\\sme\\s(?:more\\s)?+about"
            + "|more\\sinfo\\s(?:on|about)|details\\s(?:on|of|for|about)|info\\s(?:on|about)"
            // "show me the cheapest", "Let's see the cheapest", "Show me the less expensive": the one of the list, shown (not a
            // search for cheaper ones, which says no "the")
            + "|show\\s(?:me|us)|(?:let\\sme|let's|lets|lemme|can\\si|could\\si|may\\si)\\ssee|i'd\\slike\\sto\\ssee)\\sthe\\s(cheapest|least\\sexpensive"
            + "|less\\sexpensive|most\\sexpensive|priciest|dearest|cheaper|pricier)(?:\\sone)?+(?:\\s(?:from|of|on|in)\\s(?:this|the|that|your)\\s(?:list|lot|ones|options)"
            + "|\\sof\\s(?:them|those|these))?+(?:\\s(?:instead|then|mate))?+(?:\\splease|\\spls)?+$"
            // "wats the cheaper 1 like": what it is like, asked of the one its price says
            + "|^(?:(?:so|ok|okay|and)\\s)*+what(?:'s|\\sis)\\sthe\\s(cheaper|cheapest|pricier|priciest|dearer|dearest|(?:more|less|most|least)\\sexpensive)"
            + "(?:\\sone)?+\\slike$");
    private static final Pattern DEARER = p("(?<!\\b(?:less|least)\\s)expensive|pric|dear"); // "least expensive" is the cheapest
    /** A search for the end of the price range: "cheapest tent", "the most expensive lamp". */
    private static final Pattern BY_PRICE_SEARCHED = p("\\b(?:cheapest|priciest|dearest|most\\sexpensive|least\\sexpensive)\\b");
    /** A yes-or-no question about a product: "is the 4 person one big enough?", "does it need batteries", "are they washable". */
    // Not after a subject or a modal: "can I do the Haven one in blue please", "we'll all do it together" ask nothing.
    private static final Pattern YES_NO = p("(?:^|(?<!(?i:\\bi|\\bwe|\\byou|\\bthey|\\ball|'ll|\\blet's|\\blets|\\bgonna|\\bto))"
            + "\\s(?=(?:is|are|does|do|will|would)\\s(?:it|they|this|that|these|those|the)\\s[^,.]*+$)(?!(?:is|are)\\sthe\\sones?\\b))"
            + "(?:is|are|does|do|will|would)\\s(?:it|they|this|that|these|those|the)\\s");
    /** A verb that tells the shop to do something, whatever question comes with it: "is that a clamp one add it". */
    private static final Pattern TELLS_TO_ACT = p("\\b(?:add|put|remove|delete|drop|take|get rid|ditch|make it"
            + "|make that|change|set (?:it|that|them|the|my)|give me|gimme|i'll take"
            + "|i will take|i'll have|get me)\\b");
    /** A question that asks the shop to do something: "is it possible to add 2", "would it be ok to remove it". */
    private static final Pattern ASKS_TO_ACT = p("\\b(?:possible|ok to|okay to|ok if|okay if|alright to|alright if|fine to|fine if|able to"
            + "|you mind|bother)\\b");
    private static final Pattern CHECKED_FIRST = p("(?i)^\\W*+(?:is\\s(?:it|that|this)\\s|is\\s)?+(?:ok|okay|correct|right)\\?++\\s*+(?=\\S)");
    /** "jump rope make two, not three": the count refused after the count wanted, which is no request of its own. */
    private static final Pattern NOT_THAT_COUNT = p("(?i)\\b(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)(?<!\\s)\\s*+,?+\\s*+"
            + "(?:and\\s|but\\s)?+not\\s(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\\b(?!\\s*+(?:more|x|of|pcs|pieces)\\b)");
    private static final Pattern COUNT_REFUSED_LAST = p("(?i)(?<=\\S),\\s*+(?:and\\s|but\\s)?+not\\s(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
            + "(?:\\s(?:more|extra|of\\sthem|[a-z]{3,}+))?+\\s*+[.!]*+\\s*+$");
    /**
     * Someone else's request passed on, then the request itself: "my husband says make it two", "the wife wants me to add
     * another". What follows is read as the shopper's own request ("my husband says" alone is no remark that hides it).
     */
    private static final Pattern PASSED_ON = p("(?i)^\\W*+(?:(?:ok|okay|so|and|but|well|right|oh|hmm)[,.!]?+\\s++)*+(?:(?:my|the|our)\\s"
            + "(?:husband|wife|hubby|partner|boss|mum|mom|mam|dad|son|daughter|sister|brother|girlfriend|boyfriend|fiance|fiancee|kids?|missus"
            + "|other\\shalf|better\\shalf|wifey)|he|she|wife|husband|hubby)\\s(?:says|said|wants\\sme\\sto|asked\\sme\\sto|told\\sme\\sto"
            + "|reckons|thinks)(?:\\s(?:we\\sshould|i\\sshould|to|that))?+[,:]?+\\s++(?=(?:make|add|get|put|change|swap|remove|take|drop|let|just"
            + "|only|go|bump|double|up|lose|bin|delete)\\b)");
    /** A count, and maybe what it counts: one item of the cart said back ("3 mugs", "2", "one lamp"). */
    private static final String RESTATED_ITEM = "(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\\sdozen)"
            + "(?:\\s(?!and\\b)[a-z'-]++){0,3}+";
    /**
     * The cart said back to check it, a sentence of its own of two counts or more that starts with "so", "right" or "ok":
     * "So 3 mugs and 2 flasks.", "so 1 candle, 2 lamps?", "Right, 1 candle, 2 lamps." ("so one more please" asks for
     * something).
     */
    private static final Pattern RESTATED = p("(?i)^\\s*+(?:(?:ok|okay|right|alright|hmm|um)[,.]?+\\s++)*(?:so|right|okay|ok)[,]?+\\s(?:that's\\s|thats\\s|that\\sis\\s|it's\\s"
            + "|its\\s|we\\shave\\s|i\\shave\\s|now\\s)?+" + RESTATED_ITEM + "(?:(?:,\\s?+(?:and\\s)?+|\\sand\\s|\\s&\\s)" + RESTATED_ITEM + ")++"
            + "(?:,?+\\s(?:right|correct|yes|yeah|ok|okay|in\\stotal|total|then))?+\\s*+[?.!]*+\\s*+$");
    /** "Oh, 3 mugs.": a count of the cart seen, said back, no request. */
    private static final Pattern REALISED = p("(?i)^\\s*+oh+[,!.]?+\\s++(?:i\\ssee[,.]?+\\s++)?+" + RESTATED_ITEM + "\\s*+[.!]*+\\s*+$");
    private static final Pattern SENTENCE = p("[^.!?]++[.!?]*+");
    private static final Pattern RESTATED_WORDS = p("(?i)\\b(?:please|pls|more|another|add|remove|make|change|drop|instead)\\b");

    /** {@code written} without the sentences that say the cart back to check it (two counts or more, each maybe of a kind). */
    private static String withoutRestated(String written) {
        StringBuilder kept = new StringBuilder();
        Matcher sentence = SENTENCE.matcher(written);
        while (sentence.find()) {
            String one = sentence.group();
            if (!((RESTATED.matcher(one).matches() || REALISED.matcher(one).matches()) && !RESTATED_WORDS.matcher(one).find())) {
                kept.append(one);
            }
        }
        return kept.toString().strip();
    }
    private static final Pattern MEANT_FIRST = p("(?i)^\\W*+(?:(?:wait|sorry|no|oh|ok|okay|hmm)(?:[,.!]|\\s(?:comma|period))?+\\s++)*+"
            + "(?:i\\smeant|what\\si\\smeant\\s(?:was|is))[,:]?+\\s++(?=(?:just|only)\\s)"); // ("sorry i meant too pairs" corrects a count)
    /**
     * Two counts said by two people ("I say two of the puzzle, she says three"): how many is not settled, so it is asked
     * for, not guessed.
     */
    private static final Pattern COUNTS_DISAGREE = p("(?i)\\b(?:i|we)\\s(?:say|said|want|think|reckon)\\s(?:[a-z'&-]++\\s){0,2}?" + A_COUNT
            + "\\b(?<what>[^.?!]{0,80}?)\\b(?:she|he|they|my\\s[a-z']++|the\\s(?:wife|missus|husband|kids?)|wife|husband|hubby)\\s(?:says|said|wants|thinks"
            + "|reckons)\\s(?:[a-z'&-]++\\s){0,2}?" + A_COUNT + "\\b");
    private static final Pattern DISMISSED_FIRST = p("(?i)^\\W*+(?:(?:ok|okay|oh|fine|alright|sigh|ugh|meh)[,.!]*+\\s++)*+(?:forget it"
            + "|never mind|nevermind|nvm|whatever|forget about it)[.!,;]++\\s*+(?=\\S)");

    /**
     * A sentence that bargains ("give me 20% off and i'll buy it", "if i take 4 u give one free?", "still no
     * discount?"): a question for the shop (a person answers it; the bot sets no price), and nothing of that sentence
     * done, not even the buying it offers in return. The message's other sentences are read as usual.
     */
    private Optional<List<Understanding>> haggled(String written, Utterance whole, State state, List<Event> offered) {
        if (written == null || !haggles(whole, written)) {
            return Optional.empty();
        }
        StringBuilder rest = new StringBuilder();
        for (String sentence : SENTENCES.split(written)) {
            if (!haggles(Utterance.of(sentence), sentence)) {
                rest.append(sentence).append(". ");
            }
        }
        List<Understanding> all = new java.util.ArrayList<>();
        if (!rest.isEmpty()) {
            understandAll(rest.toString(), state, offered).stream()
                    .filter(u -> u.intent().function().isPresent() && u.intent() != Intent.SHOP_QUESTION).forEach(all::add);
        }
        all.add(new Understanding(Intent.SHOP_QUESTION, Map.of("topic", "other"), 0.9, "rule:haggle"));
        return Optional.of(List.copyOf(all));
    }

    /** Whether a text asks for a lower price: in its words, or as written ("20% off" keeps its sign). */
    private static boolean haggles(Utterance words, String text) {
        return HAGGLE.matcher(words.bare()).find() || HAGGLE.matcher(text.toLowerCase(java.util.Locale.ROOT)).find();
    }

    /** Asking for a lower price, a discount or something free. */
    static final Pattern HAGGLE = p("\\b(?:discount|discounts|discounted|\\d{1,2}\\s?+(?:%|percent|pc)\\s?+off"
            + "|(?:cheaper|better|best|special|last|final|lowest|friend|friends|bulk|wholesale)\\s(?:price|prize|rate)"
            + "|lower\\s(?:the|your|it's|its)\\s(?:price|prize)|price\\smatch|match\\s(?:the|their|that|this|his|her)\\s(?:price|prize)"
            + "|(?:one|1|get|give|throw|throwing)\\s(?:\\w+\\s)?+free|for\\sfree|free\\s(?:one|gift)"
            // "can you throw in a case?", "throw it in for nothing": asked of the shop, free ("throw in one shampoo" adds one)
            + "|(?:can|could|will|would)\\s(?:you|u|ya)\\s(?:(?!throw\\b)\\w+\\s)?+throw\\s(?:in|it\\sin)|throw\\s(?:in|it\\sin)\\s(?:\\w+\\s){0,3}?(?:for nothing|on the house)"
            + "|any\\sdeals|knock\\s(?:off|some|a\\sbit)|take\\s(?:\\$?+\\d{1,4}|some|a\\sbit)\\soff"
            + "|\\$\\d{1,4}\\soff\\b|haggle|bargain|negotiate|negotiable|coupon|voucher|promo\\scode|cut\\sme\\sa|reduce\\sthe\\sprice"
            + "|come\\sdown\\son\\s(?:the\\s)?+price)\\b");
    private static final Pattern SENTENCES = p("(?<=[.!?])\\s++");
    /** What a shopper says about a price or their own time, asking nothing: a complaint, a comparison, "let me think". */
    private static final Pattern REMARK = p("\\b(?:(?:other|another|the\\sother)\\s(?:shop|shops|store|stores|site|sites|website|websites|place)"
            + "|(?:at|in)\\sthe\\s(?:mall|market|supermarket|shop\\sdown)|amazon|ebay|walmart|aliexpress|temu|shein"
            // not "too pricey" alone: that asks for something cheaper
            + "|rip\\s?+off|daylight\\srobbery|highway\\srobbery|ridiculous|outrageous|crazy\\sprice"
            + "|(?:let|lemme)\\sme\\s(?:ask|check\\swith|talk\\sto)|i'll\\s(?:get\\s)?+back\\sto\\syou|maybe\\slater)\\b");
    /** Deciding later, said: whatever it names is weighed, not taken (thinking it over is no remark beside a request: {@link #ACTS_NOW}). */
    private static final Pattern HESITATES = p("\\b(?:(?:let|lemme)\\sme\\s(?:think|sleep\\son\\sit|mull)|i'll\\s(?:think|have\\sa\\sthink|sleep\\son\\sit"
            + "|mull)|(?:need|have)\\sto\\sthink|thinking\\sabout\\sit|not\\ssure\\syet|haven't\\sdecided|have\\snot\\sdecided|still\\sdeciding"
            + "|can't\\sdecide)\\b");
    /** "nah keep jus the weighted ones", "I'll stick with the solar ones": what the shopper has, kept. */
    private static final Pattern KEEPS = p("^(?:(?:no|nah|nope|ok|okay|hmm+|actually|then|so)\\s)*+(?:i'll\\s|i\\swill\\s|let's\\s|we'll\\s)?+"
            + "(?:keep|stick\\swith|stick\\sto|stay\\swith)\\s(?:just\\s|jus\\s|only\\s)?+(?=(?:the|my|those|these)\\s)");
    /** "can I take it snorkeling", "could we bring these on a plane": where it may go or what it may do, asked. */
    private static final Pattern TAKEN_ALONG = p("\\b(?:can|could|may|will|would|is\\sit\\sok\\sto|is\\sit\\ssafe\\sto)\\s(?:i|we|you|u|one)?+\\s?+"
            + "(?:take|bring|carry|use|wear)\\s(?:it|this|that|them|these|those|this\\sone|that\\sone)\\s"
            + "(?:on|in|into|onto|under|through|outside|out|abroad|to\\sthe|[a-z]{5,}+(?<=ing))\\b");
    /** A request to act now, which a hesitation beside it does not cancel ("let me think... ok add it"). */
    private static final Pattern ACTS_NOW = p("\\b(?:add|take|buy|remove|delete|drop|checkout|check\\sout|order|pay|put|show|find|search"
            + "|cart|basket|do\\syou\\shave|got\\sany|i'll\\shave|i'll\\stake)\\b");
    /**
     * A kind wished for: "I need a monitor arm, maybe a dual one", "thinking about getting an e-reader but": the words
     * after the wish, to the first word that turns the sentence.
     */
    private static final Pattern WISHED_KIND = p("\\b(?:need|want|getting|buying|looking\\sfor|after)\\s(?:a\\snew|an?+|some|new)\\s"
            + "((?!(?:bit|while|moment|minute|second|think|look|one|ones|new)\\b)[a-z][a-z0-9'-]*+"
            + "(?:\\s(?!(?:but|and|or|maybe|though|not|i|for)\\b)[a-z][a-z0-9'-]*+){0,3})");
    /** Words that ask for something, which a remark around them does not cancel. */
    private static final Pattern ASKS_FOR = p("\\b(?:add|show|find|search|cheaper|cheapest|less|not so|not too|not that|under|below|any|anything|something|do\\syou"
            + "|have\\syou|got\\sany|remove|take|checkout|check\\sout|cart|basket|order|pay|link|buy|get|want|need\\s(?:a|an|some|\\d)"
            + "|how|what|which|where|when|can|could|is|are|does|give|put|tell|details|\\d{1,2}(?:st|nd|rd|th)|first|second|third|one)\\b");

    /** The slots of an add of {@code quantity} of {@code product}, in the order the model's calls write them. */
    static Map<String, Object> productAndCount(String product, int quantity) {
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("product", product);
        slots.put("quantity", quantity);
        return slots;
    }

    /** "add 1st and 3rd, 2 each", "I'll take the blue one and the red one, one each": products listed, and how many of each. */
    private static final Pattern EACH = p("^(?:(?:ok|okay|and|so|then)\\s)?+(?:add|take|i'll take|i will take|give me|get me|i want|i'd like)"
            + "\\s(?<refs>[a-z0-9' -]{1,80}?\\s(?:and|&)\\s[a-z0-9' -]{1,40}?)\\s(?<n>\\d{1,2}|one|two|three|four|five|six|a couple)"
            + "\\s(?:of\\s)?+each(?:\\s(?:please|thanks|then))?+$");
    private static final Pattern AND_BETWEEN = p("\\s(?:and|&)\\s");
    private static final Pattern EACH_OF_THE_FIRST = p("^(?:(?:ok|okay|and|so|then|alright)\\s)*+(?:add|take|i'll take|i will take|give me|get me"
            + "|i want|i'd like|i'll have|we'll take|we'll have)\\s(?<n>\\d|one|two|three|a)\\s(?:of\\s)?+each\\sof\\s(?:the\\s)?+(?:first|top)"
            + "\\s(?<k>2|3|two|three)(?:\\sones)?+(?:\\s(?:please|pls|thanks|then))?+$");

    /**
     * Several products listed after one verb, with how many of each ("add 1st and 3rd, 2 each"): an add of that many
     * of each, in order; none unless every one of them is a product pointed at (a position, or the words of a name).
     */
    private List<Understanding> eachOf(String raw, State state) {
        Matcher places = EACH_OF_THE_FIRST.matcher(Utterance.of(raw).bare());
        if (places.matches()) {
            // "ok give me one each of the first two": that many of each place from the top of the list shown
            OptionalInt n = places.group("n").equals("a") ? OptionalInt.of(1) : Quantity.in(places.group("n"));
            OptionalInt k = Quantity.in(places.group("k"));
            List<Understanding> adds = new java.util.ArrayList<>();
            for (int place = 1; n.isPresent() && k.isPresent() && place <= k.getAsInt(); place++) {
                adds.add(new Understanding(Intent.ADD_TO_CART, productAndCount(String.valueOf(place), n.getAsInt()), TWO_CALL_CONFIDENCE,
                        "rule:each-of-the-first"));
            }
            return adds;
        }
        Matcher m = EACH.matcher(Utterance.of(raw).bare());
        if (!m.matches()) {
            return List.of();
        }
        OptionalInt n = Quantity.in(m.group("n"));
        if (n.isEmpty()) {
            return List.of();
        }
        State s = state == null ? State.INITIAL : state;
        List<Understanding> adds = new java.util.ArrayList<>();
        for (String ref : AND_BETWEEN.split(m.group("refs"))) {
            Object product = withSlots(Intent.GET_PRODUCT_DETAILS, ref, s, TWO_CALL_CONFIDENCE, "rule:each").slots().get("product");
            if (!(product instanceof String p) || p.isBlank()) {
                return List.of();
            }
            adds.add(new Understanding(Intent.ADD_TO_CART, productAndCount(p, n.getAsInt()), TWO_CALL_CONFIDENCE, "rule:each"));
        }
        return adds.size() >= 2 ? adds : List.of();
    }

    /**
     * "How does the first compare to the second?": a look at each side ({@link Comparison}), or nothing when a
     * side names no product. The engine puts neither in focus, so the "add one" that follows is a question.
     */
    private static List<Understanding> compared(String raw, State state) {
        Optional<List<String>> sides = Comparison.sides(Utterance.of(raw).text());
        if (sides.isEmpty()) {
            return List.of();
        }
        List<Understanding> looks = new java.util.ArrayList<>();
        State s = state == null ? State.INITIAL : state;
        for (String side : sides.get()) {
            Understanding look = withSlots(Intent.GET_PRODUCT_DETAILS, side, s, TWO_CALL_CONFIDENCE, "rule:compare");
            if (!(look.slots().get("product") instanceof String product) || looks.stream().anyMatch(l -> product.equals(l.slots().get("product")))) {
                return List.of();
            }
            looks.add(look);
            s = State.PRODUCT_FOCUS;
        }
        return looks;
    }

    /** How sure a message read as two calls by a frame (a comparison, a swap) is: as a rule's reading. */
    private static final double TWO_CALL_CONFIDENCE = 0.85;

    /**
     * "Swap it for the Sonique": the line out, then the product in ({@link Swap}); nothing when what comes in
     * names no product, or when there is no cart to swap in (a swap is about a line of it).
     */
    private static List<Understanding> swapped(String raw, State state, List<Event> offered) {
        if (offered == null || !offered.contains(Event.VIEW_CART)) {
            // the cart is looked at only when it has something (the table's "offered with a cart"): with nothing to
            // swap out, "the red one instead of the blue one" is a look
            return List.of();
        }
        Optional<Swap.Sides> sides = Swap.in(Utterance.of(raw).text());
        if (sides.isEmpty()) {
            return List.of();
        }
        Understanding in = withSlots(Intent.ADD_TO_CART, sides.get().in(), State.CART, TWO_CALL_CONFIDENCE, "rule:swap-in");
        if (!(in.slots().get("product") instanceof String) || in.ask() != null) {
            return List.of();
        }
        Understanding out = withSlots(Intent.REMOVE_FROM_CART, sides.get().out(), state, TWO_CALL_CONFIDENCE, "rule:swap-out");
        if (out.slots().get("product") instanceof String o && o.equals(in.slots().get("product"))) {
            return List.of();
        }
        Map<String, Object> outSlots = new LinkedHashMap<>(out.slots());
        outSlots.remove("quantity"); // the whole line goes
        Map<String, Object> inSlots = new LinkedHashMap<>(in.slots());
        inSlots.remove("quantity");
        return List.of(new Understanding(Intent.REMOVE_FROM_CART, outSlots, TWO_CALL_CONFIDENCE, "rule:swap-out"),
                new Understanding(Intent.ADD_TO_CART, inSlots, TWO_CALL_CONFIDENCE, "rule:swap-in"));
    }

    /** A question that checks what the shopper understood, ending in "..., right?", "correct?", "isn't it?". */
    private static final Pattern CHECKS_BACK = p("(?:[,\\s]|^)(?:right|correct|yes|yeah|no|isn't it|is that right|is that correct|am i right"
            + "|innit)\\s*+\\?++[\\s!?.]*+$");
    /** A sum said back: "so that's 4 blocks in total", "that makes 6", "altogether". */
    private static final Pattern SUMS = p("\\b(?:that's|thats|that is|that makes|which makes|makes|in total|total is|altogether|all together|in all)\\b");
    /** A sentence ended before the last one: "And one more for my nephew. So total is three, yes?" */
    /** A piece that says what follows from the one before it ("..., so take the ropes down to 22"). */
    private static final Pattern SO_NEXT = p("^so\\s");
    /** A clause about the shopper, someone or how many there are, not about a product: "we are four people", "two pupils have left". */
    private static final Pattern REASON_FIRST = p("^(?:(?:oh|well|ok|okay|but|and|actually)\\s)*+(?:we|i|there|they|he|she|my|our|his|her|their"
            + "|it's|its|it\\sis|\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\\b");
    private static final Pattern SENTENCE_END = p("[.!?](?=\\s++\\S)");
    /** A change asked for in so many words, which a question tag does not take back ("add one more, ok?"). */
    private static final Pattern CHANGE_ASKED = p("\\b(?:add|remove|delete|drop|make (?:it|that|them)|change|put|take (?:off|out)|increase|reduce"
            + "|bump|cancel|checkout|check out|i'll take|i want|i need|give me)\\b");

    /** The source of a message its writer took back whole ("add the lamp... never mind"). */
    static final String TAKEN_BACK = "rule:taken-back";

    /** Asking for the link, not about it ("is the payment link safe?" is a question). */
    private static final Pattern LINK_ASKED = p("\\b(?:send|give|get|share|text|drop|email)\\b(?:\\s[a-z']++){0,3}?\\s(?:payment\\s|pay\\s)?+link\\b"
            + "|\\blink\\s(?:please|pls|now|to pay)\\b|^(?:the\\s)?+(?:payment\\s|pay\\s)?+link$"
            + "|\\b(?:need|want|where(?:'s| is))\\s(?:the\\s|a\\s|my\\s)?+(?:payment\\s|pay\\s)?+link\\b");

    private List<Understanding> requests(String raw, State state, List<Event> offered) {
        Understanding whole = read(raw, state, offered);
        if (whole.source().equals("rule:pick-with-count")) {
            return List.of(whole); // "i want the mat, 1 please" is one request, comma or not
        }
        Utterance u = Utterance.of(raw != null && raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw);
        String[] pieces = JOINS.split(u.text());
        Matcher share = SHARE_START.matcher(u.text());
        if (Quantity.workedOut(u.text()).isPresent() && share.find() && share.start() > 0) {
            // "the granger one, one for me and one for each of my 2 sisters": the count shared out is one piece, its "and"s
            // join people, not requests
            List<String> split = new java.util.ArrayList<>(List.of(JOINS.split(u.text().substring(0, share.start()))));
            split.add(u.text().substring(share.start()));
            pieces = split.toArray(String[]::new);
        }
        if (pieces.length < 2 || pieces.length > MAX_PARTS + 2) {
            return List.of(whole);
        }
        List<Understanding> parts = new java.util.ArrayList<>();
        State s = state == null ? State.INITIAL : state;
        List<Event> tools = offered;
        boolean remarks = false;
        boolean asideOfWhole = false;
        boolean agreed = false;
        boolean takenAlone = false;
        String previousPiece = "";
        String remarked = null;
        boolean narrowed = false;
        for (int pi = 0; pi < pieces.length; pi++) {
            String piece = pieces[pi];
            if (piece.isBlank()) {
                continue;
            }
            String said = Utterance.of(piece).bare();
            String next = pi + 1 < pieces.length ? pieces[pi + 1].strip() : "";
            if (SO_NEXT.matcher(next).lookingAt() && (SAYS_A_COUNT.matcher(next).find() || CHANGE_ASKED.matcher(next).find())
                    && REASON_FIRST.matcher(said).lookingAt() && !CHANGE_ASKED.matcher(said).find()) {
                // "Two pupils have left this term, so take the ropes down to 22", "we are four people actually, so one more
                // sleeping bag": why, then what follows from it; the why is no request of its own
                remarks = true;
                continue;
            }
            if (ADMIRED.matcher(said).matches()) {
                remarks = true; // "ok that's gorgeous, in it goes": the admiring is a remark, the rest is what it asks
                continue;
            }
            if ((INTERJECTION.matcher(said).matches() || ACK.matcher(said).matches() || ASIDE.matcher(said).matches())) {
                continue; // "hmm ok add it. oh and do you have litter boxes?": "oh" asks for nothing
            }
            if (TIME_CLAUSE.matcher(said).lookingAt()) {
                remarks = true; // "Before I go any further, might I ask what your policy is on returns": when, not what
                continue;
            }
            if (ABOUT_SOMEONE.matcher(said).find() || WHAT_FOR.matcher(said).matches() || ONE_OF_THEM_IS.matcher(said).matches()
                    || SAME_AS_BEFORE.matcher(said).matches() || !parts.isEmpty() && ONE_IS_FOR.matcher(said).matches()) {
                // "remove the hair dryer, my sister already buy one": why, not another request; what is
                // left ("could you suggest a picture frame? she has tons of photos") is read without it.
                remarks = true;
                remarked = said;
                continue;
            }
            if (LEFT_AS_IS.matcher(said).matches()) {
                remarks = true;
                continue; // "So Nimbus goes to 2, Mesa stays 1?": the line left alone asks nothing
            }
            if (!parts.isEmpty() && parts.getLast().slots().containsKey("quantity") && COUNT_EXPLAINED.matcher(said).matches()) {
                remarks = true; // "make it two, one each side", "let them be three, my sister also wants one": the count's reason
                continue;
            }
            if (NEGATED.matcher(said).find()) {
                continue; // "no not the dalton ones. I'll take the Tatum one": what they do not want is no request
            }
            if (KEEPS.matcher(said).lookingAt()) {
                // "No, I'll stick with the solar ones, thank you. Could you make it two rather than three?": the product kept
                // is named for the request beside it, and is no add of its own
                Understanding kept = withSlots(Intent.GET_PRODUCT_DETAILS, KEEPS.matcher(said).replaceFirst(""), s, NAMED_CONFIDENCE, "keeping");
                if (kept.slots().get("product") instanceof String) {
                    parts.add(kept);
                    previousPiece = piece;
                    continue;
                }
            }
            Understanding previous = parts.isEmpty() ? null : parts.getLast();
            Matcher which = WHICH_OF_THE_KIND.matcher(said);
            if (previous != null && (previous.intent() == Intent.ADD_TO_CART || previous.intent() == Intent.GET_PRODUCT_DETAILS)
                    && previous.slots().get("product") instanceof String kind && !aPlace(previous) && namesProducts(kind)
                    && which.matches() && describesOnly(which.group(1)) && !POINTED_ONE.matcher(Utterance.of(previousPiece).bare()).find()) {
                // "plus one night light, the purple one": which of that kind, said after it; one product, not a second (written
                // as ProductRef writes "the Snout Supply litter box, the purple": the name, then what tells it apart). Not "add
                // the royal blue squeaky one and the orange rope one": two products, each said with "one"
                Map<String, Object> slots = new LinkedHashMap<>(previous.slots());
                slots.put("product", kind + " " + which.group(1));
                parts.set(parts.size() - 1, new Understanding(previous.intent(), slots, previous.confidence(), previous.source() + "+which"));
                narrowed = true;
                continue;
            }
            if (previous != null && previous.intent() == Intent.SHOP_QUESTION && SHORT_FOLLOW_UP.matcher(said).matches()) {
                continue; // "delivery to a business address ok? how long": the same question, not a look at a product
            }
            if (previous == null && remarked != null && HAS_THEM.matcher(said).matches()
                    && SearchQuery.in(Utterance.of(remarked), tagger).query() instanceof String kind && namesProducts(kind)) {
                // "My neighbour bought a Fable wall clock from you. Have you still got them?": the kind the remark named
                parts.add(new Understanding(Intent.SEARCH_PRODUCTS, Map.of("query", kind), 0.85, "has-them:remark"));
                s = com.shopkeeper.conversation.TransitionTable.likelyNext(s, Event.SEARCH_PRODUCTS);
                tools = com.shopkeeper.conversation.TransitionTable.allowedFunctions(s);
                continue;
            }
            if (previous != null && HAS_THEM.matcher(said).matches() && kindNamed(previous) instanceof String kind) {
                if (previous.intent() == Intent.SEARCH_PRODUCTS) {
                    continue; // "wine glasses under 30, got any?": the search asks it already
                }
                // "and a jigsaw puzzle too, u got those?": whether the shop has the kind just named, a search for it
                parts.set(parts.size() - 1, new Understanding(Intent.SEARCH_PRODUCTS, Map.of("query", kind), previous.confidence(),
                        "has-them:" + previous.source()));
                s = com.shopkeeper.conversation.TransitionTable.likelyNext(s, Event.SEARCH_PRODUCTS);
                tools = com.shopkeeper.conversation.TransitionTable.allowedFunctions(s);
                continue;
            }
            Understanding part;
            OptionalInt count = Quantity.isWholeMessage(said) || COUNT_OF_THEM.matcher(said).matches() ? Quantity.in(said) : OptionalInt.empty();
            Object product = previous == null ? null : previous.intent() == Intent.GET_PRODUCT_DETAILS || previous.intent() == Intent.ADD_TO_CART
                    ? previous.slots().get("product")
                    // "and the Vida water bottle, 2 of them": a product named with "the" is a pick, not a search
                    : NAMING.matcher(AND_ALSO.matcher(Utterance.of(previousPiece).bare()).replaceFirst("")).matches()
                    ? withSlots(Intent.GET_PRODUCT_DETAILS, previousPiece, s, NAMED_CONFIDENCE, "naming").slots().get("product") : null;
            if (count.isPresent() && parts.size() == 1 && (product instanceof String || previous.intent() == Intent.ADD_TO_CART)
                    && !previous.slots().containsKey("quantity")) {
                // "the black one, 1, and how long is delivery": the product, how many of it, then the question. "OK, this one I
                // buy. Three sets.": the one in focus, three of it (not one, then three more)
                Map<String, Object> slots = new LinkedHashMap<>();
                if (product instanceof String) {
                    slots.put("product", product);
                }
                slots.put("quantity", count.getAsInt());
                parts.set(0, new Understanding(Intent.ADD_TO_CART, slots, previous.confidence(), "pick-with-count:" + previous.source()));
                s = com.shopkeeper.conversation.TransitionTable.likelyNext(state == null ? State.INITIAL : state, Event.ADD_TO_CART);
                tools = com.shopkeeper.conversation.TransitionTable.allowedFunctions(s);
                continue;
            }
            if (previous != null && carries(previous) && NO_VERB.matcher(piece).find()
                    && (namesProducts(said) || POINTER_WORD.matcher(said).find() // "for me and the other coach": who, no product
                        || A_PLACE.matcher(piece.toLowerCase(java.util.Locale.ROOT)).find()) // "add the second and the fourth"
                    && !(asked(u.text(), piece) && A_KIND.matcher(said).lookingAt())) { // "a scented candle under 30?" asks
                // "the rug" after "add the lamp": no verb of its own, the same request for another product.
                // "and no 4" after "add no 2": a place, written as number's abbreviation, not a correction to 4
                part = withSlots(previous.intent(), NO_AS_NUMBER.matcher(piece).replaceFirst("number "), s, previous.confidence(),
                        "join:" + previous.source());
                Object named = part.slots().get("product");
                if (!(named instanceof String n)
                        || Arrays.stream(SPACE.split(n)).allMatch(w -> FUNCTION_WORDS.contains(w) || Quantity.PEOPLE.contains(w))) {
                    return List.of(whole); // "one for me, one for my partner", "two kids hey": who for, not another product
                }
            } else {
                part = read(piece, s, tools);
                if (part.source().equals("rule:product-words") && NAMING.matcher(AND_ALSO.matcher(said).replaceFirst("")).matches()) {
                    // "and the Vida water bottle, 2 of them": a product named with "the", for the request beside it
                    Understanding named = withSlots(Intent.GET_PRODUCT_DETAILS, piece, s, NAMED_CONFIDENCE, "naming:" + part.source());
                    if (named.slots().get("product") instanceof String) {
                        parts.add(named);
                        previousPiece = piece;
                        continue;
                    }
                }
                if (part.source().equals("prior:yes")) {
                    agreed = true;
                    // "sold, the cherry red one": an agreement that is itself a taking, sure of it alone
                    takenAlone |= taking != null && TAKING_STATES.contains(s) && taking(piece, s) >= TAKES_SURELY;
                    continue; // "ok that's it, checkout and send me the link": the "ok" agrees, the rest asks
                }
                if (!parts.isEmpty() && part.intent() == Intent.SEARCH_PRODUCTS && part.slots().size() == 1
                        && part.slots().get("query") instanceof String q && Arrays.stream(SPACE.split(q)).allMatch(w -> FUNCTION_WORDS.contains(w)
                        || SHOW_WORDS.contains(w))) {
                    continue; // "the red one is FIRE, show me": "show me" shows what the request beside it picked
                }
                if (part.intent().function().isEmpty()) {
                    if (part.intent() == Intent.GREETING || part.source().startsWith("rule:")) {
                        continue; // "hi", "thanks", "please": politeness between requests
                    }
                    if (part.intent() == Intent.OTHER && whole.intent().function().isEmpty()) {
                        remarks = true; // "hmm 1000 pieces is a lot for a 6 year old. the 500 piece one?": a remark, then the request
                        continue;
                    }
                    if (NAMING.matcher(said).matches()) {
                        // "ok the Yara RGB, add it": a product named and nothing else, for the request beside it
                        Understanding named = withSlots(Intent.GET_PRODUCT_DETAILS, piece, s, NAMED_CONFIDENCE, "naming:" + part.source());
                        if (named.slots().get("product") instanceof String) {
                            parts.add(named);
                            previousPiece = piece;
                            continue;
                        }
                    }
                    if (part.intent() == Intent.OTHER) {
                        asideOfWhole = true; // "... you sell e-readers? My eyes are not what they once were.": maybe an aside
                        continue;
                    }
                    return List.of(whole);
                }
                // A part the model is unsure of stands when the whole message is read as the same question or search;
                // a change to the cart stays as sure as before.
                if (!confident(part) && !(part.intent() == whole.intent() && ASKS.contains(part.intent()))
                        && !wantsAKind(part, previous, said)
                        || part.source().startsWith("prior:") && !VERB.matcher(piece).find() && !N_MORE.matcher(said).matches()
                        // "great, same as last time then, 2 bottles": after remarks only, the count is the request
                        && !(remarks && parts.isEmpty() && part.intent() == Intent.ADD_TO_CART && part.slots().containsKey("quantity"))) {
                    // A bare "2" or "yes" inside a sentence is not a request of its own ("between 1 and 2").
                    return List.of(whole);
                }
            }
            if (FOR_SOMEONE.matcher(said).matches() || previous != null && previous.slots().containsKey("quantity")
                    && (part.source().endsWith("+one-more") && WANTS_ONE_TOO.matcher(said).matches()
                        || previous.slots().get("quantity") instanceof Integer n && n > 1 && ONE_SHARED.matcher(said).lookingAt())) {
                // "add 2, one for me one for my partner", "and make it 2, my friend needs one too": who they are for, not another request
                return List.of(whole);
            }
            if (part.intent() == Intent.ADD_TO_CART && part.source().startsWith("model") && !part.slots().containsKey("quantity")
                    && !VERB.matcher(piece).find() && !ADD.matcher(said).find() && !PUT_IN.matcher(said).find()) {
                // "but the third one could work": one part of several read as an add with no verb of taking is a look
                // first; the shopper adds from there
                part = withSlots(Intent.GET_PRODUCT_DETAILS, piece, s, part.confidence(), part.source() + "+no-verb");
            }
            Matcher byPriceSearched = parts.isEmpty() ? null : BY_PRICE_SEARCHED.matcher(Utterance.of(previousPiece).bare());
            if (byPriceSearched != null && parts.getLast().intent() == Intent.SEARCH_PRODUCTS && part.intent() == Intent.ADD_TO_CART
                    && !part.slots().containsKey("product") && byPriceSearched.find()) {
                // "cheapest tent. add 2.": of the list the search shows, the one its price says
                Map<String, Object> slots = new LinkedHashMap<>(part.slots());
                slots.put("product", DEARER.matcher(byPriceSearched.group()).find() ? "most expensive" : "cheapest");
                part = new Understanding(part.intent(), slots, part.confidence(), part.source() + "+by-price-searched");
            }
            parts.add(part);
            previousPiece = piece;
            if (parts.size() > MAX_PARTS) {
                return List.of(whole);
            }
            s = com.shopkeeper.conversation.TransitionTable.likelyNext(s, part.intent().function().orElseThrow());
            tools = com.shopkeeper.conversation.TransitionTable.allowedFunctions(s);
        }
        if (parts.stream().anyMatch(OfflineNlu::naming) && merged(parts, state).stream().anyMatch(OfflineNlu::naming)) {
            // Named, and no request beside it points at it: an aside after all (the merges below take the rest).
            parts = parts.stream().filter(part -> !naming(part)).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            asideOfWhole = true;
        }
        if (asideOfWhole) {
            parts = merged(parts, state); // "too dear. I'll go with the oak one, add it": one add, said twice
            // The whole asks one thing and one part asks the same: the rest was an aside, and that part's words say
            // what is asked (the search words of the part, not of the aside).
            // So when what the whole had more of came from a remark ("make it two, the young lad's coming camping").
            if (parts.size() == 1 && parts.getFirst().intent() == whole.intent()
                    && (remarks || parts.getFirst().slots().keySet().containsAll(whole.slots().keySet()))
                    || parts.size() == 1 && parts.getFirst().source().startsWith("merge:keeping")) { // the kept line's count, set
                return List.copyOf(parts);
            }
            // A story read whole as a question ("the third one seems to have the fewest complaints about the zip.
            // Can you add that one for me?"), with a part that says, with its verb, to change the cart or order:
            // the story was remarks, and its requests are what it asks, in order.
            boolean acts = parts.stream().anyMatch(part -> ACTS.contains(part.intent()) && part.source().startsWith("model:"));
            if (ASKS.contains(whole.intent()) && acts && (parts.size() == 1 || distinct(parts))) {
                return List.copyOf(merged(parts, state));
            }
            return List.of(whole);
        }
        List<Understanding> joined = merged(searchesJoined(parts, u.text()), state);
        if (joined.size() == 1 && parts.size() > 1 && !remarks) {
            Understanding one = joined.getFirst();
            if (one.intent() == Intent.ADD_TO_CART && state != State.BROWSING && state != State.PRODUCT_FOCUS
                    && ENOUGH.matcher(u.bare()).find()) {
                // "the staplers, I only need 1" with the cart open: the line's count in all, not one more
                return List.of(new Understanding(Intent.SET_QUANTITY, one.slots(), one.confidence(), one.source() + "+enough"));
            }
            return joined; // "I should like the clamp lamp, please. Just the one.": one add, said in two
        }
        parts = joined;
        if (remarks) {
            // The whole message read as no request; the requests among its remarks are what it asks.
            return !parts.isEmpty() && (parts.size() == 1 || distinct(parts)) ? List.copyOf(parts) : List.of(whole);
        }
        if (agreed && parts.size() == 1 && parts.getFirst().source().startsWith("rule:") && !whole.source().startsWith("rule:")) {
            Understanding pointed = parts.getFirst();
            boolean taken = whole.intent() == Intent.ADD_TO_CART && whole.source().startsWith("taking") || takenAlone;
            if (pointed.intent() == Intent.GET_PRODUCT_DETAILS && taken && pointed.slots().get("product") instanceof String product) {
                // "sold! the sable one", "sold, the cherry red one": the product the rule reads as pointed at, taken
                Map<String, Object> slots = new LinkedHashMap<>(whole.intent() == Intent.ADD_TO_CART ? whole.slots() : Map.of());
                slots.put("product", product);
                return List.of(new Understanding(Intent.ADD_TO_CART, slots, Math.min(0.85, whole.confidence()), "taking+agreed"));
            }
            return List.copyOf(parts); // "sold! that's the one for her": the agreement, then what a rule reads exactly
        }
        if (narrowed && parts.size() == 1) {
            return List.copyOf(parts); // "plus one night light, the purple one": one request, its kind said first
        }
        return parts.size() >= 2 && distinct(parts) ? List.copyOf(parts) : List.of(whole);
    }

    /**
     * Product words after another request, read by the words rule alone: a search of their own when they
     * ask for a kind ("add it. and a lipstick please": an article, "some", "any") or say more of the
     * search just before them ("a lipstick please, something pink").
     */
    private static boolean wantsAKind(Understanding part, Understanding previous, String said) {
        return previous != null && (part.source().equals("rule:product-words") || part.source().equals("fallback:words"))
                && part.intent() == Intent.SEARCH_PRODUCTS && (previous.intent() == Intent.SEARCH_PRODUCTS || A_KIND.matcher(said).find());
    }

    /** "and a lipstick", "now the monitor arms": a kind wanted (a plural after "the"), not a product pointed at. */
    private static final Pattern A_KIND = p("^(?:(?:and|also|plus|now|then|next)\\s)*+(?:(?:a|an|some|any|something)\\s"
            + "|the\\s(?=[a-z' -]*+$)(?=.*[a-rt-z]s$))");
    /** "2 of them", "two of those": how many of the product just named. */
    private static final Pattern COUNT_OF_THEM = p("^(?:\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\\s(?:of (?:them|those|these|em|it)|pieces|pcs)$");

    /**
     * Searches in a row beside another request are one search, their words together ("add it. and a
     * lipstick please, something pink": the add, then a search for pink lipstick). A message of searches
     * alone is read whole, as before.
     */
    /** A colour said as a pick of what is listed: "the purple ones", "those red ones". */
    private static final Pattern DEFINITE = p("\\b(?:the|that|this|those|these)\\s([a-z]++)\\s(?:one|ones)\\b");

    private static List<Understanding> searchesJoined(List<Understanding> parts, String text) {
        if (parts.stream().allMatch(p -> p.intent() == Intent.SEARCH_PRODUCTS)) {
            return parts;
        }
        List<Understanding> out = new java.util.ArrayList<>();
        for (Understanding read : parts) {
            Understanding previous = out.isEmpty() ? null : out.getLast();
            // "Need rain boots for the kids, red ones, size 36": a colour said after the kind searched for, with no "the", is
            // the search's ("resistance bands, the purple ones" picks the purple of the list)
            Understanding part = previous != null && previous.intent() == Intent.SEARCH_PRODUCTS && read.intent() == Intent.GET_PRODUCT_DETAILS
                    && read.slots().get("product") instanceof String colour && com.shopkeeper.llm.SearchWords.COLOURS.contains(colour)
                    && !DEFINITE.matcher(text).results().anyMatch(m -> m.group(1).equals(colour))
                    ? new Understanding(Intent.SEARCH_PRODUCTS, Map.of("query", colour), read.confidence(), read.source() + "+searched-colour") : read;
            if (previous != null && previous.intent() == Intent.SEARCH_PRODUCTS && part.intent() == Intent.GET_PRODUCT_DETAILS
                    && part.slots().isEmpty()) {
                continue; // "…, red ones, size 36": more of what is searched for, no product of a list yet to look at
            }
            if (previous == null || previous.intent() != Intent.SEARCH_PRODUCTS || part.intent() != Intent.SEARCH_PRODUCTS) {
                out.add(part);
                continue;
            }
            Map<String, Object> slots = new LinkedHashMap<>(part.slots());
            slots.putAll(previous.slots());
            String words = java.util.stream.Stream.of(previous.slots().get("query"), part.slots().get("query"))
                    .filter(q -> q instanceof String w && !w.isBlank()).map(String::valueOf).collect(java.util.stream.Collectors.joining(" "));
            if (!words.isEmpty()) {
                slots.put("query", words);
            }
            if (!previous.slots().containsKey("refine")) {
                slots.remove("refine"); // what the second said refines the first, not the search before them
                slots.remove("change");
            }
            out.set(out.size() - 1, new Understanding(Intent.SEARCH_PRODUCTS, slots, Math.min(previous.confidence(), part.confidence()),
                    "join:" + previous.source() + "+" + part.source()));
        }
        return out;
    }

    /** Requests that change the cart or go on to pay. */
    private static final Set<Intent> ACTS = Set.of(Intent.ADD_TO_CART, Intent.REMOVE_FROM_CART, Intent.SET_QUANTITY,
            Intent.CREATE_ORDER, Intent.GET_PAYMENT_LINK);

    /** Requests that ask and change nothing: a search, a look, a question about the cart, an order or the shop. */
    private static final Set<Intent> ASKS = Set.of(Intent.SEARCH_PRODUCTS, Intent.GET_PRODUCT_DETAILS, Intent.VIEW_CART,
            Intent.CHECK_ORDER_STATUS, Intent.SHOP_QUESTION);

    /** "no I don't want a rain cover, just that": turning down something offered, whoever read the intent. */
    static boolean declines(String bare) {
        return DECLINE.matcher(bare).find();
    }

    /** A part the model decided is as sure as the model's own threshold says; a rule's or the prior's reading needs 0.6. */
    private boolean confident(Understanding part) {
        String source = part.source();
        return source.startsWith("model:") ? part.confidence() >= confident
                : part.confidence() >= 0.6 && (source.startsWith("rule:") || source.startsWith("prior:"))
                && !source.equals("rule:product-words");
    }

    /**
     * Going back and forth over what was chosen, in the ways shoppers say it: "no no, undo that" after an add takes the
     * product just added out; "forget the weighted one" with a cart takes that line out; "another of the helmets" and
     * "and the pink webcam too" add one more; "put the yoga mat back" adds it again, "put the summit trail junior one"
     * adds it; "show me that tent again" looks at it again. Null when the message is none of these.
     */
    private static Understanding backAndForth(Utterance body, String b, State s) {
        boolean shopping = s == State.CART || s == State.PRODUCT_FOCUS || s == State.BROWSING;
        if (s == State.CART && UNDO.matcher(b).matches()) {
            return new Understanding(Intent.REMOVE_FROM_CART, Map.of(), 0.85, "rule:undo");
        }
        Matcher unmeant = UNMEANT.matcher(b);
        if (unmeant.find()) {
            // "i didn't mean to add the lamp": the lamp taken out, not another one put in
            return withSlots(Intent.REMOVE_FROM_CART, b.substring(unmeant.end()), s, 0.85, "rule:unmeant-add");
        }
        if (s == State.CART && FORGET_THE.matcher(b).find()) {
            return withSlots(Intent.REMOVE_FROM_CART, body, body.text(), s, 0.85, "rule:forget-the");
        }
        Matcher again = SEE_AGAIN.matcher(b);
        if (again.find()) {
            return new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of("product", again.group("what")), 0.85, "rule:see-again");
        }
        Matcher back = PUT_BACK.matcher(b);
        if (shopping && back.find()) {
            Utterance without = Utterance.of(back.replaceFirst("put $1"));
            return withSlots(Intent.ADD_TO_CART, without, without.text(), s, 0.85, "rule:put-back");
        }
        Matcher another = ANOTHER_OF.matcher(b);
        if (shopping && another.matches()) {
            String what = another.group("what") != null ? another.group("what") : another.group("like");
            Matcher forWhom = FOR_WHERE.matcher(what);
            // "of the same for the hallway"; "one more of those for my wife": who it is for is no product
            what = FOR_WHOM_FIRST.matcher(what).lookingAt() ? "" : forWhom.find() ? what.substring(0, forWhom.start()) : what;
            // "one more of the same": the product just added, as "add one more" is
            return new Understanding(Intent.ADD_TO_CART, what.isEmpty() || THE_SAME.matcher(what).matches() ? Map.of("quantity", 1) : productAndCount(what, 1),
                    0.85, "rule:another-of");
        }
        if (shopping && SAME_AGAIN.matcher(b).matches()) {
            return new Understanding(Intent.ADD_TO_CART, Map.of("quantity", 1), 0.85, "rule:same-again");
        }
        if (shopping && AND_THE_TOO.matcher(b).matches()) {
            return withSlots(Intent.ADD_TO_CART, body, body.text(), s, 0.85, "rule:and-the-too");
        }
        if (shopping && PUT_THE_ONE.matcher(b).find()) {
            return withSlots(Intent.ADD_TO_CART, body, body.text(), s, 0.85, "rule:put-the-one");
        }
        return null;
    }

    private static final Pattern ABOUT_THE_ONE_SHOWN = p("^(?:(?:and|so|but|ok|okay|hmm|oh)\\s)*+(?:do|does|did|is|are|can|will|would|has|have)"
            + "\\s(?:it|they|this|these|that|those)\\b(?:\\sones?+)?+(?!.*\\b(?:comes?+|available)\\sin\\b).*+");
    private static final String FIRST_WORDS = "^(?:(?:no|nah|oops|wait|actually|ugh|sorry|hmm|oh|ok|okay|please)\\s++)*+";
    private static final Pattern UNDO = p(FIRST_WORDS + "(?:(?:undo|scratch|reverse|take back)(?:\\s(?:that|it|this|the last(?:\\s(?:one|thing|add|item))?+))?+"
            // "oops didn't mean to add that", "i did not mean to press add"
            + "|(?:i\\s)?+(?:didn't|didnt|did not)\\smean\\sto\\s(?:add|put|press|click|tap)(?:\\s(?:that|it|this|add|in))?+)"
            + "(?:\\s(?:please|pls|thanks|sorry))?+");
    private static final Pattern UNMEANT = p(FIRST_WORDS + "(?:i\\s)?+(?:didn't|didnt|did not|never)\\s(?:mean|meant|want|wanted)\\sto\\s"
            + "(?:add|put|order|buy|get)\\s(?=(?:the|that|those|these|this)\\s[a-z])");
    private static final Pattern FORGET_THE = p(FIRST_WORDS + "forget (?:about\\s)?+(?:the|that|those|these)\\s(?!(?:rest|whole|lot|idea|last)\\b)[a-z]");
    private static final Pattern SEE_AGAIN = p("\\b(?:show|see|look at)\\s(?:me\\s)?+(?:that|the|those|this)\\s(?<what>[a-z][a-z0-9'-]*+(?:\\s[a-z0-9'-]++){0,3}?)"
            + "\\s(?:again|once more|from before|from earlier)\\b");
    private static final Pattern PUT_BACK = p("\\bput\\s((?:the|that|those|these|it|them)\\b[a-z0-9' -]*?)\\s(?:back)(?:\\s(?:in|on))?+\\b(?!\\s(?:of|on the shelf|to|down|up)\\b)");
    // "another of the helmets", "one more of those mugs", "another stove like the one in my cart"
    private static final Pattern ANOTHER_OF = p(FIRST_WORDS + "(?:and\\s|also\\s)?+(?:another|one more)\\s(?:(?:of\\s)?+(?:the|those|these|my)\\s"
            + "(?<what>[a-z][a-z0-9'-]*+(?:\\s[a-z0-9'-]++){0,3}?)(?:\\s(?:please|pls|too|as well))?+"
            + "|(?<like>[a-z][a-z0-9'-]*+(?:\\s[a-z0-9'-]++)??)\\s(?:like|same as)\\s(?:the one|the ones|that one|the|mine)\\b.*)");
    private static final Pattern THE_SAME = p("same(?:\\s(?:one|thing|again))?+");
    // "same again", "the same one again please"; "Oh go on, same again for my sister Glenys": who it is for says nothing more
    private static final Pattern SAME_AGAIN = p(FIRST_WORDS + "(?:go on\\s)?+(?:the\\s)?+same(?:\\s(?:one|thing))?+\\sagain(?:\\s(?:please|pls|thanks))?+"
            + "(?:\\sfor\\s(?:me|him|her|them|us|my|our|his|the)\\b.*)?+");
    // "ok put the summit trail junior one for my son": "put" in a shop is into the cart
    private static final Pattern PUT_THE_ONE = p("^(?:(?:ok|okay|so|then|and|please|pls)\\s)*+put\\s(?:the|that|this)\\s(?:[a-z0-9'&-]++\\s){1,3}+ones?\\b"
            + "(?!\\s(?:back|away|down|aside|on hold)\\b)");
    /** Whether {@code words} say only how a product looks or is made ("purple", "large wooden", "royal blue"), no kind. */
    private static boolean describesOnly(String words) {
        return SearchWords.QUALIFIERS.contains(words)
                || Arrays.stream(SPACE.split(words)).allMatch(SearchWords.QUALIFIERS::contains);
    }

    /** A product pointed at, not named: "it", "that", "the royal blue squeaky one" (not the count of "plus one night light"). */
    private static final Pattern POINTED_ONE = p("\\b(?:it|this|that)\\b|\\bones?+(?:\\s(?:please|pls|too))?+$");
    /** "the purple one", "the large wooden one": which of a kind just named, by how it looks (no place, no price). */
    private static final Pattern WHICH_OF_THE_KIND = p("^(?:the|a)\\s((?!(?:first|second|third|fourth|fifth|last|other|same|next|cheap|cheaper"
            + "|cheapest|pricier|priciest|top|bottom|middle|new|right|left|only)\\b)[a-z][a-z-]*+(?:\\s(?!one$)[a-z][a-z-]*+)?+)\\sone$");
    private static final Pattern AND_THE_TOO = p("^(?:(?:oh|ok|okay|so)\\s)*+(?:and|also|plus)\\s(?:the|that)\\s[a-z0-9][a-z0-9' -]*?\\s(?:too|as well)\\b.*");
    private static final Pattern SOME_OF_A_KIND = p("\\b(?:some|a few|several)\\s(?!(?:of|more|one|ones|them|those|these)\\b)[a-z]");
    /** Who or where it is for, after what: "the same for the hallway", "the blue one for my son". */
    private static final Pattern FOR_WHOM_FIRST = p("for\\s(?:the|my|his|her|our|their|a|an)\\s");
    private static final Pattern FOR_WHERE = p("(?<!\\s)\\s++for\\s(?:the|my|his|her|our|their|a|an)\\s");
    /**
     * A reason given after what to do: "..., turns out she has her own", "... because it's too big", "... so my brother isn't
     * freezing". It names no product (withSlots), and what comes before it is the request when the model hears none in the whole.
     */
    private static final Pattern REASON = p("(?<!\\s)(?:,|\\s-)?+\\s++(?:turns out|turned out|because|cause|cuz|coz|cos|since|as she|as he|as we"
            + "|as i|as my|as our|as his|as her|as their|bc|seeing as|so(?=\\s(?:my|his|her|our|their|he|she|they|we|it|nobody|no one)\\s))\\s"
            // "also add the green mug set, I bought the red one last time": what was bought before names nothing now
            + "|(?<!\\s),\\s*+(?:i|we)\\s(?:bought|got|had|ordered|tried)\\s(?=(?:[^,.;!?\\s]++\\s++){0,8}?(?:last|before|ago)\\b)");
    private static final Pattern AS_BEFORE = p("(?<!\\s),\\s*+(?:(?:the|that's the|it's the|its the)\\s)?+same\\s(?:one|ones|as|thing|kind)\\b");
    /** "remove one curtain, I was wrong, I need only one": an own mistake owned after a comma, which names nothing. */
    private static final Pattern OWN_MISTAKE = p("(?<!\\s),\\s*+(?:(?:i|we)\\s(?:was|were)\\s(?:wrong|mistaken)|(?:i|we)\\smade\\s(?:a\\s)?+mistake"
            + "|(?:i|we)\\s(?:miscounted|counted wrong)|my mistake|my bad|sorry|oops)\\b");
    private static final Pattern SENTENCE_ON = p("[.!?;]\\s*+\\S");
    /** A comma before a count shared among people: the count belongs to what came before it. */
    private static final Pattern SHARED_AFTER = p("(?i),\\s*+(?=(?:\\d{1,3}|one|two|three|four|five|a)(?:\\s++each)?+\\s++for\\s)");
    /** Where a count shared among people starts: "one for each of", "two each for". */
    private static final Pattern SHARE_START = p("(?:^|(?<=[\\s,]))(?:\\d{1,3}|one|two|three|four|five|a)(?:\\s++each)?+\\s++for\\s");
    // Not after "one": in "the one for the birds" what it is for is all that names it.
    // never after "go" ("go for the third one", "we'll go for the blue one": the choice itself)
    // ("count me in for the walnut one", "put me down for the blue one": what the taking is for is the product)
    private static final Pattern FOR_WHOM = p("(?<!\\s)(?<!\\bones?)(?<!\\bgo|\\bgoing|\\bin|\\bdown|\\bup)\\s++(?:for|fr)\\s(?:the|my|his|her|our|your"
            + "|\\d{1,3})\\s[a-z']++(?:\\s[a-z']++)?+[.!]*+$");

    // A part that starts with what it is about, not with a verb: "the rug", "2 of the blue ones", "a charger".
    private static final Pattern NO_VERB = p("^(?:the|a|an|two|three|four|five|another|\\d{1,3}(?:\\s*x)?|(?:number|no\\.?+|nr|#)\\s?+(?=\\d))\\b");

    private static final Pattern ORDER_LINE = p("\\bx\\s?\\d{1,3}$|\\b\\d{1,3}\\s?x$|\\b(?:qty|quantity)\\s?\\d{1,3}$"
            + "|\\b\\d{1,3}(?:pcs|pc|nos)$"); // "blue mug 2pcs": a line of an order, as written on one
    private static final Pattern WHERE_IS_MY_ORDER = p("\\bwhere(?:'s| is| are)? my (?:order|orders|package|parcel|delivery)\\b"
            + "|\\b(?:has|have|did) my (?:order|package|parcel) (?:shipped|arrived|been (?:shipped|sent|dispatched)|left)\\b"
            + "|\\b(?:status of|track) my (?:order|package|parcel)\\b");
    private static final Pattern CART_VERB = p("\\b(?:add|remove|delete|drop|buy|take)\\b");
    /** Words that say a change is to a line already there: "make it 2", "and them too", "those". */
    private static final Pattern POINTS_AT_A_LINE = p("\\b(?:it|them|those|these|that|this|each|both|all|total|more|less|fewer|another|extra)\\b");
    // "and a scarf navy if you've got it", "plus some candles please": after "and", "also" or "plus", a kind of thing
    // wanted; not a count ("and a couple more", "and a few of those").
    private static final Pattern ALSO_WANTS = p("(?:(?:oh|ok|okay|so)\\s){0,3}+(?:and|also|plus)\\s(?:(?:i\\s|we\\s)?+(?:need|want|would like|'d like)\\s)?+");
    /** What the model may read a message as that is about the cart as a whole, not about a product. */
    private static final Set<String> CART_WIDE = Set.of(Intent.VIEW_CART.wireName(), Intent.CREATE_ORDER.wireName(),
            Intent.GET_PAYMENT_LINK.wireName());
    private static final Pattern ANOTHER_KIND = p("^(?:(?:oh|ok|okay|so|right|alright|great|cool)[ ,]++)*+(?:and|also|plus|now|next|and now|and also)[ ,]++(?:(?<article>a|an|some)\\s)?+"
            + "(?!(?:couple|few|dozen|pair|bit|lot|little|one|more|other|another)\\b)(?<what>[a-z][a-z0-9'-]*+(?:\\s[a-z0-9'-]++){0,3}?)"
            + "(?:\\sif (?:you|u)(?:'ve| have)?+(?:\\sgot)?+\\s(?:it|one|any|them|some)|\\sif possible|\\sif available|\\splease|\\stoo"
            + "|\\sas well|\\sto go with (?:it|that|them|this))?+$");
    private static final Pattern AS_WELL = p("\\s(?:too|as well)$");
    private static final Pattern IF_ANY = p("\\bif (?:you|u|possible|available)\\b");
    // Words that say the cart is to be emptied, in the ways shoppers say it.
    private static final Pattern EMPTYING = p("\\b(?:empty|emptied|clear|cleared|start (?:over|again|fresh)|from scratch|reset|wipe"
            + "|scrap|ditch|bin|dump|trash|nuke|cancel|delete|remove|get rid|take out|throw out|forget|don't want"
            + "|vaciar|vacía|vacia|leeren|löschen)\\b");
    // A question about the thing pointed at: "is this one ...", "does it ...", "would that one ...".
    private static final Pattern ABOUT_IT = p("\\b(?:is|are|does|do|will|would|can|could|has|have)\\s(?:this|that|it|these|those|they)\\b"
            + "|\\b(?:this|that) one\\b");
    /** A count and a kind, no verb: "also 2 yoga blocks for me", "3 mugs pls" (not a count of units, days or "of those"). */
    private static final Pattern COUNTED_KIND = p("^(?:(?:ok|okay|and|also|plus|oh|then|so)\\s)*+(?<n>\\d{1,2}|two|three|four|five|six"
            + "|seven|eight|nine|ten|a couple of|a pair of|a dozen)\\s(?!(?:" + Quantity.UNITS + "|more|less|times|days|weeks|hours"
            + "|minutes|dollars|bucks|people|kids|of|cart)\\b)(?<what>[a-z][a-z'-]*+(?:\\s[a-z][a-z'-]*+){0,3}?)"
            + "(?:\\s(?:for me|for us|for them|please|too|as well|thanks|then))*+$");
    /** What an embedding guess may not do to a question: change the cart. */
    private static final Set<Intent> CHANGES = Set.of(Intent.ADD_TO_CART, Intent.REMOVE_FROM_CART, Intent.SET_QUANTITY, Intent.CLEAR_CART);
    private static final Pattern AND_ALSO = p("^(?:and|also|plus|oh and|and also)\\s");
    /** "2nd one in the basket", "the blue one into my cart pls": a product put in the cart, said by where it goes. */
    private static final Pattern INTO_CART = p("^(?:(?:ok|okay|and|also|then|so|now|pls|please|right)\\s)*+"
            + "(?:(?:the\\s)?+(?:\\d{1,2}(?:st|nd|rd|th)?+|first|second|third|fourth|fifth|last)(?:\\sones?)?+|that one|this one|it|that|this"
            + "|the\\s[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,3}?)(?:\\s(?:x\\s?+\\d{1,2}|\\d{1,2}))?+"
            + "\\s(?:in|into|to)\\s(?:the|my|me|ur)\\s" + Utterance.CART_WORDS + "(?:\\s(?:please|pls|thanks|too|as well))*+$");
    /** "make it two", "make that 3": a line's new count (not "make it two more", which adds). */
    private static final Pattern MAKE_IT_N = p("\\bmake (?:it|that|them)\\s(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\\b"
            + "(?!\\s(?:more|less|fewer|extra)\\b)");
    /** A count said as the line's new one: "make it 2", "just 1" (in the cart, a set, not an add). */
    private static final Pattern SETS_COUNT = p("\\b(?:make it|make that|change it to|just|only)\\s");
    /** A number said as a count, never a place in a list: "2x", "x2", "1 of them", "1 pcs" (and "1 piece", which is read so). */
    private static final Pattern SAID_AS_COUNT = p("\\b\\d{1,3}\\s?+x\\b|\\bx\\s?+\\d|\\bof (?:them|those|these)\\b|\\b\\d{1,3}\\s(?:pcs|pieces|units)\\b");
    /** A count said with a verb of adding: "ok add two" after a list is how many, not which one. */
    private static final Pattern COUNTED_ADD = p("\\b(?:add|i'll take)\\s");
    // Asking whether one must buy is no buying: "do i need to buy one separately", "will we have to order the lid too?".
    private static final Pattern WHETHER_TO_BUY = p("\\b(?:do|does|would|will)\\s(?:i|we)\\s(?:(?:also|still|really)\\s)?+"
            + "(?:need|have)\\sto\\s(?:buy|get|order|add)\\b");
    // A wish or a "please" in a question makes it a request: "I'd like the blue one?", "could I grab that?".
    private static final Pattern WISH = p("\\b(?:please|pls|plz|thanks|like|want|wanna|need|grab|have|pop|bag|chuck|throw|i'll|i'd)\\b");
    /** "one more please", "2 more": a request of its own, whatever is said beside it. */
    private static final Pattern N_MORE = p("^(?:(?:ok|okay|and|so|yes)\\s)*+(?:\\d{1,2}|one|two|three|four|five)\\smore(?:\\s(?:please|pls|thanks))?+");
    private static final Pattern VERB = p("\\b(?:add|take|make|buy|get|put|order)\\b");

    /** The kind a search or an add of {@code part} names in the catalog's words ("jigsaw puzzle"), not a place or a pointer. */
    private String kindNamed(Understanding part) {
        Object words = part.intent() == Intent.SEARCH_PRODUCTS ? part.slots().get("query")
                : part.intent() == Intent.ADD_TO_CART ? part.slots().get("product") : null;
        return words instanceof String w && !A_PLACE.matcher(w).find() && !POINTER_WORD.matcher(w).find() && namesProducts(w) ? w : null;
    }

    private static boolean carries(Understanding previous) {
        return previous.intent() == Intent.ADD_TO_CART || previous.intent() == Intent.REMOVE_FROM_CART;
    }

    /** Two searches in a row are one search ("lamps, in blue"); two adds of different products are two adds. */
    private static boolean distinct(List<Understanding> parts) {
        for (int i = 1; i < parts.size(); i++) {
            Understanding a = parts.get(i - 1);
            Understanding b = parts.get(i);
            if (a.intent() == b.intent() && (a.intent() == Intent.SEARCH_PRODUCTS || a.intent() == Intent.VIEW_CART
                    || a.intent() == Intent.GET_PRODUCT_DETAILS
                    || java.util.Objects.equals(a.slots().get("product"), b.slots().get("product")))) {
                return false;
            }
            if (countOnly(a) && names(b) || names(a) && countOnly(b)) {
                return false; // "ok that one with lid, add 1", "add 2, the blue one": one add, its product and its count apart
            }
        }
        return true;
    }

    /**
     * Which product and how many, said apart, as one add: "ok that one in walnut, add 1", "I should like
     * the clamp lamp, please. Just the one." (the count read as a change of the line the add makes).
     */
    private static List<Understanding> merged(List<Understanding> parts, State state) {
        List<Understanding> out = new java.util.ArrayList<>();
        for (Understanding part : parts) {
            Understanding previous = out.isEmpty() ? null : out.getLast();
            Understanding named = null;
            Understanding counted = null;
            if (previous != null && previous.intent() == Intent.GET_PRODUCT_DETAILS && previous.slots().containsKey("product")
                    && part.intent() == Intent.GET_PRODUCT_DETAILS && part.slots().isEmpty()) {
                continue; // "the third one could work, tell me more about that": the same look, said twice
            }
            if (previous != null && previous.slots().get("product") instanceof String && pointsBack(part)
                    && (previous.intent() == Intent.GET_PRODUCT_DETAILS || previous.intent() == part.intent())) {
                // "ok the Yara keyboard, add it", "I'll go with the oak one, add it": the "it" is the product just named
                Map<String, Object> slots = new LinkedHashMap<>(previous.slots());
                slots.putAll(part.slots());
                // the question the request asked stays with it ("The hot pink 3-wheel one is darling. I'll take a few of those.":
                // which one is said, how many is asked)
                out.set(out.size() - 1, new Understanding(part.intent(), slots, Math.min(previous.confidence(), part.confidence()),
                        "merge:" + previous.source() + "+it:" + part.source(), part.ask()));
                continue;
            }
            if (previous != null && previous.source().endsWith(NO_QUANTITY) && (countOnly(part) || countOnlyChange(part))) {
                // "hmm that's too many, make it 2": the change, and then its number
                out.set(out.size() - 1, new Understanding(Intent.SET_QUANTITY, Map.of("quantity", part.slots().get("quantity")),
                        part.confidence(), "merge:" + previous.source() + "+" + part.source()));
                continue;
            }
            if (previous != null && names(previous) && (countOnly(part) || countOnlyChange(part))) {
                named = previous;
                counted = part;
            } else if (previous != null && countOnly(previous) && names(part)) {
                named = part;
                counted = previous;
            }
            if (named == null) {
                out.add(part);
                continue;
            }
            Map<String, Object> slots = new LinkedHashMap<>(named.slots());
            slots.put("quantity", counted.slots().get("quantity"));
            // a product kept ("I'll stick with the solar ones") is in the cart: its count is set, not added to; so is one named
            // with the cart open and then changed ("The Flint ones. Make them 8"; the engine adds it when no line is it)
            Intent merged = (named.source().equals("keeping") || state == State.CART) && counted.intent() == Intent.SET_QUANTITY
                    ? Intent.SET_QUANTITY : Intent.ADD_TO_CART;
            out.set(out.size() - 1, new Understanding(merged, slots, Math.min(named.confidence(), counted.confidence()),
                    "merge:" + named.source() + "+" + counted.source()));
        }
        return out;
    }

    /** A product named alone beside the requests of a message, for a request that points at it. */
    private static boolean naming(Understanding part) {
        return part.source().startsWith("naming:");
    }

    /**
     * A request about one product that does not say which ("add it", "remove that", "tell me more"): the one just
     * named. A count change ("make it 2") is left to the count merge, which makes it an add of the product named.
     */
    private static boolean pointsBack(Understanding part) {
        return switch (part.intent()) {
            case ADD_TO_CART, REMOVE_FROM_CART, GET_PRODUCT_DETAILS -> !part.slots().containsKey("product");
            default -> false;
        };
    }

    /** A change of a line's count that says how many and not of which line. */
    private static boolean countOnlyChange(Understanding part) {
        return part.intent() == Intent.SET_QUANTITY && part.slots().containsKey("quantity") && !part.slots().containsKey("product");
    }

    /** An add that says how many and not of what. */
    private static boolean countOnly(Understanding part) {
        return part.intent() == Intent.ADD_TO_CART && part.slots().containsKey("quantity") && !part.slots().containsKey("product");
    }

    /** An add or a look at a product that says which and not how many. */
    private static boolean names(Understanding part) {
        return (part.intent() == Intent.ADD_TO_CART || part.intent() == Intent.GET_PRODUCT_DETAILS)
                && part.slots().containsKey("product") && !part.slots().containsKey("quantity");
    }


    /** The understanding of an intent decided elsewhere, with the slots the rules read for it. */
    private Understanding of(Intent intent, Utterance body, String noSku, State s, List<Event> offered,
                                    double confidence, String source) {
        return switch (intent) {
            case SEARCH_PRODUCTS -> search(searchIn(body, s), body, confidence, source);
            case CREATE_ORDER, GET_PAYMENT_LINK -> payment(intent, s, offered, confidence, source);
            case GET_PRODUCT_DETAILS, ADD_TO_CART, REMOVE_FROM_CART, SET_QUANTITY -> pointedIn(intent, body, noSku, s, confidence, source);
            case SHOP_QUESTION -> new Understanding(intent, Map.of("topic", ShopTopic.of(body)), confidence, source);
            default -> new Understanding(intent, Map.of(), confidence, source);
        };
    }

    /** The search {@code body} asks for, read whole here: {@link #searchIn(Utterance, SearchQuery, State)}. */
    private SearchQuery searchIn(Utterance body, State s) {
        return searchIn(body, SearchQuery.in(body, tagger), s);
    }

    /**
     * The search {@code body} asks for ({@code whole}: as read whole), its words from the sentence that asks ({@link RequestSentence}): the
     * story around a request names things that are not what is asked for ("the living room looks so bare").
     * When the asking sentence names no product, the nearest other sentence that does gives the words, if
     * the asking sentence points back to it ("anything like that?"), asks for more than a change ("do you
     * have any?"), or that sentence names what shops sell ("maybe a jigsaw puzzle? under $25", "he needs
     * proper boots. What have you got in kids sizes?"); a refinement among story ("we're saving for a
     * holiday. Anything under 40?") stays one. A price said anywhere in the message stands.
     */
    private SearchQuery searchIn(Utterance body, SearchQuery whole, State s) {
        List<String> sentences = RequestSentence.of(body);
        int at = sentences.size() < 2 || classifier == null ? -1
                : RequestSentence.asking(sentences, Intent.SEARCH_PRODUCTS, s, classifier);
        for (int i = sentences.size() - 1; at < 0 && i >= 0 && sentences.size() > 1; i--) {
            // No sentence read as a search on its own: the last question that asks what the shop sells
            // ("Any chance you have something similar?").
            String q = sentences.get(i);
            if (q.indexOf('?') >= 0 && (PRODUCT_ASK.matcher(q).find() || INDIRECT_ASK.matcher(q).find() || RequestSentence.pointsBack(q)
                    || WHAT_YOU_HAVE.matcher(q).find())) {
                at = i;
            }
        }
        if (at < 0) {
            return whole;
        }
        at = questionNaming(sentences, at);
        String sentence = sentences.get(at);
        SearchQuery asked = SearchQuery.in(Utterance.of(sentence), tagger);
        if (asked.refine() && asked.category() == null && !asked.subject().isBlank()
                && SPACE.splitAsStream(asked.subject()).allMatch(SearchWords.QUALIFIERS::contains)) {
            // "Now lipstick. ... What do you have in red?": the colour of the new kind a sentence of its own named, not of the last list
            for (int j : nearestFirst(at, sentences.size())) {
                SearchQuery named = SearchQuery.in(Utterance.of(sentences.get(j)), tagger);
                if (ANOTHER_KIND.matcher(Utterance.of(sentences.get(j)).bare()).matches() && spellsAProductWord(named.subject())) {
                    return named.askedAs(asked, whole);
                }
            }
        }
        if (!asked.subject().isBlank() || asked.category() != null) {
            return asked.pricedAs(whole);
        }
        boolean pointsBack = RequestSentence.pointsBack(sentence) || WHAT_YOU_HAVE.matcher(sentence).find();
        for (int j : nearestFirst(at, sentences.size())) {
            SearchQuery named = SearchQuery.in(Utterance.of(sentences.get(j)), tagger);
            if (named.subject().isBlank() || !looksLikeProductWords(named.subject())) {
                continue;
            }
            if (pointsBack || !asked.refine() || spellsAProductWord(named.subject())) {
                return named.askedAs(asked, whole);
            }
        }
        return asked.pricedAs(whole);
    }

    /**
     * A question that names what the shop sells, rather than the statement {@code at} around it: "hi, buying supplies
     * for our office. do you have staplers?", "Are your tennis rackets in stock? I need a couple for me and my son",
     * "may string lights po kayo? for christmas decor". The story says why; the question says what. {@code at} itself
     * when it asks, or when no other sentence asks for a word of the catalog.
     */
    private int questionNaming(List<String> sentences, int at) {
        if (sentences.get(at).indexOf('?') >= 0) {
            return at; // a sentence that names nothing ("My budget is 50.") is read with the one that does, below
        }
        for (int j : nearestFirst(at, sentences.size())) {
            String q = sentences.get(j);
            if (q.indexOf('?') >= 0 && spellsAProductWord(SearchQuery.in(Utterance.of(q), tagger).subject())) {
                return j;
            }
        }
        return at;
    }

    /** Whether a word of {@code words} is spelled as a word of the catalog's names, or this shop's (not one letter off). */
    private boolean spellsAProductWord(String words) {
        return Arrays.stream(SPACE.split(words)).anyMatch(tagger::productWordAsSpelled);
    }

    /** The other indexes of {@code size} sentences, nearest to {@code at} first, the one before before the one after. */
    private static List<Integer> nearestFirst(int at, int size) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int d = 1; d < size; d++) {
            if (at - d >= 0) {
                out.add(at - d);
            }
            if (at + d < size) {
                out.add(at + d);
            }
        }
        return out;
    }

    /**
     * The slots of a request about one product, read in the sentence that makes it ({@link RequestSentence}):
     * its count is that sentence's ("Our Labrador is 12 now. Add it please." adds no twelve), and so is the
     * product it names. A request that names nothing is about the product in focus, or, from a list or the
     * cart, about one named in another sentence in the shop's own words, if any.
     */
    private Understanding pointedIn(Intent intent, Utterance body, String noSku, State s, double confidence, String source) {
        Understanding whole = withSlots(intent, body, noSku, s, confidence, source);
        List<String> sentences = RequestSentence.of(body);
        int at = sentences.size() < 2 || classifier == null || whole.ask() != null ? -1
                : RequestSentence.asking(sentences, intent, s, classifier);
        return at < 0 ? whole : pointedAt(intent, sentences, at, whole, s, confidence, source);
    }

    /** As {@link #pointedIn}, the request being sentence {@code at} of {@code sentences}; {@code whole}: the message read whole. */
    private Understanding pointedAt(Intent intent, List<String> sentences, int at, Understanding whole, State s, double confidence,
                                   String source) {
        Understanding asked = withSlots(intent, sentences.get(at), s, confidence, source + "+sentence");
        if (asked.intent() != whole.intent() || asked.ask() != null || asked.slots().containsKey("product")) {
            if (asked.intent() == whole.intent() && asked.ask() == null && intent == Intent.ADD_TO_CART && !asked.slots().containsKey("quantity")
                    && whole.slots().get("quantity") instanceof Integer n && asked.slots().get("product").equals(whole.slots().get("product"))) {
                // "Perfect, the wooden one. One per table, we have 12 tables.": the sentence says which, the message how many
                Map<String, Object> counted = new LinkedHashMap<>(asked.slots());
                counted.put("quantity", n);
                return new Understanding(asked.intent(), counted, asked.confidence(), asked.source() + "+counted");
            }
            return asked.intent() == whole.intent() && asked.ask() == null ? asked : whole;
        }
        // The request names nothing ("Please pop it in my basket."). Looking at one product, it means that one:
        // the story's nouns are no product ("it would go with the rug in our hallway. I'll take two"). From a list
        // or the cart, what it points at may be named in the nearest sentence that names a product in words the
        // shop uses ("Love the look of the bamboo bath mat."); never a position or "last" from the story ("he
        // bought it last year"), which would pick a line. How many is the request's own to say.
        Map<String, Object> slots = new LinkedHashMap<>(asked.slots());
        for (int j : s == State.PRODUCT_FOCUS ? List.<Integer>of() : nearestFirst(at, sentences.size())) {
            Object product = withSlots(Intent.GET_PRODUCT_DETAILS, sentences.get(j), s, confidence, source).slots().get("product");
            // "The first one I take. Three pieces, please.": a sentence that takes one says which, a place too
            boolean taken = intent == Intent.ADD_TO_CART && PURCHASE.matcher(Utterance.of(sentences.get(j)).bare()).find();
            if (product instanceof String words && (taken || PRICE_REF.matcher(words).matches()
                    || looksLikeProductWords(words) && !NUMBER_OR_LAST.matcher(words).matches()
                    && Arrays.stream(SPACE.split(words)).allMatch(tagger::productWordAsSpelled))) {
                slots.put("product", product);
                break;
            }
        }
        for (int j : s == State.PRODUCT_FOCUS || slots.containsKey("product") || intent != Intent.ADD_TO_CART ? List.<Integer>of()
                : nearestFirst(at, sentences.size())) {
            // "royal blue, size L. add 1": a sentence of what it is like, and nothing else, says which of the list
            Matcher like = ATTRIBUTES_ALONE.matcher(sentences.get(j));
            if (like.matches()) {
                slots.put("product", like.group(1) + (like.group(2) == null ? "" : " " + like.group(2)));
                break;
            }
        }
        if (asked.intent() == Intent.ADD_TO_CART && !slots.containsKey("quantity")) {
            // "OK, this one I buy. Three sets.": a sentence that is a count alone says how many of what the request takes
            for (int j : nearestFirst(at, sentences.size())) {
                String other = Utterance.of(sentences.get(j)).bare();
                if (Quantity.isWholeMessage(other)) {
                    Quantity.in(other).ifPresent(n -> slots.put("quantity", n));
                    break;
                }
            }
        }
        // the intent as the sentence's reading left it ("2 pieces is enough please": a count set, not two more added)
        return new Understanding(asked.intent(), slots, confidence, asked.source());
    }

    /** A colour (with up to two words before it: "royal blue") and perhaps a size, alone: "royal blue, size L." */
    private static final Pattern ATTRIBUTES_ALONE = p("^(?:(?:the|in)\\s)?+((?:[a-z]++\\s){0,2}?(?:"
            + String.join("|", com.shopkeeper.llm.SearchWords.COLOURS) + "))(?:\\s?+,?+\\s?+(size\\s[a-z0-9]{1,4}+))?+\\s*+[.!]*+$");

    /** Whether {@code u}'s product is a place in a list: "2", "last", "second curtains". */
    private static boolean aPlace(Understanding u) {
        return u.slots().get("product") instanceof String ref && (NUMBER_OR_LAST.matcher(ref).matches() || ProductRef.placeOfAKind(ref));
    }

    /** The intent of the nearest bundled example, no rules: an ablation the evaluation reports. */
    String nearestIntent(String raw) {
        return fallback.nearest(Utterance.of(raw).bare()).intent();
    }

    /** Below this cosine similarity, the nearest example is loosely related, not a paraphrase. */
    private static final double LOOSE_MATCH = 0.6;

    private Understanding nearest(Utterance body, String noSku, State s, List<Event> offered) {
        EmbeddingIntents.Match m = fallback.nearest(body.bare());
        Intent intent = Intent.ofWireName(m.intent()).orElse(Intent.OTHER);
        // Cosine similarity of MiniLM sentence vectors: ~0.8+ is a paraphrase, ~0.4 is loosely related.
        double confidence = Math.min(0.85, 0.25 + 0.6 * m.similarity() + Math.min(0.15, m.margin()));
        String source = "embedding:" + m.example();
        if (m.similarity() < 0.3 && ProductRef.saysAPlace(body.text())) {
            // Nothing alike, and a place in a list said ("and the very first keyboard you showed me"): a look at the one
            // it points at, which changes nothing, rather than a new search for its kind
            Understanding look = withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, 0.45, "fallback:place");
            if (aPlace(look)) {
                return look;
            }
        }
        if (m.similarity() < 0.3) {
            // Nothing alike: a short message of plain words is most often a product name ("kettle"); a longer one
            // whose search words are words of product names asks for them ("ok also jigsaw puzzles for my
            // daughter shes 8"): a search, which changes nothing, rather than "didn't catch that".
            if (SPACE.split(body.bare()).length <= 4) {
                return search(SearchQuery.in(body, tagger), body, 0.5, "fallback:words");
            }
            SearchQuery q = SearchQuery.in(body, tagger);
            return looksLikeProductWords(q) && namesProducts(q.query()) ? search(q, body, 0.45, "fallback:product-words")
                    : new Understanding(Intent.OTHER, Map.of(), 0.4, "fallback:unknown");
        }
        if ((intent == Intent.CLEAR_CART || intent == Intent.CREATE_ORDER) && m.similarity() < LOOSE_MATCH) {
            // "now the knives" loosely near "I'm done shopping": an order or an empty cart takes no product, so product
            // words say the guess is wrong; they are a search, which changes nothing
            SearchQuery q = SearchQuery.in(body, tagger);
            if (looksLikeProductWords(q) && namesProducts(q.query())) {
                return search(q, body, Math.min(confidence, 0.5), source + "+product-words");
            }
        }
        if (intent == Intent.CLEAR_CART && m.similarity() < 0.8) {
            return new Understanding(intent, Map.of(), confidence, source, EMPTY_CART_ASK); // alike is not the same: ask first
        }
        if (CHANGES.contains(intent) && body.text().indexOf('?') >= 0) {
            // "Is the Dalton worth the extra over the Tatum?" near "add that to my basket": a question asks, a guess never acts
            return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, Math.min(confidence, 0.6), source + "+question");
        }
        return of(intent, body, noSku, s, offered, confidence, source);
    }

    /**
     * Checkout and pay are one wish to a shopper: before an order exists it means create_order, once
     * one is pending it means get_payment_link. The tools offered say which applies; the state decides
     * when both or neither are offered.
     */
    private static Understanding payment(Intent said, State s, List<Event> offered, double confidence, String source) {
        boolean create = offered.contains(Event.CREATE_ORDER);
        boolean link = offered.contains(Event.GET_PAYMENT_LINK);
        Intent chosen;
        if (create && !link) {
            chosen = Intent.CREATE_ORDER;
        } else if (link && !create) {
            chosen = Intent.GET_PAYMENT_LINK;
        } else if (s == State.CHECKOUT || s == State.AWAITING_PAYMENT) {
            chosen = Intent.GET_PAYMENT_LINK;
        } else if (said == Intent.GET_PAYMENT_LINK && s != State.CART) {
            chosen = Intent.GET_PAYMENT_LINK;
        } else {
            chosen = Intent.CREATE_ORDER;
        }
        return new Understanding(chosen, Map.of(), confidence, source);
    }

    /** The message read as a search for what it names, whatever else it seemed to be: for a look with nothing on screen to look at. */
    Understanding lookedFor(String asWritten, State state, double confidence, String source) {
        Utterance body = Utterance.of(asWritten);
        return search(searchIn(body, state), body, confidence, source);
    }

    private static Understanding search(SearchQuery q, Utterance body, double confidence, String source) {
        Map<String, Object> slots = new LinkedHashMap<>();
        q.callQuery(body).ifPresent(query -> slots.put("query", query));
        if (q.category() != null) {
            slots.put("category", q.category());
        }
        if (q.price().max() != null) {
            slots.put("max_price", q.price().max());
        }
        if (q.price().min() != null) {
            slots.put("min_price", q.price().min());
        }
        if (q.limit() != null) {
            slots.put("limit", q.limit());
        }
        if (q.refine()) {
            slots.put("refine", true);
        }
        if (q.change() != null) {
            slots.put("change", q.change().wireName());
        }
        return new Understanding(Intent.SEARCH_PRODUCTS, slots, confidence, source);
    }

    /** The slots of {@code intent} in one part of a message. */
    private static Understanding withSlots(Intent intent, String piece, State s, double confidence, String source) {
        Utterance part = Utterance.of(piece);
        return withSlots(intent, part, SKU.matcher(part.text()).replaceAll(" "), s, confidence, source);
    }

    private static Understanding withSlots(Intent intent, Utterance body, String noSku, State s, double confidence, String source) {
        Map<String, Object> slots = new LinkedHashMap<>();
        boolean details = intent == Intent.GET_PRODUCT_DETAILS;
        // "another one" is one more of the same, not a count; "one" only counts where wording makes it a count.
        String forQuantity = ANOTHER_ONE.matcher(noSku).replaceAll("another");
        Matcher why = REASON.matcher(forQuantity);
        if (why.find() && why.start() > 0 && (Quantity.in(forQuantity.substring(0, why.start())).isPresent()
                || intent == Intent.SET_QUANTITY && Quantity.newQuantity(forQuantity.substring(0, why.start())).isPresent())) {
            // "make that two, so our daughter may have one as well": the count said, not the one of the reason after it
            forQuantity = forQuantity.substring(0, why.start());
        }
        OptionalInt quantity = details ? OptionalInt.empty()
                : intent == Intent.SET_QUANTITY ? Quantity.newQuantity(forQuantity) : Quantity.in(forQuantity);
        // "ad 3 fr the kids", "add the cover for the sofa": who or what it is for names no product to pick.
        Matcher forWhom = FOR_WHOM.matcher(noSku);
        if (forWhom.find() && forWhom.start() > 0) {
            noSku = noSku.substring(0, forWhom.start());
            body = Utterance.of(noSku);
        }
        // "one each for 10 people plus 2 spares", "the granger one, one for me and one for each of my 2 sisters": the
        // count is worked out from who it is for, and those words name no product.
        Matcher share = SHARE_START.matcher(noSku);
        if (!details && Quantity.workedOut(noSku).isPresent() && share.find()) {
            noSku = noSku.substring(0, share.start());
            body = Utterance.of(noSku);
        }
        // "remove one dumbbell set, turns out she has her own": why is no part of which
        Matcher reason = REASON.matcher(noSku);
        if (reason.find() && reason.start() > 0) {
            noSku = noSku.substring(0, reason.start());
            body = Utterance.of(noSku);
        }
        // "add the Maison Clair brush set too, same one I got last time": that it is the same as before names nothing more
        Matcher asBefore = AS_BEFORE.matcher(noSku);
        if (asBefore.find() && asBefore.start() > 0) {
            noSku = noSku.substring(0, asBefore.start());
            body = Utterance.of(noSku);
        }
        Matcher mistake = OWN_MISTAKE.matcher(noSku);
        if (mistake.find() && mistake.start() > 0 && !SENTENCE_ON.matcher(noSku).region(mistake.end(), noSku.length()).find()) {
            noSku = noSku.substring(0, mistake.start()); // the remark ends the message; a sentence after it is read
            body = Utterance.of(noSku);
        }
        // "plus 2 more as spares": what they are for names no product (the words stay for the rules below: "plus" adds)
        // and "half as many as the balls" names the balls only to count
        Matcher counting = AS_MANY_AS.matcher(noSku);
        String uncounted = counting.find() ? counting.replaceAll("").strip() : noSku;
        Matcher spares = SPARES.matcher(uncounted);
        String named = spares.find() ? spares.replaceAll(" ").strip() : uncounted;
        Utterance namedBody = named.equals(noSku) ? body : Utterance.of(named);
        // "one for me one for my partner" says who it is for, not which product.
        Optional<String> ref = ProductRef.in(namedBody, details ? named : withoutQuantity(named), details)
                .filter(r -> !FOR_SOMEONE.matcher(r).matches())
                // "same one, so 2 total": "same" points at the one before and names nothing (a resolver may read "sage")
                .filter(r -> !SPACE.splitAsStream(r).allMatch(w -> w.equals("same") || w.equals("other")))
                // "reduce the candles to one": the count's "to" is no part of the name
                .map(r -> TRAILING_TO.matcher(r).replaceAll("")).filter(r -> !r.isBlank());
        if (intent == Intent.SET_QUANTITY && ref.isEmpty()) {
            ref = countedKind(noSku); // "one of my mates has his own, so 3 bags": the line the count is of
        }
        if (intent == Intent.SET_QUANTITY && ref.isEmpty()) {
            ref = kindThenChange(noSku); // "organizers make it 10": the line named before the change
        }
        ref.ifPresent(r -> slots.put("product", r));
        quantity.ifPresent(q -> slots.put("quantity", q));
        if (intent == Intent.ADD_TO_CART && quantity.isEmpty() && Quantity.isVague(forQuantity)
                && !(ref.isPresent() && SOME_OF_A_KIND.matcher(body.bare()).find())) {
            // "add some of those": how many is the one thing unknown. "add some yoga blocks" names a kind: which of
            // them comes first (the engine lists the kind, and the pick says how many or adds one)
            return new Understanding(intent, slots, confidence, source + "+vague-quantity", HOW_MANY);
        }
        if (intent == Intent.ADD_TO_CART && s != State.BROWSING && quantity.isPresent() && ENOUGH.matcher(body.bare()).find()) {
            // "2 pieces is enough please", "one saucepan is plenty": the line's count, not two more
            return new Understanding(Intent.SET_QUANTITY, slots, confidence, source + "+enough");
        }
        if (intent == Intent.SET_QUANTITY && quantity.isPresent() && TAKE_AWAY_N.matcher(body.bare()).find()) {
            // "drop one night light", "remove 2 of the mugs": that many fewer, not a line of that many
            return new Understanding(Intent.REMOVE_FROM_CART, slots, confidence, source + "+fewer");
        }
        Matcher by = intent == Intent.SET_QUANTITY ? CHANGED_BY.matcher(forQuantity) : null;
        if (by != null && by.find() && Quantity.value(by.group(2)).isPresent()) {
            // "please reduce by one", "bump it up by 2", "lower the mugs by two": that many fewer or more, not a line of that many
            Map<String, Object> changed = new LinkedHashMap<>();
            ref.ifPresent(r -> changed.put("product", r));
            changed.put("quantity", Quantity.value(by.group(2)).getAsInt());
            boolean fewer = FEWER_BY.contains(by.group(1));
            return new Understanding(fewer ? Intent.REMOVE_FROM_CART : Intent.ADD_TO_CART, changed, confidence, source + "+by");
        }
        if (intent == Intent.SET_QUANTITY) {
            // "1 less", "one fewer", "one bag less": take that many off; "one more": add one.
            Matcher relative = RELATIVE.matcher(forQuantity);
            if (relative.find()) {
                Map<String, Object> changed = new LinkedHashMap<>();
                ref.ifPresent(r -> changed.put("product", r));
                // "another 2 on top of that": two more
                boolean more = relative.group(3) != null || !relative.group(2).equals("less") && !relative.group(2).equals("fewer");
                changed.put("quantity", Quantity.value(relative.group(3) != null ? relative.group(3) : relative.group(1)).orElse(1));
                return new Understanding(more ? Intent.ADD_TO_CART : Intent.REMOVE_FROM_CART,
                        changed, confidence, source + "+relative");
            }
        }
        if (intent == Intent.SET_QUANTITY && quantity.isPresent() && ref.isPresent() && ADDS_TOO.matcher(body.text()).find()
                && !CHANGES_COUNT.matcher(body.bare()).find() && body.text().indexOf('?') >= 0 && YOU_HAVE_IT.matcher(body.bare()).find()) {
            // "Also one commuter mug for travel, the white 16 oz from Brewtown, you have it?": whether the shop has it, asked
            return withSlots(Intent.GET_PRODUCT_DETAILS, body, noSku, s, confidence, source + "+have-it");
        }
        if (intent == Intent.SET_QUANTITY && quantity.isPresent() && ref.isPresent() && ADDS_TOO.matcher(body.text()).find()
                && !CHANGES_COUNT.matcher(body.bare()).find()) {
            // "and the Barkley tug rope too, just 1": one more product, with its count; not a line's new count.
            return new Understanding(Intent.ADD_TO_CART, slots, confidence, source + "+too");
        }
        if (intent == Intent.SET_QUANTITY && quantity.isEmpty() && REMOVE.matcher(body.bare()).find()) {
            // "drop the 4-packs": no count to set, and a verb of taking out: the line goes.
            return withSlots(Intent.REMOVE_FROM_CART, body, noSku, s, confidence, source + "+remove");
        }
        if (intent == Intent.SET_QUANTITY && (quantity.isEmpty() && ONE_MORE_TOO.matcher(body.bare()).lookingAt()
                || WANTS_ONE_TOO.matcher(body.bare()).matches())) {
            // "and one for me too, why not", "ok and another one, can't have them fighting over it": one more, whatever the
            // reason said after it
            Map<String, Object> more = new LinkedHashMap<>();
            ref.ifPresent(r -> more.put("product", r));
            more.put("quantity", 1);
            return new Understanding(Intent.ADD_TO_CART, more, confidence, source + "+one-more");
        }
        if (intent == Intent.SET_QUANTITY && quantity.isEmpty()) {
            // "make it less": no number to set; show the cart, and the shopper says how many.
            return new Understanding(Intent.VIEW_CART, Map.of(), confidence, source + NO_QUANTITY);
        }
        return new Understanding(intent, slots, confidence, source);
    }

    /** "so 3 bags", "make it 2 frames": a count, then the kind of the cart's line it is a count of. */
    private static final Pattern COUNT_THEN_KIND = p("\\b(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\\s"
            + "(?!(?:more|less|fewer|extra|of|each|times|days|weeks|hours|minutes|dollars|bucks|please|pls|thanks|then|instead|total"
            + "|in|for|is|are|will|would|ones?|x|" + Quantity.UNITS + ")\\b)([a-z][a-z'-]{2,}+)\\b");

    /** The kind a count is said of, where it is a word of the catalog's names ("3 bags"), else none. */
    private static Optional<String> countedKind(String text) {
        Matcher kind = COUNT_THEN_KIND.matcher(text);
        while (kind.find()) {
            String word = kind.group(1);
            if (QueryTagger.catalogWord(word) && !Quantity.PEOPLE.contains(word) && !Quantity.PERSON.contains(word)) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /** "organizers make it 10", "notebooks: change to 25": the words of a kind, then a change of count. */
    private static final String CHANGE_VERB = "(?:make|change|set|bump|put)";
    private static final Pattern KIND_THEN_CHANGE = p("^(?:(?:ok|okay|and|now|the|my|fine|alright|well|yes|yeah|sure|so|then|actually"
            + "|no|wait|sorry|oh|hmm++)[,.!]?+\\s)*+([a-z][a-z'-]{2,}+(?:\\s(?!" + CHANGE_VERB
            + "\\b)[a-z][a-z'-]{2,}+)?+)(?:\\s?+[,:-])?+\\s" + CHANGE_VERB + "\\s(?:(?:it|that|them|those|these)\\s)?+(?:up\\s|down\\s)?+(?:to\\s)?+(?:\\d{1,3}|one|two|three|four|five"
            + "|six|seven|eight|nine|ten|a dozen)\\b");

    /** The kind named before a change of count, where every word of it is a word of the catalog's names; else none. */
    private static Optional<String> kindThenChange(String text) {
        Matcher kind = KIND_THEN_CHANGE.matcher(text.strip());
        if (!kind.lookingAt()) {
            return Optional.empty();
        }
        String words = kind.group(1);
        return SPACE.splitAsStream(words).allMatch(QueryTagger::catalogWord) ? Optional.of(words) : Optional.empty();
    }

    /** A count said by another line's ("half as many as the balls", "one for every two candles"): no product of its own. */
    private static final Pattern AS_MANY_AS = p("(?<![a-z])(?:(?:the\\s)?+same\\s(?:number|amount|quantity|qty|count)|half\\s(?:as\\s)?+(?:many|much)"
            + "|(?:twice\\s)?+as\\smany|for\\severy\\s(?:two|three|four|five|six|\\d{1,2}))\\s(?:as\\s|of\\s)?+(?:the\\s|my\\s|those\\s)?+"
            + "[a-z][a-z'-]*+(?:\\s[a-z][a-z'-]*+){0,2}+\\s*+$");
    /** What extra ones are for ("plus 2 more as spares", "2 extra bottles"): no words of the product's name. */
    private static final Pattern SPARES = p("^plus\\s|\\s(?:as\\s)?+(?:spares?+|extras?+|backups?+)\\b");
    /** A product said to come as well: "the tug rope too", "and the lamp as well". */
    /** "you have it?", "do you have those", "have you got one": whether the shop has it. */
    private static final Pattern YOU_HAVE_IT = p("\\b(?:(?:do\\s)?+(?:you|u|ya)\\s(?:have|got|stock|carry|sell)|have\\s(?:you|u)\\sgot)\\s"
            + "(?:it|them|those|these|that|this|one|any)\\b");
    private static final Pattern ADDS_TOO = p("\\b(?:too|as well)(?=\\s*+(?:[,.;!?]|$)|\\s(?:just|only|please|pls)\\b)"
            + "|^(?:and\\s)?+(?:also|plus)\\s(?!(?:make|change|set)\\b)");
    /** A count said to be enough: "2 of them is enough", "three is plenty", "one will do". */
    private static final Pattern ENOUGH = p("(?<!\\b(?:that|this|the|which|each)\\s)\\b(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|half a dozen)\\s"
            + "(?:[a-z']++\\s){0,2}?(?:is|are|will be|would be|will|would)\\s(?:enough|plenty|fine|do|ok|okay|good)\\b"
            // "I only need 1", "just want two": the count wanted in all
            + "|\\b(?:only|just)\\s(?:need|want|needs|wants)\\s(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\\b");
    /** A verb of taking out, then how many: "drop one night light", "minus 2". */
    private static final Pattern TAKE_AWAY_N = p("\\b(?:drop|remove|delete|take off|take away|take out|minus)\\s(?:\\d{1,2}|one|two|three|four"
            + "|five)\\b(?!\\s(?:of (?:them|those|these)\\s)?+(?:and|but)\\b)|\\btake\\s(?:(?:their|the|those|these)\\s)?+(?:\\d{1,2}|one|two"
            + "|three|four|five)\\s(?:[a-z'-]++\\s){0,2}?off\\b");
    /** Words that change a line's count rather than add one. */
    private static final Pattern CHANGES_COUNT = p("\\b(?:make|change|set|reduce|increase|bump|update|lower|raise|instead)\\b");
    /** The question itself, as the next turn finds it in the conversation's history. */
    static final String HOW_MANY_ASKED = "How many would you like?";
    static final String HOW_MANY = HOW_MANY_ASKED + " Reply with a number, e.g. *2*.";
    /** A line's count set, said first: "bump the chargers to 18", "drop it down to 2", "change the mugs to 3". */
    private static final Pattern SET_TO = p("^(?:(?:ok|okay|so|and|actually|sorry|please|pls|right|nah|no)[,.!]?+\\s)*+"
            + "(?:bump|up|raise|increase|lower|drop|reduce|change|set|take|bring|knock)\\s(?:(?:up|down)\\s)?+"
            + "(?:it|that|them|this|those|these|(the\\s(?!(?:price|total|cost)\\b)[a-z][a-z0-9' -]{0,40}?))\\s(?:(?:up|down)\\s)?+to\\s(\\d{1,3})\\b"
            + "(?![.,]\\d|\\s*+(?:dollars|bucks|usd|%|percent|pm|am|o'clock))");
    /** A count changed by so many: "reduce by one", "bump it up by 2", "increase the candles by three". */
    private static final Pattern CHANGED_BY = p("\\b(reduce|lower|decrease|cut|drop|down|increase|raise|bump|up)\\b(?:\\s(?!by\\b)[a-z']++){0,4}?"
            + "\\sby\\s(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\\b(?!\\s*+(?:%|percent|dollars|bucks))");
    private static final Set<String> FEWER_BY = Set.of("reduce", "lower", "decrease", "cut", "drop", "down");
    // "make it five we have more rooms": a clause of its own between the count and "more" is not "five more"
    private static final Pattern RELATIVE = p("\\b(\\d{1,2}|one|a|two|three|four|five)\\s+(?:(?!(?:less|fewer|more|extra|we|i|you|they|he|she|my|our"
            + "|since|because|as|so|have|has)\\b)[a-z'-]++\\s){0,2}?"
            + "(less|fewer|more|extra)\\b"
            + "|\\banother\\s(\\d{1,2}|two|three|four|five|six)\\b(?!\\s(?:st|nd|rd|th)\\b)");

    // Not a part of a hyphenated name: "the 4-packs", "the two-person tent".
    // "the EU 38 one": a size's number is no count
    private static final Pattern QUANTITY_WORDS = p("(?<![-$£€.])(?<!\\b(?:eu|uk|size|sz)\\s)\\b(?!\\w++-\\w)(?!\\d++[.,]\\d)(?:\\d{1,3}\\s*x|x\\s*\\d{1,3}|\\d{1,3}(?!\\s*(?:st|nd|rd|th)\\b)(?!\\s?+(?:dollars?|bucks|usd)\\b)|half a dozen|a dozen|dozen"
            + "|a couple of|a couple|couple of|couple|a pair of|a pair|pair|a few|two|three|four|five|six|seven|eight|nine|ten"
            + "|eleven|twelve|fifteen|twenty|pcs|pieces|units|more)\\b(?:\\s++of\\s++(?:them|those|these)\\b)?+");

    /** The text without its count: "that one, 2 of them" is "that one", no "one of them" left to read as any of them. */
    private static String withoutQuantity(String text) {
        // A numbered reference ("number 3", "#2", "item 2") keeps its number; ProductRef reads those from the original.
        // "the twenty dollar one": a price in words is no count; in digits it stays, as "the 20 dollar one" does
        return SPACES.matcher(QUANTITY_WORDS.matcher(NumberWords.inPrices(text)).replaceAll(" ")).replaceAll(" ").strip();
    }
}
