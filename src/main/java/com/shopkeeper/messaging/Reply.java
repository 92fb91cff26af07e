package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Choices;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bot answers: text, optionally with media (product pictures) and with options to tap
 * ({@link Choices}; null for none). The text always stands on its own: a platform without buttons
 * or lists sends it as it is.
 */
public record Reply(String text, List<String> mediaUrls, Choices choices) {

    public Reply {
        text = text == null ? "" : text;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    public Reply(String text, List<String> mediaUrls) {
        this(text, mediaUrls, null);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }

    /**
     * What goes with the buttons or list where a platform shows them: the choices' own short body
     * when they have one (a list says in rows what the text numbers), else the text.
     */
    public String interactiveBody() {
        return choices != null && choices.body() != null && !choices.body().isBlank() ? choices.body() : text;
    }

    public Reply withChoices(Choices offered) {
        return new Reply(text, mediaUrls, offered);
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
