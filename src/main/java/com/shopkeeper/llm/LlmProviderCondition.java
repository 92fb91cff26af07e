package com.shopkeeper.llm;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches the provider in use: {@code shopkeeper.llm.provider} when set; otherwise {@code anthropic}
 * when an Anthropic key is configured, {@code openai} when an OpenAI key is, else {@code offline}
 * (the bot runs with no key at all).
 */
class LlmProviderCondition extends SpringBootCondition {

    static String effectiveProvider(Environment env) {
        String chosen = env.getProperty("shopkeeper.llm.provider");
        if (chosen != null && !chosen.isBlank()) {
            return chosen.strip().toLowerCase(java.util.Locale.ROOT);
        }
        if (hasText(env.getProperty("shopkeeper.llm.anthropic.api-key"))) {
            return "anthropic";
        }
        if (hasText(env.getProperty("shopkeeper.llm.openai.api-key"))) {
            return "openai";
        }
        return "offline";
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attrs = metadata.getAnnotationAttributes(ConditionalOnLlmProvider.class.getName());
        String wanted = (String) attrs.get("value");
        String effective = effectiveProvider(context.getEnvironment());
        return effective.equals(wanted)
                ? ConditionOutcome.match("LLM provider is " + effective)
                : ConditionOutcome.noMatch("LLM provider is " + effective + ", not " + wanted);
    }
}
