package com.shopkeeper.messaging.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled              unset: on only when no real messaging platform is configured;
 *                             {@code true} turns it on beside one (a demo), {@code false} off
 * @param perClientPerMinute   beside a real platform: requests (messages and stream opens) one
 *                             client address may make in a minute, across instances
 * @param globalPerMinute      beside a real platform: requests all clients together may make in a minute
 * @param maxStreams           open chat streams per instance; more are refused (429)
 * @param streamIdleTimeout    a stream with no message and no reply for this long is closed (the
 *                             page opens it again when its shopper next writes)
 */
@ConfigurationProperties("shopkeeper.simulator")
record SimulatorProperties(Boolean enabled,
                           @DefaultValue("30") int perClientPerMinute,
                           @DefaultValue("300") int globalPerMinute,
                           @DefaultValue("100") int maxStreams,
                           @DefaultValue("10m") Duration streamIdleTimeout) {
}
