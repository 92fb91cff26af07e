package com.shopkeeper.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How typed text becomes product words, price filters and corrections, without a database. */
class QueryUnderstandingTest {

    private static List<String> typed(ParsedQuery q) {
        return q.groups().stream().map(ParsedQuery.Group::typed).toList();
    }

    @Test
    void chatFillerIsDroppedAndProductWordsKept() {
        assertThat(typed(QueryParser.parse("hey do u have brown sliders?"))).containsExactly("brown", "sliders");
        assertThat(typed(QueryParser.parse("hi! any blue loveseat available?? 🙏"))).containsExactly("blue", "loveseat");
        assertThat(typed(QueryParser.parse("hello do you sell garden hose? looking for a orange one")))
                .containsExactly("garden", "hose", "orange");
        // "looking" is filler only as chat, never the words of a product such as a looking glass.
        assertThat(typed(QueryParser.parse("white looking glass"))).contains("looking", "glass");
    }

    @Test
    void aStatedPriceLimitBecomesAFilterAndLeavesTheWords() {
        ParsedQuery q = QueryParser.parse("bike helmet in blue under $125");
        assertThat(q.maxPrice()).isEqualByComparingTo("125");
        assertThat(typed(q)).containsExactly("bike", "helmet", "blue");
        assertThat(QueryParser.parse("rug between 50 and 80.50").minPrice()).isEqualByComparingTo("50");
        assertThat(QueryParser.parse("rug between 50 and 80.50").maxPrice()).isEqualByComparingTo("80.50");
        assertThat(QueryParser.parse("lamps over 20").minPrice()).isEqualByComparingTo("20");
        assertThat(QueryParser.parse("a 40L backpack").maxPrice()).isNull();
    }

    @Test
    void sizeIsOnePhrase() {
        ParsedQuery q = QueryParser.parse("hey do u have blue knit size S?");
        assertThat(typed(q)).containsExactly("blue", "knit", "size s");
        assertThat(q.groups().getLast().alternatives().getFirst().words()).containsExactly("size", "s");
    }

    @Test
    void operatorsAndSymbolsNeverReachTheEngine() {
        ParsedQuery q = QueryParser.parse("\"tent\" NEAR(stove) OR -mat* {x}:y 🙏 ^z");
        String match = SqliteKeywordIndex.matchExpression(q.groups(), true);
        // Every word is a quoted string: FTS5 reads OR, NEAR and friends inside quotes as plain words.
        assertThat(match).doesNotContain("*", "(", ")", "{", ":", "^", "-", "🙏");
        assertThat(match.split(" AND ")).allMatch(part -> part.matches("\"[\\p{L}\\p{N} ]+\""));
        assertThat(PostgresKeywordIndex.tsquery(q.groups(), true)).matches("[\\p{L}\\p{N} ()&|]+");
    }

    @Test
    void hugeInputIsCutToABoundedQuery() {
        ParsedQuery q = QueryParser.parse("lamp ".repeat(1000) + "x".repeat(5000));
        assertThat(q.groups()).hasSizeLessThanOrEqualTo(QueryParser.MAX_GROUPS);
    }

    private static Vocabulary vocabulary(String... productTexts) {
        Vocabulary v = new Vocabulary();
        for (String text : productTexts) {
            v.addProduct(Words.of(text));
        }
        return v;
    }

    @Test
    void unknownWordsAreCorrectedToTheLikeliestCatalogWord() {
        Vocabulary v = vocabulary("office chair black", "hair dryer", "dome tent green", "tee shirt", "dresser oak",
                "smartwatch silver", "smart plug", "watch strap", "dining table", "garden set", "set of pans");
        assertThat(v.correctText(v.correct(QueryParser.parse("black desk cair").groups()))).isEqualTo("black desk chair");
        assertThat(v.correctText(v.correct(QueryParser.parse("green tet").groups()))).isEqualTo("green tent");
        assertThat(v.correctText(v.correct(QueryParser.parse("diniing table").groups()))).isEqualTo("dining table");
        assertThat(v.correctText(v.correct(QueryParser.parse("brown dreser").groups()))).isEqualTo("brown dresser");
        assertThat(v.correctText(v.correct(QueryParser.parse("silver smartwaatch").groups()))).isEqualTo("silver smartwatch");
        // a plural of -y spelled by the catalog with -ie, before the word nearest by letters ("hooded": as near, more products)
        Vocabulary hoods = vocabulary("hoodie blue", "hooded raincoat", "hooded jacket", "hooded litter box", "onesie baby");
        assertThat(hoods.correctText(hoods.correct(QueryParser.parse("hoodys").groups()))).isEqualTo("hoodie");
        assertThat(hoods.correctText(hoods.correct(QueryParser.parse("hooded").groups()))).isEqualTo("hooded");
    }

    @Test
    void wordsTypedApartMatchTheJoinedCatalogWordAndPartialWordsMatchAsPrefixes() {
        Vocabulary v = vocabulary("smartwatch silver", "smart plug", "watch strap", "dumbbell set");
        var groups = v.correct(QueryParser.parse("blue smmart watch").groups());
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1).alternatives()).extracting(ParsedQuery.Alternative::words)
                .contains(List.of("smart", "watch"), List.of("smartwatch"));
        var partial = v.correct(QueryParser.parse("dumbb").groups());
        assertThat(partial.getFirst().alternatives()).anyMatch(a -> a.prefix() && a.words().equals(List.of("dumbb")));
    }

    @Test
    void colourNamesBelongToTheirPlainColour() {
        assertThat(ColorFamilies.familyOf("Navy")).isEqualTo("blue");
        assertThat(ColorFamilies.familyOf("Sky Blue")).isEqualTo("blue");
        assertThat(ColorFamilies.familyOf("Burgundy")).isEqualTo("red");
        assertThat(ColorFamilies.familyOf("Walnut Brown")).isEqualTo("brown");
        assertThat(ColorFamilies.familyOf("Brushed Nickel")).isEqualTo("silver");
        assertThat(ColorFamilies.familyOf("Unobtainium")).isNull();
    }
}
