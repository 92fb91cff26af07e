package com.shopkeeper.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param workers         messages one instance processes at once (platform threads; see QueueWorkers)
 * @param takers          threads claiming messages for the workers, each with its own waiting connection
 * @param maxAttempts     processing attempts before a message is dead-lettered
 * @param retryBackoff    the first retry's delay; each further one doubles it
 * @param heartbeat       how often a worker instance says it is alive
 * @param staleAfter      an instance silent this long is presumed dead and its in-flight messages redelivered
 * @param dedupeTtl       how long Redis remembers a platform message id (the database remembers for ever)
 * @param droppedKeep     how many dropped (rate-limited) messages are kept for inspection
 */
@ConfigurationProperties("shopkeeper.queue")
public record QueueProperties(@DefaultValue("32") int workers,
                              @DefaultValue("4") int takers,
                              @DefaultValue("5") int maxAttempts,
                              @DefaultValue("1s") Duration retryBackoff,
                              @DefaultValue("1s") Duration heartbeat,
                              @DefaultValue("15s") Duration staleAfter,
                              @DefaultValue("30d") Duration dedupeTtl,
                              @DefaultValue("10000") int droppedKeep) {
}
