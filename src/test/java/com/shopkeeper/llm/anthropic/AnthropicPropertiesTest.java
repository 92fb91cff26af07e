package com.shopkeeper.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AnthropicPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AnthropicProperties.class)
    static class Bind {
    }

    @Test
    void defaultsFitTheDefaultModelAndTheKeyNeverPrints() {
        new ApplicationContextRunner().withUserConfiguration(Bind.class)
                .withPropertyValues("shopkeeper.llm.anthropic.api-key=sk-ant-secret")
                .run(ctx -> {
                    AnthropicProperties p = ctx.getBean(AnthropicProperties.class);
                    assertThat(p.model()).isEqualTo("claude-sonnet-4-5");
                    assertThat(p.baseUrl()).isEqualTo("https://api.anthropic.com");
                    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(p.maxRetries()).isEqualTo(3);
                    assertThat(p.maxTokens()).isEqualTo(512);
                    assertThat(p.prices().input()).isEqualByComparingTo("3");
                    assertThat(p.prices().output()).isEqualByComparingTo("15");
                    assertThat(p.prices().cacheWrite()).isEqualByComparingTo("3.75");
                    assertThat(p.prices().cacheRead()).isEqualByComparingTo("0.30");
                    assertThat(p.toString()).doesNotContain("sk-ant-secret").contains("apiKey=****");
                });
    }
}
