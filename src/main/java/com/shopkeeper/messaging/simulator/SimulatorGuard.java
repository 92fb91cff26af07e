package com.shopkeeper.messaging.simulator;

import com.shopkeeper.config.ConditionalOnRole;
import com.shopkeeper.messaging.RealPlatform;
import io.lettuce.core.RedisException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the simulator's two ways in, its messages ({@code POST /webhook/web}) and its
 * streams ({@code GET /simulator/events}), ahead of the webhook gateway. Beside a real platform
 * the simulator is a public door into the engine, so there every request is counted against the
 * simulator's own limits ({@link SimulatorLimits}; 429 with {@code Retry-After} beyond them), which
 * keep it from spending the real shoppers' share of the queue and the global limit. A message also
 * marks its session's stream as active ({@link SimulatorStreams}).
 *
 * <p>The client is the request's remote address: behind a proxy, set
 * {@code server.forward-headers-strategy=native} so that it is the shopper's, not the proxy's.
 */
@Component
@ConditionalOnRole("gateway")
@ConditionalOnSimulator
class SimulatorGuard extends OncePerRequestFilter implements Ordered {

    static final String WEBHOOK = "/webhook/web";
    static final String EVENTS = "/simulator/events";
    private static final Logger log = LoggerFactory.getLogger(SimulatorGuard.class);

    private final SimulatorLimits limits;
    private final SimulatorStreams streams;
    private final boolean limited;

    SimulatorGuard(SimulatorLimits limits, SimulatorStreams streams, Environment env) {
        this.limits = limits;
        this.streams = streams;
        this.limited = !RealPlatform.configured(env).isEmpty();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // ahead of the webhook gateway, which answers /webhook/web itself
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !("POST".equals(request.getMethod()) && WEBHOOK.equals(uri))
                && !("GET".equals(request.getMethod()) && EVENTS.equals(uri));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (limited) {
            SimulatorLimits.Verdict verdict;
            try {
                verdict = limits.take(request.getRemoteAddr());
            } catch (DataAccessException | RedisException e) {
                log.warn("simulator: the rate limits are unavailable ({}); answered 503", e.getClass().getSimpleName());
                problem(response, HttpStatus.SERVICE_UNAVAILABLE, "The chat simulator cannot take requests this moment.",
                        Duration.ofSeconds(5));
                return;
            }
            if (verdict.outcome() != SimulatorLimits.Outcome.TAKEN) {
                problem(response, HttpStatus.TOO_MANY_REQUESTS, verdict.outcome() == SimulatorLimits.Outcome.CLIENT_LIMITED
                        ? "Too many chat simulator requests from this address; wait a moment."
                        : "The chat simulator is busy; wait a moment.", verdict.retryAfter());
                return;
            }
        }
        if ("POST".equals(request.getMethod())) {
            String session = request.getHeader(SimulatorPlatform.SESSION_HEADER);
            if (session != null) {
                streams.touch(session);
            }
        }
        chain.doFilter(request, response);
    }

    /** A problem detail written here and now: these answers come before (or instead of) Spring MVC. */
    static void problem(HttpServletResponse response, HttpStatus status, String detail, Duration retryAfter)
            throws IOException {
        String json = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
