package com.shopkeeper.messaging;

/** The body and content type a webhook answers with, before anything is processed. */
public record WebhookAck(String contentType, String body) {

    public static final WebhookAck EMPTY_JSON = new WebhookAck("application/json", "{}");
    public static final WebhookAck EMPTY_TWIML =
            new WebhookAck("text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
}
