package com.shopkeeper.monitor;

import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;

@Configuration(proxyBeanMethods = false)
class MonitorConfig {

    @Bean
    RedisMessageListenerContainer liveFeedListener(RedisConnectionFactory redis, LiveFeed feed) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // One thread hands messages on in the order Redis delivered them (the default starts a
        // thread per message, and steps or replies could overtake each other).
        container.setTaskExecutor(new ConcurrentTaskExecutor(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("live-feed-relay").daemon(true).factory())));
        container.addMessageListener(feed, new ChannelTopic(LiveFeed.CHANNEL));
        return container;
    }
}
