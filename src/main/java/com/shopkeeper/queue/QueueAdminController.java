package com.shopkeeper.queue;

import com.shopkeeper.admin.Role;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.shopper.Shopper;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The queue for the shop owner: depth and counts, the dead letters (read: any token) and their
 * replay (ADMIN), and the messages dropped by the rate limits.
 */
@RestController
@RequestMapping("/api/admin/queue")
class QueueAdminController {

    private final MessageQueue queue;

    QueueAdminController(MessageQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    Map<String, Long> stats() {
        return queue.stats();
    }

    @GetMapping("/dead")
    List<DeadLetter> dead(@RequestParam(defaultValue = "100") int limit, Authentication caller) {
        boolean admin = isAdmin(caller);
        return queue.deadLetters(Math.clamp(limit, 1, 1000)).stream().map(d -> DeadLetter.of(d, admin)).toList();
    }

    @PostMapping("/dead/replay")
    Map<String, Integer> replay(@RequestParam(required = false) String id) {
        return Map.of("replayed", queue.replayDead(id));
    }

    @GetMapping("/dropped")
    List<DroppedMessage> dropped(@RequestParam(defaultValue = "100") int limit, Authentication caller) {
        boolean admin = isAdmin(caller);
        return queue.droppedEntries(Math.clamp(limit, 1, 1000)).stream().map(d -> DroppedMessage.of(d, admin)).toList();
    }

    /** An ADMIN may need the number to reach the shopper; a VIEWER sees it masked, as in the conversation API. */
    private static boolean isAdmin(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
    }

    private static String addressFor(InboundMessage message, boolean admin) {
        return admin ? message.shopperAddress() : Shopper.mask(message.shopperAddress());
    }

    /** A dead letter as the admin sees it: what, whose, and why. */
    record DeadLetter(String id, String platform, String platformMessageId, String shopper, String text,
                      int attempts, long receivedAt, String error) {
        static DeadLetter of(MessageQueue.Dead dead, boolean admin) {
            QueueItem item = dead.item();
            return new DeadLetter(item.id(), item.p(), item.mid(), addressFor(dead.message(), admin), dead.message().text(),
                    item.att(), item.at(), item.err());
        }
    }

    /** A message a rate limit dropped. */
    record DroppedMessage(String reason, long at, String platform, String platformMessageId, String shopper, String text) {
        static DroppedMessage of(MessageQueue.Dropped dropped, boolean admin) {
            return new DroppedMessage(dropped.reason(), dropped.at(), dropped.item().p(), dropped.item().mid(),
                    addressFor(dropped.message(), admin), dropped.message().text());
        }
    }
}
