package com.shopkeeper.reminder;

import com.shopkeeper.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
@RequestMapping("/api/admin/settings/reminders")
@Tag(name = "Reminder settings", description = "Whether abandoned carts are reminded of, and after how long")
class ReminderSettingsController {

    record ValueRequest(@NotBlank @Size(max = 100) String value) {
    }

    private final ReminderSettings settings;

    ReminderSettingsController(ReminderSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "Every reminder setting with the value in force and its source (settings or configuration)")
    List<ReminderSettings.Entry> all() {
        return settings.all();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One setting")
    ReminderSettings.Entry get(@PathVariable String name) {
        return settings.get(setting(name));
    }

    @PutMapping("/{name}")
    @Operation(summary = "Set a value: abandoned-cart-reminders on or off; abandoned-after a duration (4h, 90m, PT4H) "
            + "of at least 15 minutes and shorter than the 24-hour window. It applies from the next poll.")
    ReminderSettings.Entry put(@PathVariable String name, @Valid @RequestBody ValueRequest request, Principal admin) {
        return settings.put(setting(name), request.value(), admin == null ? "unknown" : admin.getName());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Remove the admin's value: the configuration's (shopkeeper.reminders.abandoned-cart.*) applies again")
    ReminderSettings.Entry reset(@PathVariable String name) {
        return settings.reset(setting(name));
    }

    private static ReminderSetting setting(String name) {
        return ReminderSetting.ofWireName(name).orElseThrow(() -> new NotFoundException("no reminder setting " + name
                + "; settings: abandoned-cart-reminders, abandoned-after"));
    }
}
