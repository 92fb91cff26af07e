package com.shopkeeper.config;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

public class OnRoleCondition implements Condition {

    static final List<String> ALL = List.of("gateway", "worker");

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String role = (String) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
        return plays(context.getEnvironment(), role);
    }

    /** Whether this instance plays the role ("gateway" or "worker"), for a bean that exists either way. */
    public static boolean plays(org.springframework.core.env.Environment environment, String role) {
        return roles(Binder.get(environment)).contains(role);
    }

    static List<String> roles(Binder binder) {
        List<String> roles = binder.bind("shopkeeper.roles", Bindable.listOf(String.class)).orElse(ALL);
        for (String r : roles) {
            if (!ALL.contains(r.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("shopkeeper.roles: unknown role '" + r + "' (use gateway, worker or both)");
            }
        }
        return roles.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
