package com.shopkeeper.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param workers          messages one instance processes at once (platform threads; see QueueWorkers)
 * @param takers           threads claiming messages for the workers, each with its own waiting connection
 * @param maxAttempts      processing attempts before a message is dead-lettered
 * @param retryBackoff     the first retry's delay; each further one doubles it
 * @param heartbeat        how often a worker instance says it is alive
 * @param staleAfter       an instance silent this long is presumed dead and what it holds is handed back
 * @param dedupeTtl        how long Redis remembers a platform message id (the turn ledger remembers for ever)
 * @param droppedKeep      how many dropped (rate-limited) messages are kept for inspection
 * @param maxDepth         back-pressure: with this many messages waiting, the gateway answers 503 and
 *                         Retry-After instead of taking more (size it as the workers' drain rate times
 *                         the longest wait a shopper should see)
 * @param retryAfter       what such a 503 tells the platform to wait
 * @param deadRetention    dead letters older than this are forgotten (they hold personal data)
 * @param droppedRetention dropped messages older than this are forgotten
 * @param drainTimeout     how long a stopping instance lets its turns in flight finish before it hands
 *                         them back to the queue (keep it under the platform's grace period, e.g.
 *                         Kubernetes' terminationGracePeriodSeconds, less a few seconds)
 * @param shards           how many shards the queue is split into by shopper ({@link Shard}): 1 on one
 *                         Redis; on a Redis Cluster, one per master (or a multiple) spreads the queue's
 *                         load over them. Change it only with the queue drained.
 */
@ConfigurationProperties("shopkeeper.queue")
public record QueueProperties(@DefaultValue("32") int workers,
                              @DefaultValue("4") int takers,
                              @DefaultValue("5") int maxAttempts,
                              @DefaultValue("1s") Duration retryBackoff,
                              @DefaultValue("1s") Duration heartbeat,
                              @DefaultValue("15s") Duration staleAfter,
                              @DefaultValue("30d") Duration dedupeTtl,
                              @DefaultValue("10000") int droppedKeep,
                              @DefaultValue("20000") int maxDepth,
                              @DefaultValue("5s") Duration retryAfter,
                              @DefaultValue("14d") Duration deadRetention,
                              @DefaultValue("7d") Duration droppedRetention,
                              @DefaultValue("20s") Duration drainTimeout,
                              @DefaultValue("1") int shards) {
}
