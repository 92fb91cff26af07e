package com.shopkeeper.console;

import com.shopkeeper.admin.AdminTokenService.Caller;
import com.shopkeeper.admin.Role;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The admin pages; each is a shell whose script reads the admin API. */
@Controller
class ConsoleController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @GetMapping("/admin/sign-in")
    String signIn() {
        return "admin/sign-in";
    }

    @GetMapping({"/admin", "/admin/"})
    String home() {
        return "redirect:/admin/visualizer";
    }

    @GetMapping("/admin/visualizer")
    String visualizer(@AuthenticationPrincipal Caller caller, Model model) {
        return page("visualizer", caller, model);
    }

    @GetMapping("/admin/conversations")
    String conversations(@AuthenticationPrincipal Caller caller, Model model) {
        return page("conversations", caller, model);
    }

    @GetMapping("/admin/conversations/{id}")
    String conversation(@PathVariable String id, @AuthenticationPrincipal Caller caller, Model model) {
        if (!ID.matcher(id).matches()) {
            return "redirect:/admin/conversations";
        }
        model.addAttribute("conversationId", id);
        return page("conversation", caller, model);
    }

    @GetMapping("/admin/products")
    String products(@AuthenticationPrincipal Caller caller, Model model) {
        return page("products", caller, model);
    }

    @GetMapping("/admin/orders")
    String orders(@AuthenticationPrincipal Caller caller, Model model) {
        return page("orders", caller, model);
    }

    @GetMapping("/admin/metrics")
    String metrics(@AuthenticationPrincipal Caller caller, Model model) {
        return page("metrics", caller, model);
    }

    private static String page(String name, Caller caller, Model model) {
        model.addAttribute("page", name);
        model.addAttribute("caller", caller);
        model.addAttribute("canWrite", caller != null && caller.role() == Role.ADMIN);
        return "admin/" + name;
    }
}
