package com.shopkeeper.payment.sandbox;

import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.util.HtmlUtils;

/** The sandbox pay page's HTML. Everything that comes from data is escaped. */
final class SandboxPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private SandboxPages() {
    }

    static String payPage(Order order, String token, Instant expiresAt) {
        StringBuilder rows = new StringBuilder();
        for (OrderItem item : order.items()) {
            rows.append("<tr><td>").append(e(item.productName())).append("</td><td class=\"n\">")
                    .append(item.quantity()).append("</td><td class=\"n\">").append(e(item.unitPrice().display()))
                    .append("</td><td class=\"n\">").append(e(item.lineTotal().display())).append("</td></tr>\n");
        }
        String action = "/pay/" + e(token);
        return page("Pay for order " + order.reference(), """
                <p class="sandbox">Sandbox payment: no real money moves.</p>
                <table>
                <thead><tr><th>Item</th><th class="n">Qty</th><th class="n">Price</th><th class="n">Amount</th></tr></thead>
                <tbody>
                %s</tbody>
                <tfoot><tr><th colspan="3">Total</th><th class="n" id="total">%s</th></tr></tfoot>
                </table>
                %s
                <form method="post" action="%s"><input type="hidden" name="action" value="pay">
                <button type="submit" class="pay">Pay %s</button></form>
                <form method="post" action="%s"><input type="hidden" name="action" value="cancel">
                <button type="submit" class="cancel">Cancel</button></form>
                """.formatted(rows, e(order.total().display()),
                expiresAt == null ? "" : "<p class=\"small\">This link works until " + TIME.format(expiresAt) + ".</p>",
                action, e(order.total().display()), action));
    }

    static String paid(Order order) {
        return page("Payment received", "<p>Thank you! Order <b>" + e(order.reference()) + "</b> is paid: "
                + e(order.total().display()) + ".</p><p>A confirmation is on its way to your chat.</p>");
    }

    static String cancelled(Order order) {
        return page("Payment cancelled", "<p>Order <b>" + e(order.reference())
                + "</b> was cancelled and nothing was charged. Your cart is still in the chat.</p>");
    }

    static String message(String title, String text) {
        return page(title, "<p>" + e(text) + "</p>");
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>%1$s</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
                table{width:100%%;border-collapse:collapse;margin:1rem 0}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}
                .n{text-align:right}.sandbox{background:#fff3cd;padding:.5rem;border-radius:.3rem}.small{color:#666;font-size:.9rem}
                form{display:inline-block;margin-right:.5rem}button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.3rem;border:0;cursor:pointer}
                .pay{background:#128c7e;color:#fff}.cancel{background:#eee}
                </style></head>
                <body><h1>%1$s</h1>
                %2$s
                </body></html>
                """.formatted(e(title), body);
    }

    private static String e(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
