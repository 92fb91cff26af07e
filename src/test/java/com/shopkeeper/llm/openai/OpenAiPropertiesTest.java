package com.shopkeeper.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OpenAiPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OpenAiProperties.class)
    static class Bind {
    }

    @Test
    void defaultsFitTheDefaultModelAndTheKeyNeverPrints() {
        new ApplicationContextRunner().withUserConfiguration(Bind.class)
                .withPropertyValues("shopkeeper.llm.openai.api-key=sk-secret")
                .run(ctx -> {
                    OpenAiProperties p = ctx.getBean(OpenAiProperties.class);
                    assertThat(p.model()).isEqualTo("gpt-4o-mini");
                    assertThat(p.baseUrl()).isEqualTo("https://api.openai.com/v1");
                    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(p.maxRetries()).isEqualTo(3);
                    assertThat(p.prices().input()).isEqualByComparingTo("0.15");
                    assertThat(p.prices().cacheRead()).isEqualByComparingTo("0.075");
                    assertThat(p.prices().cacheWrite()).isEqualByComparingTo("0.15");
                    assertThat(p.prices().output()).isEqualByComparingTo("0.60");
                    assertThat(p.toString()).doesNotContain("sk-secret").contains("apiKey=****");
                });
    }

    @Test
    void aLocalServerNeedsNoKey() {
        new ApplicationContextRunner().withUserConfiguration(Bind.class)
                .withPropertyValues("shopkeeper.llm.openai.base-url=http://localhost:11434/v1")
                .run(ctx -> {
                    OpenAiProperties p = ctx.getBean(OpenAiProperties.class);
                    assertThat(p.hasApiKey()).isFalse();
                    assertThat(p.toString()).contains("apiKey=unset");
                });
    }
}
