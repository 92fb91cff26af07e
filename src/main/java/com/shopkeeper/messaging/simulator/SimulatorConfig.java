package com.shopkeeper.messaging.simulator;

import com.shopkeeper.web.EventStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
class SimulatorConfig {

    @Bean
    RedisMessageListenerContainer simulatorReplies(RedisConnectionFactory redis, SimulatorStreams streams) {
        return EventStreams.orderedRelay(redis, streams, SimulatorPlatform.CHANNEL, "simulator-relay");
    }
}
