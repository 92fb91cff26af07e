package com.shopkeeper.queue;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;

/**
 * One shard of the queue: a list of its own with its own processing lists, locks, retries, bursts
 * and dead letters, every key of it under one hash tag, so that each script stays in one slot and a
 * Redis Cluster can put each shard on a different node. A shopper always lands in the same shard
 * ({@link #of}), so one shopper's messages keep their order and their lock in one place.
 *
 * <p>With one shard (the default) the keys are the specification's: the list {@code message_queue}
 * and {@code {message_queue}:...} beside it. With {@code n} shards, shard {@code i} is tagged
 * {@code message_queue:<t>}, with {@code t} the first number whose hash slot falls in the
 * {@code i}-th {@code n}-th of the 16384 slots: a cluster whose masters split the slots evenly (as
 * {@code redis-cli --cluster create} does) then holds one shard per master when {@code n} is their
 * number, rather than wherever the hashes of {@code :1}, {@code :2}... happen to fall.
 *
 * @param index its number, 0 to n-1
 * @param queue the list the gateway pushes to and workers take from
 * @param prefix what every other key of the shard starts with: {@code {<tag>}:}
 */
record Shard(int index, String queue, String prefix) {

    static final String TAG = "message_queue";
    private static final int SLOTS = ClusterSlotHashUtil.SLOT_COUNT;

    /** The {@code n} shards of a queue, in order. */
    static List<Shard> all(int n) {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("shopkeeper.queue.shards must be between 1 and 1024, not " + n);
        }
        if (n == 1) {
            return List.of(new Shard(0, TAG, "{" + TAG + "}:"));
        }
        return IntStream.range(0, n).mapToObj(i -> {
            int from = (int) ((long) i * SLOTS / n);
            int to = (int) ((long) (i + 1) * SLOTS / n);
            for (int t = 0; ; t++) {
                String tag = TAG + ":" + t;
                int slot = ClusterSlotHashUtil.calculateSlot(tag);
                if (slot >= from && slot < to) {
                    return new Shard(i, tag, "{" + tag + "}:");
                }
            }
        }).toList();
    }

    /** The shard of a shopper (their keyed hash, as items carry it), among {@code shards}. */
    static Shard of(String shopperKey, List<Shard> shards) {
        return shards.get(Math.floorMod(shopperKey.hashCode(), shards.size()));
    }

    String locks() {
        return prefix + "locks";
    }

    String delayed() {
        return prefix + "delayed";
    }

    String gathering() {
        return prefix + "gathering";
    }

    String dead() {
        return prefix + "dead";
    }

    String fence() {
        return prefix + "fence";
    }

    /** Instances that took something here (the reaper's list of whom to look at). */
    String holders() {
        return prefix + "holders";
    }

    /** Every worker instance's latest heartbeat (Redis's clock, ms); each shard keeps its own. */
    String instances() {
        return prefix + "instances";
    }

    /** Present while reapers watch this shard's heartbeats (see reap.lua). */
    String reaperWatch() {
        return prefix + "reaper-watch";
    }

    /** The prefix of a shopper's parked messages ({@code <prefix>pending:<shopper>}). */
    String pending() {
        return prefix + "pending:";
    }

    String processing(String instance) {
        return prefix + "processing:" + instance;
    }

    String held(String instance) {
        return prefix + "held:" + instance;
    }

    /** This second's count for the global limit, when the shard keeps its own share of it (cluster). */
    String global(long second) {
        return prefix + "global:" + second;
    }
}
