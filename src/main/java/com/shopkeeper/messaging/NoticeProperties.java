package com.shopkeeper.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices (messages the shop sends on its own initiative) are sent.
 *
 * @param serviceWindow how long after a shopper's last message a platform that keeps a window
 *                      (WhatsApp) takes free-form messages: 24 hours
 * @param attempts      tries of a notice the platform could not take (each after the platform's own
 *                      quick retries) before it is recorded as failed
 * @param backoff       the wait before the second try; doubled for each next one
 * @param pollInterval  how often a worker looks for notices due another try
 */
@ConfigurationProperties("shopkeeper.messaging.notices")
public record NoticeProperties(@DefaultValue("24h") Duration serviceWindow,
                               @DefaultValue("6") int attempts,
                               @DefaultValue("30s") Duration backoff,
                               @DefaultValue("5s") Duration pollInterval) {
}
