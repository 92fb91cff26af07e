package com.shopkeeper.monitor;

import com.shopkeeper.web.EventStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class MonitorConfig {

    @Bean
    RedisMessageListenerContainer liveFeedListener(RedisConnectionFactory redis, LiveFeed feed) {
        return EventStreams.orderedRelay(redis, feed, LiveFeed.CHANNEL, "live-feed-relay");
    }
}
