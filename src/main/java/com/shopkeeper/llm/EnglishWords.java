package com.shopkeeper.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Words of ordinary English: the whole words of the vocabulary the bundled MiniLM sentence model was trained with (its
 * WordPiece tokenizer, shipped in the same Maven artifact). A word found here is a word the shopper meant, never a typo
 * of a catalog word one letter away: "done deal" is no "teal", "I'll bite" no "kite", "my life" no "wife". A misspelling
 * ("raquet", "balck", "hoodei") is not here and may still be read as the catalog word it is near (issue 14: references
 * are never made by correcting ordinary words into catalog words).
 *
 * <p>Read from the model's own tokenizer rather than a word list of our own: it is the English the understanding already
 * rests on, it ships in an artifact we depend on, and it needs no list kept here.
 */
public final class EnglishWords {

    public static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    private static final Set<String> WORDS = load();

    private EnglishWords() {
    }

    /** Whether {@code word} (lower case) is a whole word of the model's English vocabulary. */
    public static boolean contains(String word) {
        return WORDS.contains(word);
    }

    private static Set<String> load() {
        try (InputStream in = Objects.requireNonNull(EnglishWords.class.getClassLoader().getResourceAsStream(TOKENIZER), TOKENIZER)) {
            JsonNode vocab = JsonMapper.builder().build().readTree(in).path("model").path("vocab");
            Set<String> words = new HashSet<>();
            for (String token : vocab.propertyNames()) {
                if (token.length() >= 3 && token.chars().allMatch(Character::isLetter)) {
                    words.add(token); // not "##ing" (a piece of a word), not "[CLS]", no digits
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TOKENIZER, e);
        }
    }
}
