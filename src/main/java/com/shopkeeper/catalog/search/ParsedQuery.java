package com.shopkeeper.catalog.search;

import java.math.BigDecimal;
import java.util.List;

/**
 * A shopper's query after {@link QueryParser}: the product words as groups (every group should
 * match; a group matches when any of its alternatives does, an alternative being a phrase of one
 * or more words, the last word possibly a prefix), the text for the embedding model, and price
 * limits stated in the words ("under $50"). {@code allWords} keeps the filler too: a sentence
 * reads better to the embedding model than its keywords.
 */
record ParsedQuery(List<Group> groups, String semanticText, List<String> allWords, BigDecimal minPrice,
                   BigDecimal maxPrice) {

    record Alternative(List<String> words, boolean prefix) {

        static Alternative word(String word) {
            return new Alternative(List.of(word), false);
        }
    }

    record Group(String typed, List<Alternative> alternatives) {

        static Group of(String word) {
            return new Group(word, List.of(Alternative.word(word)));
        }
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }
}
