package com.shopkeeper.llm;

/**
 * Whether a word is a word of some product's name in this shop's catalog ("moonstone", a model
 * number): the offline understanding counts such words as product words when it finds the search
 * words in a message. Catalog search implements it from the names it indexes.
 */
@FunctionalInterface
public interface ProductWords {

    /** {@code word}: lower case, one word. */
    boolean names(String word);
}
