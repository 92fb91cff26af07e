package com.shopkeeper.llm;

/**
 * The model call was given up because the thread asking was interrupted: its instance is stopping
 * and has already handed the turn back to the queue. Nothing is known about what the model would
 * have answered, so this is not {@link LlmUnavailableException}: the turn must not be answered
 * ("sorry, send that again") by the departing instance, it is taken up again by another one.
 */
public class LlmCallInterruptedException extends RuntimeException {

    public LlmCallInterruptedException(String provider, Throwable cause) {
        super(provider + ": interrupted (the instance is stopping)", cause);
    }
}
