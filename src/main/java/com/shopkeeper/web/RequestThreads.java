package com.shopkeeper.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * HTTP requests run on Tomcat's pool of platform threads ({@code server.tomcat.threads.*}), while the
 * rest of the application keeps {@code spring.threads.virtual.enabled}'s virtual threads.
 *
 * <p>With a new virtual thread per request, every thread-local cache a library keeps is built again
 * for each request. Tink builds a {@code SecureRandom} per thread for the queue's sealing (and looks
 * for Conscrypt with a {@code Class.forName} that fails, scans the jar and holds the class loader's
 * lock while it does), so at saturation webhook threads queued on that lock. Request work is short
 * and CPU-bound (a signature, a form, a few Redis commands) or waits in SQLite's native code, which
 * pins a virtual thread's carrier anyway. Measured with {@code bench/bench.sh} part 1 on 2 cores: 4,100-4,300
 * signed webhooks/s with virtual threads, 5,300-7,200 with this pool (docs/messaging.md).
 * {@code shopkeeper.web.virtual-request-threads=true} goes back to virtual threads.
 */
@Component
class RequestThreads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final WebProperties props;

    RequestThreads(WebProperties props) {
        this.props = props;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        if (!props.virtualRequestThreads()) {
            // No executor of its own: Tomcat builds its platform pool at start (the virtual-thread
            // customizer, which runs before this one, had set a VirtualThreadExecutor).
            factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(null));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
