package com.shopkeeper.support;

import java.util.List;

/** A shopper on a WhatsApp platform (Twilio, the Cloud API): what the journeys need, whichever it is. */
public interface ChatShopper {

    /** Sends one message and waits for the bot's answer(s) to it, joined by new lines. */
    String say(String text);

    /** Sends one message (200 expected) without waiting for an answer. */
    void send(String text);

    /** Posts the last message again, same platform id: what the platform does when it retries. */
    void resend();

    /** Everything the bot sent this shopper so far. */
    List<String> replies();

    /** Waits until the bot has sent more than {@code before} messages; answers the new ones. */
    String awaitAfter(int before, String what);

    /** The shopper's number in E.164 ("+15551234567"): how the shop stores them. */
    String e164();

    /** The platform's id of each message the bot sent this shopper, in order. */
    List<String> sentIds();

    /** Posts a delivery status of a message the bot sent, as the platform reports it; answers the HTTP status. */
    int reportStatus(String platformMessageId, String status, Integer errorCode);
}
