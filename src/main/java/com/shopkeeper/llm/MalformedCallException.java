package com.shopkeeper.llm;

/**
 * The model proposed a call that is not one: unknown or unoffered function, arguments off-schema.
 * Its message may quote the model, so it is kept fit for a log line ({@link ModelText}).
 */
public class MalformedCallException extends RuntimeException {

    public MalformedCallException(String message) {
        super(new ModelText(message, 300).toString());
    }
}
