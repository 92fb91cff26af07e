package com.shopkeeper.messaging;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The messaging platforms that reach real shoppers (the chat simulator is not one), each with the
 * setting that turns it on. What is closed by default keys off these: the simulator is on only
 * when none is configured, and the sandbox's pay page must be asked for beside one.
 */
public enum RealPlatform {

    TWILIO("shopkeeper.twilio.account-sid"),
    META("shopkeeper.meta.phone-number-id");

    private final String property;

    RealPlatform(String property) {
        this.property = property;
    }

    /** The setting whose presence means the platform is configured. */
    public String property() {
        return property;
    }

    /** The real platforms configured in this environment (relaxed binding: env variables count). */
    public static List<RealPlatform> configured(Environment env) {
        Binder binder = Binder.get(env);
        return Arrays.stream(values())
                .filter(p -> !binder.bind(p.property, Bindable.of(String.class)).orElse("").isBlank())
                .toList();
    }
}
