package com.shopkeeper.llm.offline;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shopper's message made regular enough for rules: lower case, straight quotes, no emoji, chat
 * spellings written out ("u" → "you", "pls" → "please"), one space between words. {@code original}
 * keeps the shopper's casing for things that are echoed back, like a sku.
 */
record Utterance(String original, String text) {

    // Chat shorthand seen in WhatsApp shopping messages; whole words only.
    private static final Map<String, String> SHORTHAND = Map.ofEntries(
            Map.entry("u", "you"), Map.entry("ya", "you"), Map.entry("ur", "your"), Map.entry("r", "are"),
            Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("plse", "please"), Map.entry("pleas", "please"),
            Map.entry("thx", "thanks"), Map.entry("thnx", "thanks"), Map.entry("ty", "thanks"), Map.entry("tnx", "thanks"),
            Map.entry("wat", "what"), Map.entry("wht", "what"), Map.entry("whats", "what's"), Map.entry("wher", "where"),
            Map.entry("whr", "where"), Map.entry("wheres", "where's"), Map.entry("im", "i'm"), Map.entry("ill", "i'll"),
            Map.entry("dont", "don't"), Map.entry("didnt", "didn't"), Map.entry("doesnt", "doesn't"), Map.entry("cant", "can't"),
            Map.entry("wont", "won't"), Map.entry("thats", "that's"), Map.entry("its", "it's"), Map.entry("lets", "let's"),
            Map.entry("hasnt", "hasn't"), Map.entry("havent", "haven't"), Map.entry("isnt", "isn't"),
            Map.entry("wanna", "want to"), Map.entry("gimme", "give me"), Map.entry("gonna", "going to"),
            Map.entry("hv", "have"), Map.entry("abt", "about"), Map.entry("qty", "quantity"),
            Map.entry("helo", "hello"), Map.entry("hii", "hi"), Map.entry("hiii", "hi"), Map.entry("heyy", "hey"),
            Map.entry("colour", "color"), Map.entry("colours", "colors"), Map.entry("cart's", "cart"), Map.entry("n", "and"),
            Map.entry("w", "with"), Map.entry("2day", "today"),
            Map.entry("ad", "add"), Map.entry("crt", "cart"), Map.entry("romove", "remove"), Map.entry("teh", "the"),
            Map.entry("hw", "how"), Map.entry("shw", "show"), Map.entry("nvm", "never mind"), Map.entry("idk", "i don't know"),
            Map.entry("lookin", "looking"), Map.entry("mak", "make"), Map.entry("rm", "remove"),
            Map.entry("hrs", "hours"), Map.entry("wats", "what's"), Map.entry("rmv", "remove"), Map.entry("k", "ok"),
            Map.entry("kk", "ok"), Map.entry("rn", "right now"), Map.entry("tmrw", "tomorrow"), Map.entry("smth", "something"),
            Map.entry("b4", "before"), Map.entry("bf", "boyfriend"), Map.entry("gf", "girlfriend"));
    /**
     * Words of other Englishes and languages a shopper mixes in, read as the English word they say; never a word of
     * the catalog's names ("Vale" is a maker's name before it is Spanish for "ok").
     */
    private static final Map<String, String> MIXED_IN = Map.ofEntries(
            // Regional words in English as written around the world, where they say a word the rules know: Filipino
            // English politeness and particles ("pa-add po", "one lang", "opo"), Scots and Irish ("aye", "a wee one",
            // "that yin", "dinnae", "giz"). Particles that say nothing to a shop are dropped.
            Map.entry("po", ""), Map.entry("opo", "yes"), Map.entry("naman", ""), Map.entry("lang", "just"),
            Map.entry("pa", "please"), Map.entry("aye", "yes"), Map.entry("wee", "small"), Map.entry("yin", "one"),
            Map.entry("gonnae", "going to"), Map.entry("dinnae", "don't"), Map.entry("dinna", "don't"),
            Map.entry("cannae", "can't"), Map.entry("wantae", "want to"), Map.entry("giz", "give me"), Map.entry("naw", "no"),
            Map.entry("och", "oh"), Map.entry("yous", "you"), Map.entry("youse", "you"), Map.entry("wan", "one"),
            Map.entry("twa", "two"), Map.entry("gie", "give"), Map.entry("gies", "give me"), Map.entry("ye", "you"),
            Map.entry("yins", "ones"), Map.entry("whit", "what"), Map.entry("whit's", "what's"), Map.entry("dae", "do"),
            Map.entry("ony", "any"), Map.entry("guid", "good"), Map.entry("jist", "just"), Map.entry("ae", "of"),
            Map.entry("ma", "my"), Map.entry("oot", "out"), Map.entry("doon", "down"), Map.entry("sair", "sore"),
            // Taglish words a Filipino shopper mixes in: "yung blue" is "the blue", "sige" ok, "mga" a plural, "muna" for now
            Map.entry("yung", "the"), Map.entry("sige", "ok"), Map.entry("mga", ""), Map.entry("muna", ""),
            Map.entry("salamat", "thanks"), Map.entry("magkano", "how much"), Map.entry("pwede", "can"),
            Map.entry("meron", "do you have"), Map.entry("ba", ""), Map.entry("bang", ""), Map.entry("nyo", ""),
            Map.entry("kayo", ""), Map.entry("na", ""), Map.entry("tig", ""), Map.entry("isa", "one"), Map.entry("anak", "kids"),
            Map.entry("sa", "for"), Map.entry("ko", ""), Map.entry("para", ""),
            // French a shopper mixes into English ("Non finalement, enlève the Flint"), accents folded: the words the rules read
            Map.entry("enleve", "remove"), Map.entry("enlever", "remove"), Map.entry("enlevez", "remove"),
            Map.entry("finalement", "actually"), Map.entry("parfait", "perfect"), Map.entry("aussi", "also"), Map.entry("deux", "two"),
            Map.entry("trois", "three"), Map.entry("celui", "the one"), Map.entry("celle", "the one"),
            // Spanish a shopper mixes into English ("quiero the blue one", "cuánto cuesta", "dos pares", "muy caro"), accents
            // already folded: the words a shop's rules read, as the text-speak ones are.
            Map.entry("quiero", "i want"), Map.entry("queremos", "we want"), Map.entry("tienes", "do you have"),
            Map.entry("tienen", "do you have"), Map.entry("hay", "is there"), Map.entry("pagar", "to pay"), Map.entry("vale", "ok"),
            Map.entry("perfecto", "perfect"), Map.entry("bueno", "ok"), Map.entry("gracias", "thanks"), Map.entry("hola", "hi"),
            Map.entry("buenas", "hi"), Map.entry("buenos", "good"), Map.entry("dias", "morning"), Map.entry("si", "yes"),
            Map.entry("uno", "one"), Map.entry("una", "one"), Map.entry("dos", "two"), Map.entry("tres", "three"),
            Map.entry("cuatro", "four"), Map.entry("cinco", "five"), Map.entry("diez", "ten"), Map.entry("pares", "pairs"),
            Map.entry("par", "pair"), Map.entry("solo", "only"), Map.entry("solamente", "only"), Map.entry("tambien", "also"),
            Map.entry("el", "the"), Map.entry("la", "the"), Map.entry("los", "the"), Map.entry("las", "the"),
            Map.entry("primero", "first"), Map.entry("primera", "first"), Map.entry("segundo", "second"),
            Map.entry("segunda", "second"), Map.entry("tercero", "third"), Map.entry("tercera", "third"),
            Map.entry("ultimo", "last"), Map.entry("ultima", "last"), Map.entry("verde", "green"), Map.entry("verdes", "green"),
            Map.entry("negro", "black"), Map.entry("negra", "black"), Map.entry("rojo", "red"), Map.entry("roja", "red"),
            Map.entry("azul", "blue"), Map.entry("blanco", "white"), Map.entry("blanca", "white"), Map.entry("gris", "grey"),
            Map.entry("rosa", "pink"), Map.entry("amarillo", "yellow"), Map.entry("morado", "purple"), Map.entry("grande", "large"),
            Map.entry("pequeno", "small"), Map.entry("pequena", "small"), Map.entry("caro", "expensive"), Map.entry("cara", "expensive"),
            Map.entry("muy", "too"), Map.entry("mas", "more"), Map.entry("carrito", "cart"), Map.entry("quitar", "remove"),
            Map.entry("quita", "remove"), Map.entry("agregar", "add"), Map.entry("agrega", "add"), Map.entry("anadir", "add"),
            Map.entry("anade", "add"), Map.entry("ver", "see"), Map.entry("dame", "give me"), Map.entry("denme", "give me"),
            Map.entry("verlo", "see it"), Map.entry("verla", "see it"), Map.entry("verlos", "see them"), Map.entry("verlas", "see them"),
            Map.entry("ensename", "show me"), Map.entry("ensenamelo", "show me it"), Map.entry("ensenamela", "show me it"),
            Map.entry("ensenamelos", "show me them"), Map.entry("ensenamelas", "show me them"), Map.entry("muestrame", "show me"),
            Map.entry("cada", "each"), Map.entry("hijo", "kid"), Map.entry("hija", "kid"), Map.entry("hijos", "kids"), Map.entry("hijas", "kids"), Map.entry("envio", "delivery"), Map.entry("cuanto", "how much"),
            Map.entry("cuesta", ""), Map.entry("cuestan", ""), Map.entry("pedido", "order"), Map.entry("donde", "where"),
            Map.entry("mi", "my"), Map.entry("por", ""), Map.entry("favor", "please"), Map.entry("este", "this"),
            Map.entry("esta", "this"), Map.entry("ese", "that"), Map.entry("eso", "that"), Map.entry("otro", "another"),
            Map.entry("otra", "another"), Map.entry("otros", "others"), Map.entry("barato", "cheap"), Map.entry("barata", "cheap"),
            Map.entry("mejor", "better"), Map.entry("ahora", "now"), Map.entry("listo", "done"),
            // Singapore and Malaysian English particles, which soften and say nothing to a shop: "can lah", "this one leh"
            Map.entry("lah", ""), Map.entry("leh", ""), Map.entry("lor", ""), Map.entry("hor", ""), Map.entry("sia", ""),
            // Thai, Japanese, Cantonese and Vietnamese politeness and sentence particles in English ("2 ka", "solar one ne",
            // "only 1 thoi"), which only give the tone
            Map.entry("ka", ""), Map.entry("kha", ""), Map.entry("krub", ""), Map.entry("khrap", ""), Map.entry("krap", ""),
            Map.entry("ne", ""), Map.entry("nee", ""), Map.entry("desu", ""), Map.entry("thoi", ""), Map.entry("nhe", ""),
            Map.entry("nha", ""),
            // US Southern ("what y'all got", "I'm fixin' to order", "reckon the pink one") and teen slang ("ngl", "frfr", "bet",
            // "cop 2"): the words a shop's rules read, or nothing where they only give the tone
            Map.entry("y'all", "you"), Map.entry("yall", "you"), Map.entry("ya'll", "you"), Map.entry("reckon", "think"),
            Map.entry("fixin", "going"), Map.entry("fixin'", "going"), Map.entry("finna", "going to"), Map.entry("tryna", "trying to"),
            Map.entry("howdy", "hi"), Map.entry("darlin", ""), Map.entry("darlin'", ""), Map.entry("hankerin'", "wanting"),
            Map.entry("hankering", "wanting"), Map.entry("ngl", ""), Map.entry("frfr", ""), Map.entry("ong", ""),
            Map.entry("lowkey", ""), Map.entry("highkey", ""),  Map.entry("tbh", ""), Map.entry("istg", ""), Map.entry("bet", "ok"),
            Map.entry("cop", "buy"),
            // Caribbean and West African English ("show mi di black one", "abeg how much be dis", "for meh son", "wetin
            // una get"): the words a shop's rules read; particles that only give the tone are dropped
            Map.entry("di", "the"), Map.entry("dis", "this"), Map.entry("dat", "that"), Map.entry("dem", "them"), Map.entry("em", "them"), Map.entry("'em", "them"),
            Map.entry("meh", "my"), Map.entry("waan", "want"), Map.entry("wah", "what"), Map.entry("wetin", "what"),
            Map.entry("abeg", "please"), Map.entry("biko", "please"), Map.entry("chale", ""), Map.entry("oga", ""),
            Map.entry("ting", "thing"), Map.entry("tings", "things"), Map.entry("pickney", "kids"), Map.entry("pikin", "kids"),
            Map.entry("nuh", "not"), Map.entry("inna", "in"), Map.entry("aight", "ok"), Map.entry("likkle", "little"),
            // Kenyan English's Swahili: "sawa add 1" is "ok add 1", "ok add 2 bana" hails a friend
            Map.entry("sawa", "ok"), Map.entry("bana", ""));
    // "pa-check po yung lime green": "pa-" asks politely; "pa-check" is a look at what follows (or, last, at what came before).
    private static final Pattern PA_CHECK = Pattern.compile("\\bpa-?check\\b(?=\\s++(?:po\\s++)?+[a-z])");
    private static final Pattern PA_CHECK_LAST = Pattern.compile("\\bpa-?check\\b");
    /** A shop's words for the cart, for every rule that needs them ("in the trolley", "what's in my basket"). */
    static final String CART_WORDS = "(?:cart|basket|bag|trolley)";
    // "me cart", "me order": Irish and British casual "my" before what is the shopper's own.
    // "show mi di black one", "gimme mi two": Caribbean "mi" before what is shown or given is "me" (elsewhere "my", as in Spanish).
    private static final Pattern MI_AS_ME = Pattern.compile("\\bmi(?=\\s(?:di|the|a|an|dat|dis|this|that|some|one|two|it|dem|them)\\b)");
    // A learner's "I am interesting in e-readers" says "interested".
    private static final Pattern INTERESTING_IN = Pattern.compile("\\b(am|are|is|i'm|we're|was)\\s(?:very\\s)?+interesting\\s(?=in\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ME_AS_MY = Pattern.compile("\\bme(?=\\s(?:" + CART_WORDS + "|order|orders|parcel|total)\\b)");
    // Text-speak writes "for", "too" and "to" as digits: "2 of those 4 me", "rmv it, 2 pricey", "want 2 see it".
    private static final Pattern FOR_AS_4 = Pattern.compile("\\b4(?=\\s(?:me|you|u|him|her|us|them|my|ur|your|his|our|their|a|an)\\b)");
    // Not before a size or a look ("2 small bowls" are two): only words that say "too" and nothing else.
    private static final Pattern TOO_AS_2 = Pattern.compile("\\b2(?=\\s(?:pricey|expensive|much|many|late|early|dear|costly)\\b)");
    /** "Costly.", "bit pricey": a price complained of in a word, which says what "too expensive" says. */
    private static final Pattern PRICE_IN_A_WORD = Pattern.compile("(?:^|(?<=[.!?,]\\s))(?:(?:a\\s)?+bit\\s|quite\\s|so\\s|very\\s|kinda\\s"
            + "|rather\\s|way\\s)?+(costly|pricey|expensive|steep)(?=\\s*+[.!]*+\\s*+$|\\s*+[.!,]\\s)");
    /** "show me the speed one to": a "to" ending the message after what it points at is "too". */
    private static final Pattern TO_AS_TOO = Pattern.compile("\\b(one|ones|it|them|that|this|those|these)\\sto(?=\\s*+[?!.]*+\\s*+$)");
    /**
     * "n a jigsaw puzzle 2, u got those?": after "and a ..." one of it is already said, so a "2" ending the clause is "too"
     * (not after "size", "no." or "gen", which make it a name).
     */
    private static final Pattern ALSO_A_2 = Pattern.compile("\\b((?:and|n|&|also|plus)\\s(?:a|an)\\s(?:[a-z'-]++\\s){0,3}?"
            + "(?!(?:size|no|number|gen|series|model|version|vol|volume|season|level|grade|part|pack|set|box)\\s)[a-z'-]{3,}+)\\s2(?=\\s*+(?:[,.?!]|$))");
    // "the pink 1", "the cheaper 1": text-speak for "one" after a word that describes, not a count.
    private static final Pattern ONE_AS_1 = Pattern.compile("\\b((?:the|that|this|a)\\s(?:cheap(?:er|est)?+|big(?:ger|gest)?+"
            + "|small(?:er|est)?+|large(?:r|st)?+|long(?:er|est)|short(?:er|est)|light(?:er|est)|dark(?:er|est)|better|best|little|tiny|huge"
            + "|new|old|other|same|red|blue|green|pink|black|white|grey|gray|yellow|orange|purple|brown|silver|gold|navy|beige|cream"
            + "|teal|tan|wooden|metal|plastic|leather|glass)\\s)1\\b(?!\\s*(?:x|pcs|pieces|of|more)\\b)");
    // Emoji that say a word of shopping rather than a mood: "🛒?" is "cart?", "➕ 2" is "add 2", "❌ the mug" is "remove the
    // mug", "👍" is "ok". A handful, written here (a full emoji-name library would name 😍 "smiling face with heart-eyes", which is mood).
    /** "that 1 pls, details": a pointer, the digit written for "one" (not "make that 1", a count). */
    private static final Pattern THAT_1 = Pattern.compile("(?<!\\b(?:make|change|set|update|reduce|cut|lower|drop|bump|up|down|to)\\s)"
            + "\\b(that|this)\\s1\\b(?![.,]\\d)(?!\\s*+(?:x|pcs|pieces|of|more|st|item|items|unit|units)\\b)");
    /** "numbr 3", "nmbr 2": "number" misspelt before the number it says. */
    private static final Pattern NUMBER_MISSPELT = Pattern.compile("\\b(?:numbr|nmbr|numbe|numer|nuber|nummer|numbre|nomber|nbr)\\.?+\\s?+(?=#?\\d)");
    /** "2nd 👀", "blue ones show me": "show me" said last, as it is read first. */
    private static final Pattern SHOW_ME_LAST = Pattern.compile("^(?!\\s*+show me\\b)([a-z0-9#][^.?!]{0,40}?)\\s++show me\\s*+([?!.]*+)\\s*+$");
    private static final Map<String, String> EMOJI_WORDS = Map.ofEntries(Map.entry("\uD83D\uDED2", "cart"),
            Map.entry("\uD83E\uDDFA", "basket"), Map.entry("\u2795", "add"), Map.entry("\u274C", "remove"),
            Map.entry("\u2716", "remove"), Map.entry("\uD83D\uDDD1", "remove"), Map.entry("\uD83D\uDCB3", "pay"),
            Map.entry("\uD83D\uDC40", "show me"), Map.entry("\uD83D\uDD0D", "search"), Map.entry("\uD83D\uDD0E", "search"),
            Map.entry("\uD83D\uDCE6", "order"), Map.entry("\uD83D\uDE9A", "delivery"), Map.entry("\u2753", "?"),
            Map.entry("\u2754", "?"),
            // a coloured circle or square: the colour ("🟣 one" is the purple one)
            Map.entry("\uD83D\uDD34", "red"), Map.entry("\uD83D\uDD35", "blue"), Map.entry("\uD83D\uDFE0", "orange"),
            Map.entry("\uD83D\uDFE1", "yellow"), Map.entry("\uD83D\uDFE2", "green"), Map.entry("\uD83D\uDFE3", "purple"),
            Map.entry("\uD83D\uDFE4", "brown"), Map.entry("\u26AB", "black"), Map.entry("\u26AA", "white"),
            Map.entry("\uD83D\uDFE5", "red"), Map.entry("\uD83D\uDFE6", "blue"), Map.entry("\uD83D\uDFE7", "orange"),
            Map.entry("\uD83D\uDFE8", "yellow"), Map.entry("\uD83D\uDFE9", "green"), Map.entry("\uD83D\uDFEA", "purple"),
            Map.entry("\uD83D\uDFEB", "brown"), Map.entry("\u2B1B", "black"), Map.entry("\u2B1C", "white"),
            // a thumbs up, an OK hand, a tick: "ok", as typed ("👍" after a product's details takes it, as "ok" does)
            Map.entry("\uD83D\uDC4D", "ok"), Map.entry("\uD83D\uDC4C", "ok"), Map.entry("\u2705", "yes"));
    // "1️⃣ ➕ 🛒", "2️⃣ ℹ️": a keycap digit that opens a message with more after it is the place on the list; elsewhere
    // ("make it 2️⃣") and alone (the answer to "how many?") it is the number
    private static final Pattern KEYCAP_FIRST = Pattern.compile("^\\s*+([0-9])\uFE0F?+\u20E3(?=\\s*+[^\\s.!?])");
    // "ℹ️ that one": the information sign asks for details (read before the text is normalised, which makes it an "i")
    private static final Pattern INFORMATION = Pattern.compile("\u2139\uFE0F?+");
    private static final Pattern KEYCAP = Pattern.compile("([0-9])\uFE0F?+\u20E3");
    private static final Pattern EMOJI_WORD = Pattern.compile(EMOJI_WORDS.keySet().stream().map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining("|", "(?:", ")\uFE0F?+")));
    // "the forth one": the place in a list, misspelt as the word it sounds like ("back and forth" is no place)
    private static final Pattern THE_FORTH = Pattern.compile("\\bthe\\sforth\\b");
    // Words heard or typed as others that sound alike, where nothing else fits: "the blew one", "add tow of the second",
    // "shoe me the cream one", "remuve the dumbels"
    private static final Pattern SOUNDS_ALIKE = Pattern.compile("\\b(?:(?<blue>blew)(?=\\s(?:one|ones)\\b)|(?<two>tow)(?=\\s(?:of|more)\\b)"
            + "|(?<show>shoe)(?=\\s(?:me|us)\\b)|(?<remove>remuve|remoove)|(?<=\\b(?:one|two|three|\\d{1,2})\\s)(?<more>moor)|(?<colours>colers|colurs|colous))\\b");
    /** The word each of SOUNDS_ALIKE's groups stands for, named as its group is. */
    private static final List<String> MEANT = List.of("blue", "two", "show", "remove", "more", "colours");
    // "and do you have a dog leash two": dictated "too" after what is asked for, not a count
    private static final Pattern HAVE_IT_TWO = Pattern.compile("^((?:(?:and|also|oh|so|ok)\\s)*+(?:do|have)\\s(?:you|u)\\s(?:have|got|sell|stock|carry)?+"
            + "[^.?!]{2,40}?)\\s(?:two|to)(?=\\s*+[?.!]*+$)");
    // "I take the one in size L", "the one in blue please": the one said by what it is in, as "the blue one" says it
    private static final Pattern THE_ONE_IN = Pattern.compile("\\bthe\\sone\\sin\\s((?:size\\s[a-z0-9]{1,3}+|"
            + String.join("|", com.shopkeeper.llm.SearchWords.COLOURS) + ")(?:\\s(?:color|colour))?+)\\b");
    // "add that cheapest monitor arm": which one its price says, not one pointed at
    private static final Pattern THAT_PRICE = Pattern.compile("\\b(?:that|this)\\s(?=(?:cheapest|cheaper|priciest|pricier|most expensive"
            + "|least expensive|less expensive|more expensive|dearest)\\b)");
    // Dictated counts heard as the words they sound like: "sorry i meant too pairs", "no wait make the tent too"
    private static final Pattern TOO_UNITS = Pattern.compile("\\btoo\\s(?=(?:" + Quantity.UNITS + ")\\b)");
    private static final Pattern MAKE_IT_TOO = Pattern.compile("\\b(make|change|set)\\s((?:it|that|them|this|the\\s[a-z'-]++(?:\\s(?!(?:too|to)\\b)[a-z'-]++)?+)"
            + "\\s(?:to\\s)?+)(?:too|to)(?=\\s*+(?:$|[.!,]|instead|please|pls|then|thanks))");
    // "From the Monroe bulbs I take four packs": what is taken of, said first, as a learner of English from German says it
    private static final Pattern FROM_THE_X = Pattern.compile("^(?:from|of)\\s(the\\s[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,4}?),?\\s"
            + "(i(?:'ll|\\swill|\\swould)?+\\s(?:take|want|need|have|like)|give me|add|please add)\\s([a-z0-9]++(?:\\s[a-z0-9]++)?+)(?=\\s*+[.!]*+$)");
    // "can u bump it up 2 five", "change it 2 three": between a change and a count, "2" is "to"
    private static final Pattern TO_AS_2 = Pattern.compile("\\b2(?=\\s(?:be|buy|see|pay|know|check|add|get|show|ask)\\b)"
            + "|(?<=\\b(?:up|down|it|that|them|change)\\s)2(?=\\s(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,3})\\b)");

    // "the 4 person one", "the 60 piece one", "a 12 pack": what the product is (a 4-Person tent), not how many of it.
    private static final Pattern SIZED_BY_COUNT = Pattern.compile("\\b(\\d{1,4})\\s(piece|person|pack|season|seater|tier|drawer|slice|cup|quart"
            + "|inch|port|burner|shelf|bottle|pocket|wick)\\b(?=\\s(?!(?:of|please|pls|thanks|for|and|then|too|each|pcs|units)\\b)[a-z])");
    // "the 18$ one", "under 40€": the currency sign written after the amount, as many write it, read where English puts it
    /** "change to 2 (two)", "quantity is one (1)": a number said again in brackets, as on a form; once, in digits, is enough. */
    private static final Pattern ECHOED_NUMBER = Pattern.compile("\\b([a-z]{3,6}|\\d{1,3})\\s?+\\(\\s*+([a-z]{3,6}|\\d{1,3})\\s*+\\)");
    private static final Pattern SIGN_AFTER = Pattern.compile("\\b(\\d{1,6}+(?:\\.\\d{1,2})?+)\\s?+([$£€])");
    // "the one for four persons": how many it is for, as its name says it ("4-Person"), not a count (a learner's plural:
    // "for four people" is left as said, a search reads it)
    private static final Pattern FOR_PERSONS = Pattern.compile("\\b(?:for\\s)?+(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)"
            + "\\spersons\\b");
    /**
     * "wine glasses, set of 4", "a pack of 6", "box of twelve": how many come in one of the product, part of what it is (a
     * "Set of 4"), never how many of it; written as one word ("set-of-4") so no rule reads its number as a count.
     */
    private static final String PACKS = "(set|pack|box|case|bundle|kit)";
    private static final Pattern PACK_OF = Pattern.compile("\\b" + PACKS + "\\sof\\s(\\d{1,3}|two|three|four|five|six|seven|eight|nine"
            + "|ten|twelve)\\b(?![-.,]\\d)");
    private static final Pattern PACK_JOINED = Pattern.compile("\\b" + PACKS + "-of-(\\d{1,3})\\b");

    /** {@code words} as the shopper wrote a pack's size ("set of 4"), for the slots that name products or search for them. */
    static String asSaid(String words) {
        return PACK_JOINED.matcher(words).replaceAll("$1 of $2");
    }

    /**
     * "2 piece", "4 set please", "add the shampoo, 2 bottles", "1 pair": a count with what it is counted in, which names no
     * product; written as the rules already read counts ("2 pcs"). "the 60 piece puzzle", a size, was joined into "60-piece"
     * before this; "3 pieces", "two pairs" are read as they are.
     */
    private static final Pattern COUNTED_IN = Pattern.compile("\\b(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
            + "(?:\\s|(?<=\\d))(?:piece|pc|unit|set|pack|box|bottles?+|jars?+|tubes?+|rolls?+|pair|nos)\\b(?!-)");
    /** "solar one ya", "send link ya": a softening "ya" after what was asked for (before a verb it is "you": "have ya got"). */
    private static final Pattern YA_PARTICLE = Pattern.compile("(?<=\\b(?:one|ones|please|pls|link|it|them|this|that|ok|okay|can))\\sya\\b"
            + "(?=\\s*+(?:[,.!?]|$))");
    /** "ya i want", "ya, the blue one", "ya ok": a message's first "ya" before the rest of it is a yes, not "you". */
    private static final Pattern YA_FIRST = Pattern.compile("^ya(?=\\s*+[,.!]|\\s(?:i|i'll|ok|okay|sure|can|please|pls|the|that|this|add|go|sounds)\\b)");
    /** Nigerian and West African Pidgin: "make i see number 3", "make i get two" (let me); "buy am", "add am" (it). */
    private static final Pattern PIDGIN_LET_ME = Pattern.compile("\\bmake\\si\\s(see|get|buy|take|check|add|order|have)\\b");
    private static final Pattern PIDGIN_WANT = Pattern.compile("\\bi\\swan\\s(?=(?:buy|take|get|add|order|see|am)\\b)");
    private static final Pattern PIDGIN_IT = Pattern.compile("\\b(add|buy|take|put|carry|bring|get|send|remove|comot|keep|order)\\sam\\b");
    // Singapore and Malaysian English "got X?" and "X or not?" ask whether there is any: "got yoga block or not" is "do you
    // have yoga block?" ("got it", "got that one" are not asking).
    private static final Pattern GOT_AS_HAVE = Pattern.compile("(?:^|(?<=[.!?,]\\s))got\\s(?!(?:it|that|this|them|you|to|ya|mine|my|the|your)\\b)");
    // Irish and Scots agreement before a request: "grand so, I'll take three sets", "sound, add it" (alone, "Lovely!" is no yes)
    private static final Pattern GRAND = Pattern.compile("^(?:grand|sound|brilliant|lovely|class|deadly)(?:\\s(?:so|stuff|job|so it is))?+(?=\\s*+[,.!]++\\s*+[a-z0-9])");
    // A laugh between two parts ends the first, as an emoji does: "also jigsaw puzzles lol my sis is obsessed".
    private static final Pattern LAUGH_STOP = Pattern.compile("(?<=[a-z0-9])\\s++(?:lol|lmao|lmfao|rofl|haha++|hehe++)\\s++(?=[a-z])(?!(?:and|then|plus|or)\\b)");
    private static final Pattern OR_NOT = Pattern.compile("\\s(?:or not|anot|or no)(?=\\s*+[?.!]*+$)");
    private static final Pattern WORD = Pattern.compile("[a-z0-9']+");
    private static final Pattern ACCENTS = Pattern.compile("[\\x{0300}-\\x{036F}]+");
    private static final Pattern DICTATED_STOP = Pattern.compile("(?<!\\s)\\s*+\\b(?:period|full stop|exclamation (?:mark|point))\\b");
    private static final Pattern DICTATED_QUESTION = Pattern.compile("(?<!\\s)\\s*+\\bquestion mark\\b");
    private static final Pattern DICTATED_COMMA = Pattern.compile("(?<!\\s)\\s*+\\bcomma\\b");
    // Emoji and other symbols carry mood, not meaning, for the rules; currency signs and # stay for refs.
    // An emoji between two requests ends the first, as a full stop would: "the red hoodie is fire 🔥 add it".
    // Not before a joining word ("add 1 🙌 and checkout" splits at the "and"), and not at the end of the message.
    private static final Pattern EMOJI_STOP = Pattern.compile("(?<=[\\p{L}\\p{N}])\\s*+[\\p{So}\\x{1F3FB}-\\x{1F3FF}\\x{FE0F}\\x{200D}]++"
            + "(?:\\s*+[\\p{So}\\x{1F3FB}-\\x{1F3FF}\\x{FE0F}\\x{200D}]++)*+\\s++(?=[\\p{L}\\p{N}])(?!(?:and|then|plus|n|or)\\b|&)");
    private static final Pattern SYMBOLS = Pattern.compile("[^\\p{L}\\p{N}\\s'$£€₹#.,?!:&/+<>\\-]");
    private static final Pattern PUNCTUATION = Pattern.compile("[?!.,:]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The mixed-in words read as English (for a test of which ones a catalog name shadows). */
    static Map<String, String> mixedIn() {
        return MIXED_IN;
    }

    /**
     * "ok Marlow santoku I buy 1", "the black one I take, one": what is wanted first, then the verb, as Chinese, Japanese
     * and Korean order it; written in English order ("i buy marlow santoku, 1x") for the rules.
     */
    private static final Pattern TOPIC_FIRST = Pattern.compile("^((?:(?:ok|okay|so|then|yes|and)\\s)*+)((?:(?:the|this|that)\\s)?+"
            + "(?!(?:i|you|we|do|does|can|could|what|which|if|when|how|is|are|that's|thats|it's|its|there's|here's)\\b)[a-z0-9'&-]++(?:\\s(?!(?:i|you|we|it)\\b)[a-z0-9'&-]++){0,4}?)"
            + "[,.]?+\\s(i\\s(?:buy|take|want|choose|will take|'ll take|will buy|'ll buy))(?:[,\\s]++(\\d{1,3}|one|two|three|four|five|six|seven"
            + "|eight|nine|ten))?+(?=\\s*+[.!]*+$)");
    /** "acacia one" said first, as a learner drops the article: "the acacia one", a pick, once the verb is put before it. */
    private static String pointed(String topic) {
        return (topic.endsWith(" one") || topic.endsWith(" ones")) && !ARTICLE_FIRST.matcher(topic).lookingAt() ? "the " + topic : topic;
    }

    /**
     * "cheapest one, add 1", "wooden one pls": a word that says which, then "one", at the start without its article, as
     * hurried and learners' messages drop it; read as "the cheapest one" (it had named no product). Never a verb ("add
     * one", "take one") or a word that counts ("just one", "another one").
     */
    private static final Pattern BARE_ONE = Pattern.compile("^((?:(?:ok|okay|so|and|then|yes|hmm)\\s)*+)([a-z][a-z'-]++)\\s(ones?+)\\b");

    private static boolean describes(String w) {
        return !NOT_WHICH.contains(w) && (w.endsWith("est") && w.length() > 4 || com.shopkeeper.llm.SearchWords.COLOURS.contains(w)
                || QueryTagger.catalogWord(w));
    }

    private static final java.util.Set<String> NOT_WHICH = java.util.Set.of("add", "take", "get", "buy", "want", "need", "order",
            "remove", "drop", "keep", "give", "grab", "put", "make", "set", "pick", "choose", "show", "just", "only", "another",
            "any", "each", "every", "no", "some", "which", "this", "that", "these", "those", "the", "a", "one", "other", "same",
            "next", "last", "first", "second", "third", "best", "rest", "test", "nest", "west", "vest", "chest");

    private static final Pattern ARTICLE_FIRST = Pattern.compile("(?:the|this|that|a|an|my)\\s");

    /** "already add?", "is it already in the cart?": whether the cart has it, a question about the cart. */
    private static final Pattern ALREADY_ADDED = Pattern.compile("(?:^|(?<=[.!?,]\\s))(?:(?:is|it's|its|it|did|has|have|was)\\s)?+"
            + "(?:(?:it|that|this|they|you)\\s)?+(?:been\\s)?+already\\s(?:add|added|in)\\b(?:\\s(?:to|in|into)\\s(?:the|my)\\s"
            + CART_WORDS + ")?+\\s*+\\?");
    /**
     * How a shopper points back at a product seen earlier: "the watering can I looked at first", "that candle you showed me
     * earlier", "the puzzle from before", "the first thing you showed me, the curtains". The product is named; these words
     * only say it was seen, and "first" in them is no place in the list on screen now.
     */
    private static final Pattern SEEN_BEFORE = Pattern.compile("\\bthe\\s(?:first|last|other)\\s(?:thing|product|item)s?+\\s(?:(?:that|which)\\s)?+"
            + "(?:you\\s(?:showed|sent|gave)\\sme|i\\s(?:saw|looked\\sat|asked\\sabout|checked))\\b"
            + "|(?<=[a-z])\\s(?:(?:that|which)\\s)?+(?:i|you)\\s(?:looked\\sat|showed\\sme|saw|asked\\sabout|viewed|checked|mentioned|sent\\sme"
            + "|were\\sshowing\\sme)(?:\\s(?:first|earlier|before|at\\sfirst|at\\sthe\\sstart|last\\stime|previously|already))?+\\b"
            + "|(?<=[a-z])\\s(?:from|of)\\s(?:before|earlier)\\b");
    /** "the watering can, add that": the product named, then the verb pointing back at it. */
    private static final Pattern NAMED_THEN_VERB = Pattern.compile("^((?:(?:now|ok|okay|and|so|oh)\\s)*+)(the\\s[a-z0-9'&-]++(?:\\s[a-z0-9'&-]++){0,4}?)"
            + ",\\s(add|take|get|remove|delete|drop)\\s(?:that|it|this|them|those)\\b");
    /**
     * "go back to that candle": a look at it again; "go back to the argan conditioner, 1 of those": the rest says what
     * to do with it.
     */
    private static final Pattern GO_BACK_TO = Pattern.compile("\\b(?:go|going|come)\\sback\\sto\\s(?=(?:the|that|this|those|number|no|item|option)\\s|#?+\\d)");
    /** "a couple of messages ago", "5 mins ago": when it was seen, no count ("the roller I looked at a couple of messages ago"). */
    private static final Pattern TIME_AGO = Pattern.compile("\\b(?:a\\s)?+(?:couple|few|\\d{1,2}|two|three|four|five|ten)\\s(?:of\\s)?+"
            + "(?:messages?|msgs?|texts?|minutes?|mins?|hours?|hrs?|days?|seconds?|secs?)\\s(?:ago|back)\\b");
    /** "I'll have a second one for my mum": one more of it, not the second of a list ("the second one" is that). */
    private static final Pattern A_SECOND = Pattern.compile("\\ba\\s(?:second|2nd)\\s(?=(?:one|ones|of|pair|set)\\b)");
    /**
     * Words a phone or a dictation wrote for the word meant, where the one meant is plain: "two pears of those" (pairs),
     * "empty the hole cart" (whole).
     */
    private static final Pattern PEARS_OF = Pattern.compile("\\b(a|\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\\spears\\sof\\b");
    /** "This one of 4 person", "the 2 burner stove": a size said without its hyphen, as the names write it ("4-Person"). */
    private static final Pattern SIZE_UNHYPHENATED = Pattern.compile("\\b(\\d{1,2})\\s(person|burner|seater|wheel|drawer|season|quart|layer|shelf|tier)\\b");
    /** "that Nico dog bowl'll do": "will" glued to a noun (not "i'll", "that'll"), which hides the noun's word. */
    private static final Pattern NOUN_WILL = Pattern.compile("(?<!\\b(?:i|you|he|she|it|we|they|that|this|there|who|what|which|u))'ll\\b");
    /** "I want him", "I want to see her": a learner's pronoun for the product (not "for him", "get him one", "looks like her"). */
    private static final Pattern HIM_FOR_IT = Pattern.compile("\\b(want|take|buy|see|add|order|need)\\s(?:him|her)\\b"
            + "(?!\\s(?:a|an|the|one|some|something|two|three|too|as))");
    /**
     * "the less expensive of the two", "the least expensive one": a pick said as "the cheaper" and "the cheapest" are, which
     * every rule reads ("anything less expensive?" is left as said: a search's words).
     */
    private static final Pattern LESS_EXPENSIVE = Pattern.compile("\\bthe\\sless\\s(?:expensive|pricey|costly)\\b");
    private static final Pattern LEAST_EXPENSIVE = Pattern.compile("\\bthe\\sleast\\s(?:expensive|pricey|costly)\\b");
    private static final Pattern HOLE_CART = Pattern.compile("\\bthe\\shole\\s(?=(?:cart|basket|bag|order|lot|thing)\\b)");
    /** "more on #2 pls": more about it, not more of it. */
    private static final Pattern MORE_ON = Pattern.compile("\\bmore\\son\\s(?=(?:the|it|that|this|those|these|number|no|item|option)\\b|#?+\\d)");
    /** "one more piece please": the unit of the count, no product ("piece" named nothing). */
    /** "Bin the conditioner": British for taking it out. */
    private static final Pattern BIN_IT = Pattern.compile("\\bbin\\s(?=(?:the|that|this|it|those|these|them|my)\\b)");
    /** "cheaper one 👍🛒": a pick by price said without its article, as "the cheaper one" says it. */
    private static final Pattern PRICE_ONE_FIRST = Pattern.compile("^\\s*+(?=(?:cheaper|cheapest|pricier|priciest|less\\sexpensive|least\\sexpensive)\\sones?+\\b)");
    private static final Pattern MORE_PIECES = Pattern.compile("\\b(more|another|extra)\\s(?:piece|pc|pcs|unit|item)s?+\\b");
    /** "1️⃣ 🛒", "cheaper one 👍🛒": the cart after what was picked puts it there ("my 🛒" is the cart itself). */
    private static final Pattern TO_THE_CART = Pattern.compile("(?<=\\S\\s{0,3})(?<!\\b(?:my|the|in|to|your|ur|show|view|see|check|open)\\s{0,3})\uD83D\uDED2");
    /** "do you people have e-reader?", "you guys sell rugs?": "you", asked of the shop. */
    private static final Pattern YOU_ALL = Pattern.compile("\\b(you|u|ya)\\s(?:people|guys|folks|lot|all|lads|ladies)\\b"
            + "(?=\\s(?:have|got|sell|stock|carry|do|deliver|ship|open|take|accept)\\b)");
    private static final Pattern COLOUR_COLOUR = Pattern.compile("\\b(" + String.join("|", com.shopkeeper.llm.SearchWords.COLOURS)
            // "ankle boots in cognac colour": a shade the list above lacks, said as one by "in" before it and "colour" after
            // it ("the Quanta color one" names a product)
            + "|(?<=\\bin\\s)(?!(?:what|which|the|a|an|any|other|that|this|your|its|my|his|her|their|one|every|each)\\b)[a-z]{3,15}+"
            + ")\\s++colou?+r(?:ed)?+\\b");
    private static final Pattern USES = Pattern.compile("(?i)(?<=\\w)[\\s,]*+(?:one|1)\\s++for\\s++(?:the\\s++|my\\s++|a\\s++)?+[a-z']++"
            + "(?:\\s*+(?:,|and|&)?+\\s*+(?:one|1|the other|another)\\s++for\\s++(?:the\\s++|my\\s++|a\\s++)?+[a-z']++)++");

    static Utterance of(String typed) {
        Utterance plain = plain(typed);
        String meant = Swaps.bundled().fix(plain.text());
        return meant.equals(plain.text()) ? plain : new Utterance(plain.original(), meant);
    }

    /** As {@link #of}, without putting back words a phone's autocorrect swapped ({@link Swaps} learns from these). */
    static Utterance plain(String typed) {
        // a learner's word for another, mended in what the intent model reads too (it reads the message as written)
        String raw = typed == null ? null : INTERESTING_IN.matcher(typed).replaceAll("$1 interested ");
        // "we're 6 in the office, one each": the count worked out, in place of the words that work it out
        raw = raw == null ? null : HeadCount.countedOut(raw).orElse(raw);
        // "add 2, one for meat one for veg": what each is for, which names no product and is no count of its own
        Matcher uses = USES.matcher(raw == null ? "" : raw);
        if (uses.find() && Quantity.workedOut(raw.toLowerCase(Locale.ROOT)).isEmpty()) {
            raw = uses.replaceAll("");
        }
        String s = raw == null ? "" : Normalizer.normalize(INFORMATION.matcher(raw).replaceAll(" details "), Normalizer.Form.NFKC);
        s = s.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"');
        s = s.toLowerCase(Locale.ROOT);
        // "cuánto", "también", "pequeño": accents folded, so that a word is one word to the rules ([a-z] does not match "á").
        s = ACCENTS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        // Voice dictation writes punctuation as words.
        s = DICTATED_STOP.matcher(s).replaceAll(".");
        s = DICTATED_QUESTION.matcher(s).replaceAll("?");
        s = DICTATED_COMMA.matcher(s).replaceAll(",");
        s = KEYCAP.matcher(KEYCAP_FIRST.matcher(s).replaceAll("number $1 ")).replaceAll("$1");
        s = TO_THE_CART.matcher(s).replaceAll(" add to cart ");
        s = EMOJI_WORD.matcher(s).replaceAll(m -> " " + EMOJI_WORDS.get(m.group().replace("\uFE0F", "")) + " ");
        s = EMOJI_STOP.matcher(s).replaceAll(". ");
        Matcher showLast = SHOW_ME_LAST.matcher(s.strip());
        s = showLast.matches() ? "show me " + showLast.group(1) + showLast.group(2) : s;
        s = THAT_1.matcher(s).replaceAll("$1 one");
        s = NUMBER_MISSPELT.matcher(s).replaceAll("number ");
        s = THE_FORTH.matcher(ONE_AS_1.matcher(s).replaceAll("$1one")).replaceAll("the fourth");
        s = SOUNDS_ALIKE.matcher(s).replaceAll(m -> MEANT.stream().filter(w -> m.group(w) != null).findFirst().orElseThrow());
        s = HAVE_IT_TWO.matcher(s).replaceAll("$1 too");
        s = THAT_PRICE.matcher(THE_ONE_IN.matcher(s).replaceAll("the $1 one")).replaceAll("the ");
        s = MAKE_IT_TOO.matcher(TOO_UNITS.matcher(s).replaceAll("two ")).replaceAll("$1 $2two");
        s = FROM_THE_X.matcher(s).replaceAll("$2 $3 of $1");
        s = SIGN_AFTER.matcher(s).replaceAll("$2$1");
        s = ECHOED_NUMBER.matcher(s).replaceAll(m -> {
            java.util.OptionalInt first = Quantity.value(m.group(1));
            return first.isPresent() && first.equals(Quantity.value(m.group(2))) ? String.valueOf(first.getAsInt()) : m.group();
        });
        s = FOR_PERSONS.matcher(s).replaceAll(m -> Quantity.value(m.group(1)).orElseThrow() + "-person");
        s = SIZED_BY_COUNT.matcher(s).replaceAll("$1-$2");
        s = PACK_OF.matcher(s).replaceAll(m -> m.group(1) + "-of-" + Quantity.value(m.group(2)).orElseThrow());
        s = COUNTED_IN.matcher(YA_FIRST.matcher(YA_PARTICLE.matcher(s).replaceAll("")).replaceAll("yes")).replaceAll(c -> Quantity.value(c.group(1)).orElse(1) + " pcs");
        s = ALSO_A_2.matcher(s).replaceAll("$1 too");
        s = TO_AS_2.matcher(TOO_AS_2.matcher(FOR_AS_4.matcher(s).replaceAll("for")).replaceAll("too")).replaceAll("to");
        s = TO_AS_TOO.matcher(s).replaceAll("$1 too");
        s = PRICE_IN_A_WORD.matcher(s).replaceAll("too $1");
        s = ME_AS_MY.matcher(MI_AS_ME.matcher(s).replaceAll("me")).replaceAll("my");
        s = PA_CHECK_LAST.matcher(PA_CHECK.matcher(s).replaceAll("please show me")).replaceAll("please");
        s = LAUGH_STOP.matcher(s).replaceAll(". ");
        s = PIDGIN_IT.matcher(PIDGIN_LET_ME.matcher(PIDGIN_WANT.matcher(s).replaceAll("i want ")).replaceAll("let me $1")).replaceAll("$1 it");
        s = GRAND.matcher(OR_NOT.matcher(GOT_AS_HAVE.matcher(s).replaceAll("do you have ")).replaceAll("?")).replaceAll("ok");
        s = SYMBOLS.matcher(s).replaceAll(" ");
        s = COLOUR_COLOUR.matcher(s).replaceAll("$1"); // "white color one", "black colour": a learner's way of saying the colour
        s = YOU_ALL.matcher(s).replaceAll("$1");
        s = ALREADY_ADDED.matcher(s).replaceAll("is it in my cart?");
        s = backTo(SEEN_BEFORE.matcher(TIME_AGO.matcher(s).replaceAll("earlier")).replaceAll(""));
        s = PRICE_ONE_FIRST.matcher(BIN_IT.matcher(s).replaceAll("remove ")).replaceFirst("the ");
        s = MORE_PIECES.matcher(MORE_ON.matcher(A_SECOND.matcher(s).replaceAll("another ")).replaceAll("more info on ")).replaceAll("$1");
        s = HOLE_CART.matcher(PEARS_OF.matcher(s).replaceAll("$1 pairs of")).replaceAll("the whole ");
        s = SIZE_UNHYPHENATED.matcher(s).replaceAll("$1-$2");
        s = LEAST_EXPENSIVE.matcher(LESS_EXPENSIVE.matcher(s).replaceAll("the cheaper")).replaceAll("the cheapest");
        s = HIM_FOR_IT.matcher(NOUN_WILL.matcher(s).replaceAll(" will")).replaceAll("$1 it");
        s = NAMED_THEN_VERB.matcher(s).replaceAll("$1$3 $2");
        s = BARE_ONE.matcher(s).replaceFirst(b -> Matcher.quoteReplacement(b.group(1) + (describes(b.group(2)) ? "the " : "") + b.group(2)
                + " " + b.group(3)));
        s = TOPIC_FIRST.matcher(s).replaceAll(t -> Matcher.quoteReplacement(t.group(1) + t.group(3) + " " + pointed(t.group(2))
                + (t.group(4) == null ? "" : ", " + Quantity.value(t.group(4)).orElse(1) + "x")));
        Matcher m = WORD.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shorthand = SHORTHAND.get(m.group());
            if (shorthand == null && MIXED_IN.containsKey(m.group()) && !QueryTagger.catalogWord(m.group())) {
                shorthand = MIXED_IN.get(m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shorthand != null ? shorthand : CommandTypos.fix(m.group())));
        }
        m.appendTail(out);
        String text = SPACES.matcher(out).replaceAll(" ").strip();
        return new Utterance(raw == null ? "" : raw.strip(), text);
    }

    private static String backTo(String s) {
        return GO_BACK_TO.matcher(s).replaceAll(g -> s.indexOf(',', g.end()) < 0 ? "tell me about " : "");
    }

    /** The text without punctuation, for whole-message matches ("yes!!" is "yes"). */
    String bare() {
        return SPACES.matcher(PUNCTUATION.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    }

    boolean isEmpty() {
        return bare().isEmpty();
    }
}
