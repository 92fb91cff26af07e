package com.shopkeeper.payment.sandbox;

import com.shopkeeper.messaging.RealPlatform;
import java.util.List;

/**
 * The sandbox was chosen by default (no {@code shopkeeper.payment.provider}) while a real
 * messaging platform is configured: real shoppers would get a pay page whose button marks their
 * order PAID with no money taken. Refused at start-up ({@link SandboxFailureAnalyzer} says why).
 */
class SandboxBesideRealPlatformException extends RuntimeException {

    private final List<RealPlatform> platforms;

    SandboxBesideRealPlatformException(List<RealPlatform> platforms) {
        super("the sandbox payment provider was chosen by default beside " + platforms);
        this.platforms = List.copyOf(platforms);
    }

    List<RealPlatform> platforms() {
        return platforms;
    }
}
