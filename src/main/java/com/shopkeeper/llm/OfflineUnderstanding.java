package com.shopkeeper.llm;

/**
 * The understanding that needs no outside service: what a turn falls back on when the configured
 * model cannot answer it (it timed out, is unreachable, or proposed a call that is not one). Issue
 * 14, item 6: degrade, don't stop.
 */
public interface OfflineUnderstanding {

    /** The offline provider's answer to the same request the model was given. */
    LlmReply understand(LlmRequest request);
}
