package com.shopkeeper.payment.sandbox;

import com.shopkeeper.messaging.RealPlatform;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why the start was refused and what to set, instead of a stack trace (META-INF/spring.factories). */
class SandboxFailureAnalyzer extends AbstractFailureAnalyzer<SandboxBesideRealPlatformException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SandboxBesideRealPlatformException cause) {
        String platforms = cause.platforms().stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)
                + " (" + p.property() + ")").collect(Collectors.joining(", "));
        return new FailureAnalysis(
                "Refusing to start: a real messaging platform is configured, " + platforms + ", and no payment "
                        + "provider is set, so the sandbox would be used. Its pay page marks an order PAID when "
                        + "the shopper presses Pay, with no money taken: every real shopper could pay for nothing.",
                "Set shopkeeper.payment.provider=stripe (with its keys) to take real payments, or set "
                        + "shopkeeper.payment.provider=sandbox to run the sandbox beside a real platform on purpose "
                        + "(a demo).",
                cause);
    }
}
