package com.shopkeeper.queue;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue for the shop owner: depth and counts, the dead letters (read: any token) and their
 * replay (ADMIN), and the messages dropped by the rate limits.
 */
@RestController
@RequestMapping("/api/admin/queue")
class QueueAdminController {

    private final MessageQueue queue;
    private final JsonMapper json;

    QueueAdminController(MessageQueue queue, JsonMapper json) {
        this.queue = queue;
        this.json = json;
    }

    @GetMapping
    Map<String, Long> stats() {
        return queue.stats();
    }

    @GetMapping("/dead")
    List<DeadLetter> dead(@RequestParam(defaultValue = "100") int limit) {
        return queue.deadLetters(Math.clamp(limit, 1, 1000)).stream().map(DeadLetter::of).toList();
    }

    @PostMapping("/dead/replay")
    Map<String, Integer> replay(@RequestParam(required = false) String id) {
        return Map.of("replayed", queue.replayDead(id));
    }

    @GetMapping("/dropped")
    List<JsonNode> dropped(@RequestParam(defaultValue = "100") int limit) {
        return queue.droppedEntries(Math.clamp(limit, 1, 1000)).stream().map(json::readTree).toList();
    }

    /** A dead letter as the admin sees it: what, whose (the address as stored), and why. */
    record DeadLetter(String id, String platform, String platformMessageId, String shopper, String text,
                      int attempts, long receivedAt, String error) {
        static DeadLetter of(QueueItem item) {
            return new DeadLetter(item.id(), item.p(), item.mid(), item.a(), item.t(), item.att(), item.at(), item.err());
        }
    }
}
