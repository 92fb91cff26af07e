package com.shopkeeper.messaging;

import java.util.List;

/**
 * A notice as the shopper reads it: the free-form text sent inside the 24-hour window, and the
 * variables an approved template of it is filled with outside the window (in order: {{1}}, {{2}}...).
 */
public record NoticeText(Notice notice, String text, List<String> variables) {

    public NoticeText {
        variables = List.copyOf(variables);
    }
}
