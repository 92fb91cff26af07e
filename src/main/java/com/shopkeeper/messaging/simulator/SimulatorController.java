package com.shopkeeper.messaging.simulator;

import com.shopkeeper.config.ConditionalOnRole;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The chat page at {@code /} and its live reply stream ({@code /simulator/events}, server-sent events). */
@RestController
@ConditionalOnRole("gateway")
@ConditionalOnSimulator
class SimulatorController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final SimulatorStreams streams;

    SimulatorController(SimulatorStreams streams) {
        this.streams = streams;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new ClassPathResource("simulator/index.html"));
    }

    @GetMapping(value = "/simulator/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestParam String session) {
        if (!ID.matcher(session).matches()) {
            throw new IllegalArgumentException("session must be 8-64 letters, digits or dashes");
        }
        return streams.openSession(session).orElseThrow(TooManyStreamsException::new);
    }

    /** The stream's own request asks for text/event-stream: the problem is written as it is, not negotiated. */
    @ExceptionHandler(TooManyStreamsException.class)
    void tooManyStreams(HttpServletResponse response) throws IOException {
        SimulatorGuard.problem(response, HttpStatus.TOO_MANY_REQUESTS,
                "Too many chat pages are open on this server; try again in a minute.", Duration.ofSeconds(60));
    }

    static final class TooManyStreamsException extends RuntimeException {
        TooManyStreamsException() {
            super("the simulator's stream cap is reached");
        }
    }
}
