package com.shopkeeper.llm;

/** The model proposed a call that is not one: unknown or unoffered function, arguments off-schema. */
public class MalformedCallException extends RuntimeException {

    public MalformedCallException(String message) {
        super(message);
    }
}
