package com.shopkeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import java.util.concurrent.Executor;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * The running server takes requests on Tomcat's platform pool although the application enables
 * virtual threads (see {@link RequestThreads}); without the customizer its executor is a
 * {@link VirtualThreadExecutor}.
 */
class RequestThreadsTest extends AppTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void requestsRunOnTomcatsPlatformPool() {
        Executor executor = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler()
                .getExecutor();
        assertThat(executor).isInstanceOf(ThreadPoolExecutor.class).isNotInstanceOf(VirtualThreadExecutor.class);
        assertThat(context.getEnvironment().getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
        // and the pool serves: a request through the real port is answered
        assertThat(http().get("/actuator/health").status()).isEqualTo(200);
        assertThat(((ThreadPoolExecutor) executor).getCompletedTaskCount()).isPositive();
    }
}
