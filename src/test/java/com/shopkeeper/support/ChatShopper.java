package com.shopkeeper.support;

import java.util.List;

/** A shopper on a WhatsApp platform (Twilio, the Cloud API): what the journeys need, whichever it is. */
public interface ChatShopper {

    /** Sends one message and waits for the bot's answer(s) to it, joined by new lines. */
    default String say(String text) {
        int before = replies().size();
        send(text);
        return awaitAfter(before, "a reply to \"" + text + "\"");
    }

    /** Sends one message (200 expected) without waiting for an answer. */
    void send(String text);

    /** Posts the last message again, same platform id: what the platform does when it retries. */
    void resend();

    /** Everything the bot sent this shopper so far. */
    List<String> replies();

    /** Waits until the bot has sent more than {@code before} messages; answers the new ones. */
    default String awaitAfter(int before, String what) {
        List<String> sent = Eventually.until(() -> {
            List<String> all = replies();
            return all.size() > before ? all : null;
        }, what);
        return String.join("\n", sent.subList(before, sent.size()));
    }

    /** The shopper's number in E.164 ("+15551234567"): how the shop stores them. */
    String e164();

    /** The platform's id of each message the bot sent this shopper, in order. */
    List<String> sentIds();

    /** Posts a delivery status of a message the bot sent, as the platform reports it; answers the HTTP status. */
    int reportStatus(String platformMessageId, String status, Integer errorCode);
}
