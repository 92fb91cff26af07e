package com.shopkeeper.support;

import java.util.List;

/** A shopper on a WhatsApp platform (Twilio, the Cloud API): what the journeys need, whichever it is. */
public interface ChatShopper {

    /** Sends one message and waits for the bot's answer(s) to it, joined by new lines. */
    default String say(String text) {
        int before = replies().size();
        send(text);
        awaitAfter(before, "a reply to \"" + text + "\"");
        return settled(before);
    }

    /**
     * The messages since {@code before}, once no more has come for a moment: one answer can be two
     * messages (a product's picture, then its buttons), and the next message must not be taken for
     * the answer to the next one.
     */
    default String settled(int before) {
        int seen = replies().size();
        for (int quiet = 0; quiet < 3; ) {
            Eventually.settle(java.time.Duration.ofMillis(60));
            int now = replies().size();
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }
        List<String> all = replies();
        return String.join("\n", all.subList(before, all.size()));
    }

    /** A button or list row a message offered: its id, its title as shown, and whether it is a list row. */
    record Offered(String id, String title, boolean row) {
    }

    /** The buttons or list rows each message the bot sent offered, in order (empty for a plain message). */
    List<List<Offered>> offered();

    /** Taps an option as the platform reports it (its id beside its title), 200 expected, without waiting. */
    void sendTap(Offered option);

    /**
     * Taps the option whose title starts with {@code title} in the latest message that offers one,
     * and waits for the answer.
     */
    default String tap(String title) {
        List<List<Offered>> all = offered();
        for (int i = all.size() - 1; i >= 0; i--) {
            for (Offered o : all.get(i)) {
                if (o.title().startsWith(title)) {
                    int before = replies().size();
                    sendTap(o);
                    awaitAfter(before, "a reply to the tap on \"" + title + "\"");
                    return settled(before);
                }
            }
        }
        throw new AssertionError("no message offered \"" + title + "\" to tap; offered: " + all);
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
