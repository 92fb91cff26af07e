package com.shopkeeper.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every platform bean, by name: how the core finds one without knowing any. */
@Component
public class Platforms {

    private final Map<String, MessagingPlatform> byName;

    Platforms(List<MessagingPlatform> platforms) {
        this.byName = platforms.stream().collect(Collectors.toUnmodifiableMap(MessagingPlatform::name, Function.identity()));
    }

    public Optional<MessagingPlatform> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public MessagingPlatform get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no messaging platform named " + name));
    }
}
