package com.shopkeeper.messaging;

/**
 * A platform refused a message, or could not be reached after the retries it allows.
 *
 * @see #errorCode() the platform's own error code (Twilio 63016, Meta 131047...), when it gave one
 * @see #outsideWindow() whether the refusal was for the 24-hour customer service window
 */
public class PlatformSendException extends RuntimeException {

    private final Integer httpStatus;
    private final String errorCode;
    private final boolean outsideWindow;

    public PlatformSendException(String message, Integer httpStatus, String errorCode, boolean outsideWindow,
                                 Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.outsideWindow = outsideWindow;
    }

    public PlatformSendException(String message, Throwable cause) {
        this(message, null, null, false, cause);
    }

    /** The HTTP status the platform answered, or null when it could not be reached. */
    public Integer httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The platform refused a free-form message because the shopper's last message is older than 24 hours. */
    public boolean outsideWindow() {
        return outsideWindow;
    }

    /** Worth sending again later: the platform was unreachable, throttled or failing, not refusing. */
    public boolean transientFailure() {
        return httpStatus == null || httpStatus == 429 || httpStatus >= 500;
    }
}
