package com.shopkeeper.order;

import com.shopkeeper.web.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/orders")
@Tag(name = "Orders", description = "Order management")
class OrderAdminController {

    private final OrderService orders;
    private final OrderPayments payments;

    OrderAdminController(OrderService orders, OrderPayments payments) {
        this.orders = orders;
        this.payments = payments;
    }

    @GetMapping
    @Operation(summary = "List orders, newest first, optionally by status and creation date")
    PageOf<OrderView> list(@RequestParam(required = false) OrderStatus status,
                           @RequestParam(required = false) @Parameter(description =
                                   "created at or after: a date (2026-11-01, UTC) or an instant (2026-11-01T09:00:00Z)") String from,
                           @RequestParam(required = false) @Parameter(description =
                                   "created before: an instant, or a date meaning the end of that day (UTC)") String to,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "20") @Parameter(description = "1 to 1000") int size) {
        return orders.list(status, instant("from", from, false), instant("to", to, true), new PageOf.Request(page, size))
                .map(o -> OrderView.of(o, null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order with its items and payment")
    OrderView get(@PathVariable String id) {
        Order order = orders.get(id);
        return OrderView.of(order, payments.attempts(id));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change an order's status along its lifecycle; the shopper is told")
    OrderView change(@PathVariable String id, @Valid @RequestBody OrderStatusRequest request) {
        Order order = orders.changeStatus(id, request.target());
        return OrderView.of(order, payments.attempts(id));
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date like 2026-11-01 or an instant like "
                    + "2026-11-01T09:00:00Z");
        }
    }
}
