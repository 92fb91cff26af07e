package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotExtractorsTest {

    private static OptionalInt quantity(String text) {
        return Quantity.in(Utterance.of(text).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2                  | 2
            two                | 2
            2 packs please     | 2
            add a pair of the fieldstone touchscreen gloves | 1
            add a pair of mugs | 2
            two pairs of socks | 2
            two please         | 2
            2x                 | 2
            x3                 | 3
            a couple           | 2
            a couple please    | 2
            a dozen            | 12
            half a dozen       | 6
            3 of them          | 3
            add 2 of those     | 2
            add 4 more         | 4
            i'll take three    | 3
            gimme 5            | 5
            yes 1              | 1
            sure, add one      | 1
            add one more       | 1
            add 10 x the mugs  | 10
            remove 1 mug       | 1
            take off 2 of the mugs | 2
            add the string lights back just two | 2
            the clamp lamp please. just the one | 1
            the Vale stemless one 2 sets pls | 2
            the Halden Light ones, 3 strands | 3
            only 3 please      | 3
            add 2 of those, one each for the twins | 2
            I'll take three please. one for each bedroom | 3
            add four, one for my gran and one for me | 4
            """)
    void quantitiesAreReadWhereTheWordingMakesThemCounts(String text, int expected) {
        assertThat(quantity(text)).hasValue(expected);
    }

    /** Regional words are read as the words the rules know; what a word like "me" is elsewhere stays. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pa-add po the 2nd one          | please-add the 2nd one
            one lang po                    | one just
            opo, the blue one              | yes, the blue one
            aye, a wee one for the bairn   | yes, a small one for the bairn
            giz that yin                   | give me that one
            what's in me cart              | what's in my cart
            pa-check po yung lime green    | please show me the lime green
            yung pink po, pa-check         | the pink , please
            show me the lamps              | show me the lamps
            """)
    void regionalWordsAreReadAsTheWordsTheyMean(String text, String read) {
        assertThat(Utterance.of(text).text()).isEqualTo(read);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ok chckout and payy       | ok checkout and pay
            remvoe the mug            | remove the mug
            whats in my cartt         | what's in my cart
            ordr status               | order status
            send the paymnet link     | send the payment link
            the remote please         | the remote please
            older models              | older models
            a rug with a border       | a rug with a border
            cancle my order           | cancel my order
            the secnod one            | the second one
            add the thrid one         | add the third one
            back and forth            | back and forth
            """)
    void aCommandWordOneSlipOffIsReadAsMeantAndNothingElseIs(String text, String read) {
        // "remote" (a catalog word), "older" (a letter changed) and "border" (one added at the start) stay.
        assertThat(Utterance.of(text).text()).isEqualTo(read);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            add the second one
            add this one
            take that one
            the blue one
            add number 3 to cart
            add it
            add the 2nd
            just the one with the lid
            only the blue ones
            also need wine glasses, set of 4
            a pack of six socks please
            """)
    void ordinalsPointersAndNumberedReferencesAreNotQuantities(String text) {
        assertThat(quantity(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            make that 3                | 3
            lamp x1 not x2             | 1
            candles x3 not x1          | 3
            two's plenty ta            | 2
            nah one's enough           | 1
            um make it for instead     | 4
            change it to for           | 4
            make it tres               | 3
            make the second one 3      | 3
            make it two, one for my nephew | 2
            change it to 3, one each   | 3
            """)
    void aNewQuantityIsTheCountWantedHoweverItIsWritten(String text, int expected) {
        assertThat(Quantity.newQuantity(Utterance.of(text).text())).hasValue(expected);
    }

    @Test
    void aWholeMessageQuantityIsRecognisedAsSuch() {
        assertThat(Quantity.isWholeMessage("2")).isTrue();
        assertThat(Quantity.isWholeMessage("a dozen please")).isTrue();
        assertThat(Quantity.isWholeMessage("2 sofas")).isFalse();
    }

    private static Optional<String> ref(String text, boolean numberIsRef) {
        Utterance u = Utterance.of(text);
        return ProductRef.in(u, u.text(), numberIsRef);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            the second one               | 2
            tell me about the first one  | 1
            number 3                     | 3
            #2 pls                       | 2
            item 4                       | 4
            the last one                 | last
            the blue one                 | blue
            i'll take 2 of the blue ones | blue
            the oak desk                 | oak desk
            delete the yoga mat from my cart | yoga mat
            remove the can               | can
            how much is the smart plug   | smart plug
            what's the price of the red kettle | red kettle
            tell me about sk-000017      | SK-000017
            tell me mroe about the secnd one | 2
            number two please            | 2
            add number for               | 4
            el segundo, cuánto cuesta?   | 2
            das letzte, is it waterproof? | last
            would the Voltix plug work with alexa? | voltix plug
            """)
    void productReferencesArePositionsSkusOrWords(String text, String expected) {
        assertThat(ref(text, true)).hasValue(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            add it
            i want those
            take that one
            what colour is it
            whats the price
            is it available
            how big is it?
            alright add a dozen lol
            pop a couple in my basket
            add it por favor
            hmm actually 1 is fine
            make it 3 the kids will argue otherwise
            """)
    void pointersMeanTheProductUnderDiscussion(String text) {
        // Chat around a count names nothing the shop sells: the product under discussion, not a name to look for.
        assertThat(ref(text, true)).isEmpty();
    }

    @Test
    void aBareNumberIsAPositionOnlyWhereNumbersAreReferences() {
        assertThat(ref("details on 3", true)).hasValue("3");
        // the maker's name, the words after "in", a count before a name, where it goes, and how many is enough
        assertThat(ref("Ah, excuse me. I mean the one from Sorrel Studio, the small size.", false)).hasValue("sorrel studio");
        assertThat(ref("The Sonique one in midnight blue", false)).hasValue("sonique midnight blue");
        assertThat(ref("the blue one in stock?", false)).hasValue("blue");
        assertThat(ref("Please, may I put one Lark Amber Jar candle in my basket?", false)).hasValue("lark amber jar candle");
        assertThat(ref("chuck it in the trolley", false)).isEmpty();
        assertThat(ref("actually just one is fine he grows too fast anyway", false)).isEmpty();
        assertThat(ref("3", false)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            under $50                  | -  | 50
            below 25                   | -  | 25
            less than 200 bucks        | -  | 200
            max 40                     | -  | 40
            over 20 dollars            | 20 | -
            at least 50                | 50 | -
            between 10 and 30          | 10 | 30
            from 30 to 80 dollars      | 30 | 80
            between 30 and 10          | 10 | 30
            under 120.50               | -  | 120.5
            under £80                  | -  | 80
            $20-$60                    | 20 | 60
            under fifteen dollars      | -  | 15
            below a hundred            | -  | 100
            nothing over forty bucks   | -  | 40
            between twenty and fifty   | 20 | 50
            under two hundred and fifty quid | -  | 250
            two of them under 30       | -  | 30
            anythin cheapr than 60     | -  | 60
            lower than $45             | -  | 45
            pricier than 100           | 100 | -
            nothing fancier than about $100 a set | - | 100
            more expensive than 80     | 80 | -
            less expensive than 50     | -  | 50
            nothing pricier than 60 each | - | 60
            """)
    void priceLimitsAreRead(String text, String min, String max) {
        PriceRange p = PriceRange.in(Utterance.of(text).text());
        if (min == null) {
            assertThat(p.min()).isNull();
        } else {
            assertThat(p.min()).isEqualByComparingTo(min);
        }
        if (max == null) {
            assertThat(p.max()).isNull();
        } else {
            assertThat(p.max()).isEqualByComparingTo(max);
        }
    }

    @Test
    void amountsInWordsChangeTheTextOnlyWhereTheyMakeAPrice() {
        assertThat(PriceRange.in("lamps and two mugs").rest()).isEqualTo("lamps and two mugs");
        assertThat(PriceRange.in("lamps and two mugs").max()).isNull();
        assertThat(PriceRange.in("two lamps under fifty").rest()).isEqualTo("two lamps");
    }

    @Test
    void wholeNumbersAreWrittenPlainlyNotInScientificNotation() {
        assertThat(PriceRange.in("under 500").max().toPlainString()).isEqualTo("500");
        assertThat(PriceRange.in("under 500").max().toString()).isEqualTo("500");
    }

    @Test
    void aPriceWithoutAnAmountIsNoLimit() {
        assertThat(PriceRange.in("cheap lamps").isEmpty()).isTrue();
        assertThat(PriceRange.in("lamps from the garden section").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hey do u have any blue sofas under 500 pls?  | blue sofas
            i'm looking for a kettle                     | kettle
            got any cheap backpacks                      | backpacks
            show me 3 coffee makers                      | coffee makers
            looking for toys for a 5 year old            | toys for a 5 year old
            cheapest blender you have                    | blender
            need sunscreen asap                          | sunscreen
            plz show me leather wallets                  | leather wallets
            actually i want a desk instead               | desk
            """)
    void chatIsRemovedFromTheSearchQuery(String text, String expected) {
        assertThat(SearchQuery.in(Utterance.of(text)).query()).isEqualTo(expected);
    }

    @Test
    void aSearchCarriesItsLimitCategoryAndPrices() {
        SearchQuery q = SearchQuery.in(Utterance.of("show me 4 lamps in the lighting section between 10 and 30"));
        assertThat(q.query()).isEqualTo("lamps");
        assertThat(q.category()).isEqualTo("lighting");
        assertThat(q.limit()).isEqualTo(4);
        assertThat(q.price().min()).isEqualByComparingTo("10");
        assertThat(q.price().max()).isEqualByComparingTo("30");
    }

    @Test
    void aCategoryAloneIsAlsoTheQuery() {
        SearchQuery q = SearchQuery.in(Utterance.of("what do you have in electronics?"));
        assertThat(q.category()).isEqualTo("electronics");
        assertThat(q.query()).isEqualTo("electronics");
    }

    @Test
    void normalisationWritesOutChatSpellingAndDropsEmoji() {
        assertThat(Utterance.of("Do U have ANY lamps?? 🙏🙏").text()).isEqualTo("do you have any lamps??");
        assertThat(Utterance.of("whats in my cart").text()).isEqualTo("what's in my cart");
        assertThat(Utterance.of("Yes!!!").bare()).isEqualTo("yes");
    }

    /** A few emoji say a word of shopping ("🛒", "➕", "❌"); the rest say a mood and are dropped. */
    @Test
    void emojiThatSayAShoppingWordAreThatWord() {
        assertThat(Utterance.of("\uD83D\uDED2\u2753").bare()).isEqualTo("cart");
        assertThat(Utterance.of("\u2795 2 pls").text()).isEqualTo("add 2 please");
        assertThat(Utterance.of("\u274C\uFE0F the mug").text()).isEqualTo("remove the mug");
        assertThat(Utterance.of("love it \uD83D\uDE0D").text()).isEqualTo("love it");
    }

    /** Text-speak writes "for", "too" and "to" as digits; a digit that is a count stays one. */
    @Test
    void digitsWrittenForWordsAreReadAsTheWordsAndCountsStayCounts() {
        assertThat(Utterance.of("k add 3 of those 4 us").text()).isEqualTo("ok add 3 of those for us");
        assertThat(Utterance.of("rmv the kettle, 2 pricey").text()).isEqualTo("remove the kettle, too pricey");
        assertThat(Utterance.of("want 2 see the grey one").text()).isEqualTo("want to see the grey one");
        assertThat(Utterance.of("add 2 to my cart").text()).isEqualTo("add 2 to my cart");
        assertThat(Utterance.of("add 2 small bowls").text()).isEqualTo("add 2 small bowls");
        assertThat(Utterance.of("4 pens pls").text()).isEqualTo("4 pens please");
        assertThat(Utterance.of("the teal 1 pls").text()).isEqualTo("the teal one please");
        assertThat(Utterance.of("the bigger 1, more info").text()).isEqualTo("the bigger one, more info");
        assertThat(Utterance.of("the lamp 1 pls").text()).isEqualTo("the lamp 1 please");
        assertThat(Utterance.of("k add it. n a jigsaw puzzle 2, u got those?").text())
                .isEqualTo("ok add it. and a jigsaw puzzle too, you got those?");
        assertThat(Utterance.of("and a size 2, please").text()).isEqualTo("and a size 2, please");
        assertThat(Utterance.of("add the mugs, 2").text()).isEqualTo("add the mugs, 2");
        // a pack's size is one word while the message is read, so no rule takes its number for a count
        assertThat(Utterance.of("wine glasses, set of 4").text()).isEqualTo("wine glasses, set-of-4");
        assertThat(Utterance.asSaid("wine glasses set-of-4")).isEqualTo("wine glasses set of 4");
    }
}
