package com.shopkeeper.shop;

import com.shopkeeper.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/settings/shop")
@Tag(name = "Shop settings", description = "The shop's answers to shoppers' questions about delivery, returns, hours, contact and payment methods")
class ShopSettingsController {

    record AnswerRequest(@NotBlank @Size(max = ShopSettings.MAX_ANSWER) String answer) {
    }

    private final ShopSettings settings;

    ShopSettingsController(ShopSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "Every topic with the answer in force and its source (settings, configuration or none)")
    List<ShopSettings.Entry> all() {
        return settings.all();
    }

    @GetMapping("/{topic}")
    @Operation(summary = "One topic")
    ShopSettings.Entry get(@PathVariable String topic) {
        return settings.get(topic(topic));
    }

    @PutMapping("/{topic}")
    @Operation(summary = "Set the answer shoppers get on a topic; it applies from the next message")
    ShopSettings.Entry put(@PathVariable String topic, @Valid @RequestBody AnswerRequest request, Principal admin) {
        return settings.put(topic(topic), request.answer(), admin == null ? "unknown" : admin.getName());
    }

    @DeleteMapping("/{topic}")
    @Operation(summary = "Remove the admin's answer: the configuration's applies again, or a person answers")
    ShopSettings.Entry reset(@PathVariable String topic) {
        return settings.reset(topic(topic));
    }

    private static Topic topic(String name) {
        return Topic.ofWireName(name).orElseThrow(() -> new NotFoundException("no shop topic " + name
                + "; topics: delivery, returns, hours, contact, payment_methods"));
    }
}
