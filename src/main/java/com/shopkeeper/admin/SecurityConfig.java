package com.shopkeeper.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API takes bearer tokens: any role may read (including the NLU parse, a POST that changes nothing), only
 * ADMIN may write. Everything else
 * (webhooks, which check their own signatures; the shopper's pages; health) is public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, AdminTokenService tokens, JsonMapper json) throws Exception {
        http.securityMatcher("/api/admin/**")
                .csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/admin/**").hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, "/api/admin/**").hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name())
                        // A POST only because a message does not fit a query string: it reads, it changes nothing.
                        .requestMatchers(HttpMethod.POST, "/api/admin/nlu/parse").hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Bearer");
                            problem(res, json, HttpStatus.UNAUTHORIZED,
                                    "A valid admin token is required: 'Authorization: Bearer <token>'.");
                        })
                        .accessDeniedHandler((req, res, ex) -> problem(res, json, HttpStatus.FORBIDDEN,
                                "This token may not do that (a VIEWER token only reads).")));
        return http.build();
    }

    @Bean
    @Order(100)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable()) // signed webhooks and the shopper's one-time pay links carry no cookies
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    private static void problem(HttpServletResponse res, JsonMapper json, HttpStatus status, String detail)
            throws IOException {
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
