package com.shopkeeper.llm;

/**
 * The model could not answer this turn: the provider stayed overloaded or rate limited through every
 * retry, timed out, refused the request or answered something unreadable. The engine answers the
 * shopper "sorry, please try again" and keeps the conversation's state; the reason is for logs and
 * metrics only (a status and an error type, never the prompt, the answer or a key).
 */
public class LlmUnavailableException extends RuntimeException {

    public LlmUnavailableException(String reason) {
        super(reason);
    }

    public LlmUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Short, loggable: e.g. "anthropic: overloaded (529), gave up after 4 attempts". */
    public String reason() {
        return getMessage();
    }
}
