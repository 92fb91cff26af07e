package com.shopkeeper.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: bearer auth on the admin API and the problem-detail error shape on every operation. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "bearer";
    static final String PROBLEM = "ProblemDetail";

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("Invalid request content."))
                .addProperty("instance", new StringSchema().example("/api/admin/products"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema().example("price"))
                                .addProperty("message", new StringSchema().example("must be greater than or equal to 0"))));
    }

    @Bean
    OpenAPI shopkeeperOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Shopkeeper API").version("v1")
                        .description("Admin API of Shopkeeper, the WhatsApp shop assistant. "
                                + "Send 'Authorization: Bearer <token>'; VIEWER tokens may only read.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An admin token (shopkeeper.admin.bootstrap-token, or one issued by POST /api/admin/tokens)")));
    }

    /**
     * swagger-core reads models with its own (Jackson 2) mapper, which does not know the application's
     * snake_case naming: without this the document would show {@code imageUrl} where the wire says {@code image_url}.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenApiCustomizer adminErrors() {
        // Added here, not on the OpenAPI bean: springdoc rebuilds the schema map from the controllers.
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/admin")) {
                    item.readOperations().forEach(OpenApiConfig::documentAdminOperation);
                }
            });
        };
    }

    private static void documentAdminOperation(io.swagger.v3.oas.models.Operation op) {
        op.addSecurityItem(new SecurityRequirement().addList(BEARER));
        Map.of("400", "Invalid input", "401", "No or unknown token", "403", "The token's role may not do this")
                .forEach((code, text) -> op.getResponses().putIfAbsent(code, new ApiResponse().description(text)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
    }
}
