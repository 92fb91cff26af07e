package com.shopkeeper.catalog;

import com.shopkeeper.money.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A product as the admin API and imports take it (snake_case JSON, a CSV row). */
@Schema(name = "ProductRequest", example = """
        {"sku": "SK-000001", "name": "Teagan 40L Backpack, Forest Green",
         "description": "Perfect for day hikes and travel.", "price": "229.00", "currency": "USD",
         "categories": ["Sports & Outdoors", "Camping", "Backpacks"],
         "image_url": "https://example.com/img/SK-000001.jpg", "in_stock": true,
         "attributes": {"color": "Forest Green", "material": "Polyester"}}""")
public record ProductRequest(
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._\\-]+", message = "may hold only letters, digits, '.', '_' and '-'")
        String sku,
        @NotBlank @Size(max = 300) String name,
        @Size(max = 5000) String description,
        @Schema(type = "string", example = "19.99", description = "a decimal string or number, at most the currency's decimal places")
        @NotNull @DecimalMin("0") BigDecimal price,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as USD") String currency,
        @Size(max = 10) List<@NotBlank @Size(max = 100) String> categories,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String imageUrl,
        Boolean inStock,
        @Size(max = 50) Map<@Size(max = 50) String, Object> attributes) {

    private static final BigDecimal MAX_PRICE = new BigDecimal("10000000000");

    /** The validated draft; IllegalArgumentException when the price does not fit the currency. */
    ProductDraft toDraft(String defaultCurrency) {
        String code = currency == null ? defaultCurrency : currency;
        try {
            Money.currency(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("currency", e.getMessage());
        }
        if (!Money.isPlausible(price)) {
            throw new InvalidFieldException("price", "must be " + Money.PLAUSIBLE);
        }
        if (price.compareTo(MAX_PRICE) >= 0) {
            throw new InvalidFieldException("price", "must be below " + MAX_PRICE.toPlainString());
        }
        Money money;
        try {
            money = Money.of(price, code);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("price", e.getMessage());
        }
        return new ProductDraft(sku, name.strip(), description, money,
                categories == null ? List.of() : categories.stream().map(String::strip).toList(),
                imageUrl, inStock == null || inStock, attributes);
    }
}
