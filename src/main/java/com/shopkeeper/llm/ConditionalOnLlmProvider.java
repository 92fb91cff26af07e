package com.shopkeeper.llm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** On a provider's configuration: active when that provider is the one in use (see {@link LlmProviderCondition}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(LlmProviderCondition.class)
public @interface ConditionalOnLlmProvider {

    /** "offline", "anthropic" or "openai". */
    String value();
}
