package com.shopkeeper.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * A bean that exists only on instances that play this role: {@code shopkeeper.roles=gateway,worker}
 * (the default, both). A gateway instance takes webhooks and serves pages; a worker processes the queue.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    /** "gateway" or "worker". */
    String value();
}
