package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.llm.anthropic.AnthropicLlmProvider;
import com.shopkeeper.llm.openai.OpenAiLlmProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Which network provider bean exists, by {@code shopkeeper.llm.provider} and by which key is set. */
class LlmProviderSelectionTest {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan({"com.shopkeeper.llm.anthropic", "com.shopkeeper.llm.openai"})
    @ConfigurationPropertiesScan({"com.shopkeeper.llm.anthropic", "com.shopkeeper.llm.openai"})
    static class NetworkProviders {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(NetworkProviders.class);

    @Test
    void anthropicWhenChosen() {
        context.withPropertyValues("shopkeeper.llm.provider=anthropic", "shopkeeper.llm.anthropic.api-key=sk-ant-x",
                        "shopkeeper.llm.openai.api-key=sk-x")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(LlmProvider.class).hasSingleBean(AnthropicLlmProvider.class);
                    assertThat(ctx.getBean(LlmProvider.class).name()).isEqualTo("anthropic");
                });
    }

    @Test
    void openAiWhenChosenEvenWithoutAKeyForALocalServer() {
        context.withPropertyValues("shopkeeper.llm.provider=openai",
                        "shopkeeper.llm.openai.base-url=http://localhost:11434/v1", "shopkeeper.llm.openai.model=llama3.2")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(OpenAiLlmProvider.class)
                        .doesNotHaveBean(AnthropicLlmProvider.class));
    }

    @Test
    void anthropicKeyAloneChoosesAnthropic() {
        context.withPropertyValues("shopkeeper.llm.anthropic.api-key=sk-ant-x")
                .run(ctx -> assertThat(ctx).hasSingleBean(AnthropicLlmProvider.class)
                        .doesNotHaveBean(OpenAiLlmProvider.class));
    }

    @Test
    void openAiKeyAloneChoosesOpenAi() {
        context.withPropertyValues("shopkeeper.llm.openai.api-key=sk-x")
                .run(ctx -> assertThat(ctx).hasSingleBean(OpenAiLlmProvider.class)
                        .doesNotHaveBean(AnthropicLlmProvider.class));
    }

    @Test
    void noNetworkProviderOfflineOrWithoutKeys() {
        context.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LlmProvider.class));
        context.withPropertyValues("shopkeeper.llm.provider=offline", "shopkeeper.llm.anthropic.api-key=sk-ant-x")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LlmProvider.class));
    }

    @Test
    void anthropicChosenWithoutAKeyFailsAtStartNamingTheSetting() {
        context.withPropertyValues("shopkeeper.llm.provider=anthropic")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("shopkeeper.llm.anthropic.api-key"));
    }
}
