package com.shopkeeper.messaging.simulator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shopkeeper.simulator.enabled", havingValue = "true", matchIfMissing = true)
class SimulatorConfig {

    @Bean
    RedisMessageListenerContainer simulatorReplies(RedisConnectionFactory redis, SimulatorStreams streams) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener(streams, new ChannelTopic(SimulatorPlatform.CHANNEL));
        return container;
    }
}
