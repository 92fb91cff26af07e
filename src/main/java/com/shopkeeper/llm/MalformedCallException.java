package com.shopkeeper.llm;

/**
 * The model proposed a call that is not one: unknown or unoffered function, arguments off-schema.
 * Its message may quote the model, so it is kept fit for a log line ({@link ModelText}).
 */
public class MalformedCallException extends RuntimeException {

    public MalformedCallException(String message) {
        super(new ModelText(message, 300).toString());
    }

    /** A count out of the range a call allows ("30 units" where the most is 99): the shopper is told the range. */
    public static final class OutOfRange extends MalformedCallException {
        public OutOfRange(String message) {
            super(message);
        }
    }
}
