package com.shopkeeper.messaging;

import java.util.ArrayList;
import java.util.List;

/** What the bot answers: text, optionally with media (product pictures). */
public record Reply(String text, List<String> mediaUrls) {

    public Reply {
        text = text == null ? "" : text;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }

    /**
     * The text cut into pieces of at most {@code max} characters, at a line break where there is
     * one, else at a space, else hard: a platform that limits bodies (Twilio: 1,600) sends each in turn.
     */
    public static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut <= 0) {
                // No boundary at all: never split a surrogate pair.
                cut = Character.isLowSurrogate(rest.charAt(max)) ? max - 1 : max;
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            } else {
                out.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut + 1);
            }
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(rest);
        }
        return out;
    }
}
