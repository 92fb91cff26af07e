package com.shopkeeper.llm;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.money.Money;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The functions' descriptions and JSON schemas, built once for every provider, and the one
 * parser from a model's raw tool call to a typed {@link FunctionCall}.
 */
public final class FunctionCalls {

    /** The most of one product a shopper may have in the cart: an office or a school buys by the dozen, stock permitting. */
    public static final int MAX_QUANTITY = 99;
    static final int MAX_TEXT = 300;
    // Floats as BigDecimal: a price limit like 49.99 must not pass through a double.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** A tool as providers declare it: name, description, JSON schema of the arguments. */
    public record ToolSpec(String name, String description, Map<String, Object> inputSchema) {
    }

    /** The topics of {@code answer_shop_question}; {@code other} for any other question about the shop. */
    public static final List<String> TOPICS = List.of("delivery", "returns", "hours", "contact", "payment_methods", "other");
    /** How a refinement may change the last list, as the model names it. */
    static final List<String> CHANGES = Arrays.stream(FunctionCall.Change.values()).map(FunctionCall.Change::wireName).toList();
    private static final Map<Event, ToolSpec> SPECS = specs();
    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile("\\d{1,6}");
    private static final java.util.regex.Pattern NOT_A_DIGIT_OR_POINT = java.util.regex.Pattern.compile("[^0-9.]");

    private FunctionCalls() {
    }

    public static ToolSpec spec(Event function) {
        ToolSpec spec = SPECS.get(function);
        if (spec == null) {
            throw new IllegalArgumentException(function + " is not a function a model is offered");
        }
        return spec;
    }

    public static List<ToolSpec> specs(List<Event> functions) {
        return functions.stream().map(FunctionCalls::spec).toList();
    }

    private static Map<Event, ToolSpec> specs() {
        String ref = "Which product: its number in the last list shown (\"2\"), an ordinal (\"second\"), an ordinal with "
                + "the kind the shopper said (\"first candle\": the first candle shown, in this list or an earlier one), "
                + "a name, a colour or other words from it, or a sku. Omit for the product being discussed.";
        Map<Event, ToolSpec> m = new LinkedHashMap<>();
        m.put(Event.SEARCH_PRODUCTS, new ToolSpec("search_products",
                "Search the shop's catalog. Use the shopper's product words; put stated limits in the fields.",
                object(Map.of(
                        "query", Map.of("type", "string", "description", "what the shopper is looking for, product words only; "
                                + "omit in a refinement that names none (\"any cheaper?\", \"under 100\")"),
                        "category", Map.of("type", "string", "description", "a category the shopper named, e.g. Sofas"),
                        "max_price", Map.of("type", "number", "description", "highest price the shopper will pay"),
                        "min_price", Map.of("type", "number", "description", "lowest price"),
                        "limit", Map.of("type", "integer", "minimum", 1, "maximum", 10),
                        "refine", Map.of("type", "boolean", "description", "true when the message only changes the last search "
                                + "(cheaper, under a price, another colour, any others) and names no product of its own"),
                        "change", Map.of("type", "string", "enum", CHANGES, "description", "in a refinement: cheaper or pricier "
                                + "than the products shown, or others than those shown")),
                        List.of())));
        m.put(Event.GET_PRODUCT_DETAILS, new ToolSpec("get_product_details",
                "Show one product's details (description, price, stock, picture).",
                object(Map.of("product", Map.of("type", "string", "description", ref)), List.of())));
        m.put(Event.ADD_TO_CART, new ToolSpec("add_to_cart",
                "Add a product to the shopper's cart.",
                object(Map.of(
                        "product", Map.of("type", "string", "description", ref),
                        "quantity", Map.of("type", "integer", "minimum", 1, "maximum", MAX_QUANTITY, "description", "how many, default 1")),
                        List.of())));
        m.put(Event.VIEW_CART, new ToolSpec("view_cart", "Show what is in the shopper's cart, with the total.",
                object(Map.of(), List.of())));
        m.put(Event.REMOVE_FROM_CART, new ToolSpec("remove_from_cart",
                "Remove a product from the cart, or lower its quantity.",
                object(Map.of(
                        "product", Map.of("type", "string", "description", ref),
                        "quantity", Map.of("type", "integer", "minimum", 1, "description", "how many to take out; omit to remove the line")),
                        List.of())));
        m.put(Event.SET_QUANTITY, new ToolSpec("set_quantity",
                "Set how many of a product already in the cart the shopper wants (\"make that 3\", \"just one\").",
                object(Map.of(
                        "product", Map.of("type", "string", "description", "which cart line: its number in the cart, words "
                                + "from its name; omit when the cart has one line or for the product being discussed"),
                        "quantity", Map.of("type", "integer", "minimum", 1, "maximum", MAX_QUANTITY, "description", "the new quantity")),
                        List.of("quantity"))));
        m.put(Event.CLEAR_CART, new ToolSpec("clear_cart",
                "Empty the cart when the shopper asks to start over or remove everything.", object(Map.of(), List.of())));
        m.put(Event.CREATE_ORDER, new ToolSpec("create_order",
                "Turn the cart into an order when the shopper wants to check out or pay.", object(Map.of(), List.of())));
        m.put(Event.GET_PAYMENT_LINK, new ToolSpec("get_payment_link",
                "Send the payment link for the shopper's pending order.", object(Map.of(), List.of())));
        m.put(Event.CHECK_ORDER_STATUS, new ToolSpec("check_order_status",
                "Tell the shopper the status of their latest orders.", object(Map.of(), List.of())));
        m.put(Event.ANSWER_SHOP_QUESTION, new ToolSpec("answer_shop_question",
                "Answer a question about the shop itself, not a product or an order: delivery or shipping in general, "
                        + "returns and refunds, opening hours, how to contact the shop, payment methods accepted.",
                object(Map.of("topic", Map.of("type", "string", "enum", TOPICS, "description", "what the question is about")),
                        List.of("topic"))));
        m.put(Event.ASK_FOR_PERSON, new ToolSpec("ask_for_person",
                "Hand the conversation to a person from the shop, only when the shopper asks for a human, an agent or "
                        + "customer service.", object(Map.of(), List.of())));
        return m;
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Parses a model's call. Unknown, unoffered or off-schema calls are refused with a
     * {@link MalformedCallException}; the engine then answers the shopper politely.
     */
    public static FunctionCall parse(ToolCall call, List<Event> offered) {
        Event function = Event.ofWireName(call.name()).filter(Event::isFunction)
                .orElseThrow(() -> new MalformedCallException("unknown function " + ModelText.of(call.name())));
        if (!offered.contains(function)) {
            throw new MalformedCallException(function.wireName() + " was not offered");
        }
        JsonNode args;
        try {
            String raw = call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
            args = JSON.readTree(raw);
        } catch (JacksonException e) {
            throw new MalformedCallException(function.wireName() + " arguments are not JSON");
        }
        if (!args.isObject()) {
            throw new MalformedCallException(function.wireName() + " arguments are not an object");
        }
        return switch (function) {
            case SEARCH_PRODUCTS -> search(args);
            case GET_PRODUCT_DETAILS -> new FunctionCall.GetProductDetails(text(args, "product"));
            case ADD_TO_CART -> {
                Integer q = integer(args, "quantity", 1, MAX_QUANTITY);
                yield new FunctionCall.AddToCart(text(args, "product"), q == null ? 1 : q);
            }
            case VIEW_CART -> new FunctionCall.ViewCart();
            case REMOVE_FROM_CART -> new FunctionCall.RemoveFromCart(text(args, "product"), integer(args, "quantity", 1, 1000));
            case SET_QUANTITY -> {
                Integer q = integer(args, "quantity", 1, MAX_QUANTITY);
                if (q == null) {
                    throw new MalformedCallException("quantity is required");
                }
                yield new FunctionCall.SetQuantity(text(args, "product"), q);
            }
            case CLEAR_CART -> new FunctionCall.ClearCart();
            case CREATE_ORDER -> new FunctionCall.CreateOrder();
            case GET_PAYMENT_LINK -> new FunctionCall.GetPaymentLink();
            case CHECK_ORDER_STATUS -> new FunctionCall.CheckOrderStatus();
            case ASK_FOR_PERSON -> new FunctionCall.AskForPerson();
            // Only a shopper's catalog order puts lines in the cart by sku: a model never can.
            case ADD_LINES -> throw new MalformedCallException("add_lines is never a model's call");
            case ANSWER_SHOP_QUESTION -> {
                String topic = requiredText(args, "topic").strip().toLowerCase(java.util.Locale.ROOT);
                yield new FunctionCall.AnswerShopQuestion(TOPICS.contains(topic) ? topic : "other");
            }
            default -> throw new MalformedCallException(function.wireName() + " is not a function");
        };
    }

    /** A search names what to look for, or says how it changes the last one: one of the two, or there is nothing to run. */
    private static FunctionCall.SearchProducts search(JsonNode args) {
        FunctionCall.SearchProducts s = new FunctionCall.SearchProducts(text(args, "query"), text(args, "category"),
                money(args, "max_price"), money(args, "min_price"), integer(args, "limit", 1, 10), bool(args, "refine"),
                change(args));
        if (s.query() == null && s.category() == null && !s.refinesByItsFields()) {
            throw new MalformedCallException("query is required");
        }
        return s;
    }

    private static FunctionCall.Change change(JsonNode args) {
        String v = text(args, "change");
        if (v == null) {
            return null;
        }
        return Arrays.stream(FunctionCall.Change.values()).filter(c -> c.wireName().equalsIgnoreCase(v)).findFirst()
                .orElseThrow(() -> new MalformedCallException("change must be one of " + CHANGES));
    }

    private static String text(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new MalformedCallException(field + " must be text");
        }
        String s = v.asString().strip();
        return s.isEmpty() ? null : truncate(s);
    }

    private static Boolean bool(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString() && (v.asString().strip().equalsIgnoreCase("true") || v.asString().strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asString().strip());
        }
        throw new MalformedCallException(field + " must be true or false");
    }

    private static String requiredText(JsonNode args, String field) {
        String s = text(args, field);
        if (s == null) {
            throw new MalformedCallException(field + " is required");
        }
        return s;
    }

    private static Integer integer(JsonNode args, String field, int min, int max) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        int n;
        if (v.isIntegralNumber()) {
            n = v.asInt();
        } else if (v.isString() && WHOLE_NUMBER.matcher(v.asString().strip()).matches()) {
            n = Integer.parseInt(v.asString().strip());
        } else {
            throw new MalformedCallException(field + " must be a whole number");
        }
        if (n < min || n > max) {
            throw new MalformedCallException.OutOfRange(field + " must be between " + min + " and " + max);
        }
        return n;
    }

    private static BigDecimal money(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            BigDecimal amount;
            if (v.isNumber()) {
                amount = v.decimalValue();
            } else {
                String digits = NOT_A_DIGIT_OR_POINT.matcher(v.asString()).replaceAll("");
                if (digits.length() > Money.MAX_TEXT) {
                    throw new MalformedCallException(field + " must be " + Money.PLAUSIBLE);
                }
                amount = new BigDecimal(digits);
            }
            // Before anything scales it to cents: 1e-100000000 is twelve characters and seconds of CPU.
            if (!Money.isPlausible(amount)) {
                throw new MalformedCallException(field + " must be " + Money.PLAUSIBLE);
            }
            if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw new MalformedCallException(field + " is out of range");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new MalformedCallException(field + " must be a number");
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
