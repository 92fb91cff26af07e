package com.shopkeeper.messaging.simulator;

import com.shopkeeper.messaging.RealPlatform;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The simulator is public and unauthenticated: anyone who reaches it drives the engine (spending
 * model tokens) as a shopper they invent. So it is on by default only where it is the one way in
 * (no real platform configured: the out-of-the-box run, a demo); beside a real platform only when
 * {@code shopkeeper.simulator.enabled=true} asks for it, and then with limits of its own
 * ({@link SimulatorGuard}). {@code false} turns it off everywhere.
 */
class OnSimulatorCondition extends SpringBootCondition {

    static final String ENABLED = "shopkeeper.simulator.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        Boolean explicit = Binder.get(env).bind(ENABLED, Boolean.class).orElse(null);
        if (explicit != null) {
            return explicit ? ConditionOutcome.match(ENABLED + " is true") : ConditionOutcome.noMatch(ENABLED + " is false");
        }
        List<RealPlatform> real = RealPlatform.configured(env);
        return real.isEmpty()
                ? ConditionOutcome.match("no real messaging platform is configured")
                : ConditionOutcome.noMatch(real + " is configured and " + ENABLED + " is not set");
    }
}
