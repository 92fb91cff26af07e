package com.shopkeeper.monitor;

import com.shopkeeper.conversation.Handoffs;
import com.shopkeeper.web.ConflictException;
import java.security.Principal;
import com.shopkeeper.conversation.State;
import com.shopkeeper.messaging.Notice;
import com.shopkeeper.messaging.NoticeText;
import com.shopkeeper.messaging.OutboundLog;
import com.shopkeeper.messaging.ShopperMessenger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import com.shopkeeper.web.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/conversations")
@Tag(name = "Conversations", description = "What shoppers and the bot said, and the path each conversation took")
class ConversationAdminController {

    private final ConversationDirectory directory;

    private final ShopperMessenger messenger;
    private final OutboundLog outbound;

    private final Handoffs handoffs;

    ConversationAdminController(ConversationDirectory directory, ShopperMessenger messenger, OutboundLog outbound,
                                Handoffs handoffs) {
        this.handoffs = handoffs;
        this.directory = directory;
        this.messenger = messenger;
        this.outbound = outbound;
    }

    /** What a person from the shop writes to the shopper. */
    record AdminMessage(@NotBlank @Size(max = 1000) String text) {
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send the shopper a message from a person at the shop (ADMIN). Free-form inside WhatsApp's "
            + "24-hour window; outside it the 'admin' template ({{1}} = the text) when one is configured, else it is "
            + "refused on record. Answers how it went.")
    OutboundLog.Entry message(@PathVariable String id, @Valid @RequestBody AdminMessage message, Principal admin) {
        directory.requireExists(id);
        messenger.tell(id, new NoticeText(Notice.ADMIN, message.text().strip(), List.of(message.text().strip())));
        handoffs.personWrote(id, admin.getName());
        return outbound.of(id, 1).getFirst();
    }

    /** Where a conversation stands after a person took it or gave it back. */
    record HandoffState(String id, State state) {
    }

    @PostMapping("/{id}/takeover")
    @Operation(summary = "Take the conversation over (ADMIN): it moves to HANDOFF, where the bot stays quiet and the "
            + "shopper's messages wait for a person; write to them with POST /{id}/messages.")
    HandoffState takeOver(@PathVariable String id, Principal admin) {
        directory.requireExists(id);
        return new HandoffState(id, handoffs.takeOver(id, admin.getName()));
    }

    @PostMapping("/{id}/handback")
    @Operation(summary = "Hand the conversation back to the bot (ADMIN), in the state it was in when a person took it. "
            + "409 when it is not handed off.")
    HandoffState handBack(@PathVariable String id, Principal admin) {
        directory.requireExists(id);
        return new HandoffState(id, handoffs.handBack(id, admin.getName())
                .orElseThrow(() -> new ConflictException("conversation " + id + " is not with a person: there is nothing to hand back")));
    }

    @GetMapping
    @Operation(summary = "List conversations, most recently active first, optionally in one state; "
            + "needs_person=true: only those waiting for a person from the shop, longest waiting first")
    PageOf<ConversationDirectory.Summary> list(@RequestParam(required = false) State state,
                                               @RequestParam(name = "needs_person", defaultValue = "false") boolean needsPerson,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "20") @Parameter(description = "1 to 1000") int size) {
        return directory.list(state, needsPerson, new PageOf.Request(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One conversation: its messages (the latest " + ConversationDirectory.MESSAGE_LIMIT
            + "), cart and orders")
    ConversationDirectory.Detail get(@PathVariable String id) {
        return directory.get(id);
    }

    @DeleteMapping("/{id}/needs-person")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark what the conversation waited a person for as taken care of")
    void answeredByPerson(@PathVariable String id) {
        directory.answeredByPerson(id);
    }

    @GetMapping("/{id}/transitions")
    @Operation(summary = "The conversation's transition log in order, refused calls included with their reason")
    List<ConversationDirectory.Step> transitions(@PathVariable String id) {
        return directory.path(id);
    }
}
