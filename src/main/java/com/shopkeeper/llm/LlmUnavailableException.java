package com.shopkeeper.llm;

/** The model could not answer (timeouts, retries exhausted): the engine apologises and keeps the state. */
public class LlmUnavailableException extends RuntimeException {

    public LlmUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public LlmUnavailableException(String reason) {
        super(reason);
    }
}
