package com.shopkeeper.monitor;

import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.conversation.TransitionTable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/statemachine")
@Tag(name = "Conversations")
class MachineController {

    static final Duration MAX_WINDOW = Duration.ofDays(31);

    private final ConversationRepository conversations;
    private final TransitionLog transitions;
    private final Clock clock;

    MachineController(ConversationRepository conversations, TransitionLog transitions, Clock clock) {
        this.conversations = conversations;
        this.transitions = transitions;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "The conversation state machine as data, straight from its transition table "
            + "(the source of statemachine-diagrams/)")
    MachineView machine() {
        return MachineView.of(TransitionTable.rows());
    }

    @GetMapping("/activity")
    @Operation(summary = "Conversations in each state now, and the traffic along each edge over a window")
    Activity activity(@RequestParam(defaultValue = "PT1H") @Parameter(description =
            "an ISO-8601 duration up to 31 days: PT15M, PT1H, P1D") String window) {
        Duration span = window(window);
        Instant to = clock.instant();
        Instant from = to.minus(span);
        var edges = transitions.countsBetween(from, to).stream()
                .map(c -> new Activity.Edge(c.from().name(), c.event(),
                        (c.outcome() == Transition.Outcome.REFUSED ? Activity.triedTarget(c.from(), c.event()) : c.to()).name(),
                        c.outcome().name(), c.reason(), c.count(), Activity.perMinute(c.count(), span)))
                .sorted(Comparator.comparing(Activity.Edge::count).reversed())
                .toList();
        return new Activity(from, to, span.toSeconds(), conversations.countByState(), edges);
    }

    private static Duration window(String value) {
        Duration span;
        try {
            span = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'window' must be an ISO-8601 duration such as PT1H or P1D");
        }
        if (span.isNegative() || span.isZero() || span.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("'window' must be more than zero and at most 31 days");
        }
        return span;
    }
}
