package com.shopkeeper.monitor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class MonitorConfig {

    @Bean
    RedisMessageListenerContainer liveFeedListener(RedisConnectionFactory redis, LiveFeed feed) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener(feed, new ChannelTopic(LiveFeed.CHANNEL));
        return container;
    }
}
