package com.shopkeeper.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.messaging.InboundMessage;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps personal data out of Redis in plaintext: a queued message's sender, name, text and media
 * are sealed with the same Tink keys as the database's columns, and the keys the queue and the
 * rate limits are looked up by are keyed hashes ({@link FieldCipher#pseudonym}) of the address.
 */
@Component
class QueueSeal {

    private final FieldCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    QueueSeal(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * What is sealed: the message less what the queue reads in the clear. {@code o}: a catalog
     * order's lines (absent from items queued before there were any, read as none).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Payload(String a, String n, String t, List<InboundMessage.Media> m, String c, List<InboundMessage.OrderLine> o) {
    }

    String seal(InboundMessage message) {
        return cipher.seal(SensitiveField.QUEUE_MESSAGE,
                json.writeValueAsString(new Payload(message.shopperAddress(), message.name(), message.text(), message.media(),
                        message.choice(), message.order())));
    }

    /** The message an item carries. */
    InboundMessage open(QueueItem item) {
        Payload payload = json.readValue(cipher.open(SensitiveField.QUEUE_MESSAGE, item.x()), Payload.class);
        return new InboundMessage(item.p(), item.mid(), payload.a(), payload.n(), payload.t(), payload.m(), payload.c(),
                payload.o());
    }

    /** What one shopper's messages are ordered and locked by: their platform and address, hashed. */
    String shopperKey(String platform, String address) {
        return cipher.pseudonym(platform + "|" + address);
    }

    /** {@code rate_limit:<keyed hash of the address>}: the specification's per-shopper limit, without the number. */
    String rateLimitKey(String address) {
        return "rate_limit:" + cipher.pseudonym(address);
    }
}
