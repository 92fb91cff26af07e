package com.shopkeeper.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what.
 * <ul>
 * <li>The admin API ({@code /api/admin/**}) takes bearer tokens: any role may read (including the
 * NLU parse, a POST that changes nothing), only ADMIN may write. It also takes the admin UI's
 * session cookie, and then every write must carry the CSRF token ({@code X-XSRF-TOKEN}, from the
 * {@code XSRF-TOKEN} cookie); a request with an {@code Authorization} header is judged by its
 * token alone and needs no CSRF token, as a cross-site form cannot set that header.</li>
 * <li>The admin UI ({@code /admin/**}) signs in with a token through a CSRF-protected form and
 * keeps the caller in the session; anything else there without a session goes to the sign-in page.</li>
 * <li>The actuator ({@code /actuator/**}) takes bearer tokens of any role, except health and info.</li>
 * <li>Everything else (webhooks, which check their own signatures; the shopper's pages; health) is public.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String SIGN_IN = "/admin/sign-in";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** The admin pages load only their own scripts and styles (the graph and chart libraries are bundled). */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data: https:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    @Bean
    SessionOrBearerContext sessionOrBearerContext(AdminTokenService tokens) {
        return new SessionOrBearerContext(tokens);
    }

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, AdminTokenService tokens, SessionOrBearerContext contexts,
                                 JsonMapper json) throws Exception {
        // Only a write that could ride on a session cookie needs the CSRF token: without a session
        // cookie there is nothing to forge, and a request with no credentials at all gets its 401.
        RequestMatcher cookieWrite = req -> !SAFE.contains(req.getMethod())
                && !SessionOrBearerContext.hasAuthorizationHeader(req) && req.getRequestedSessionId() != null;
        http.securityMatcher("/api/admin/**")
                .csrf(csrf -> csrf.spa().requireCsrfProtectionMatcher(cookieWrite))
                .securityContext(sc -> sc.securityContextRepository(contexts))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
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
                                ex instanceof CsrfException
                                        ? "A signed-in page must send its CSRF token (the XSRF-TOKEN cookie) in an "
                                        + "X-XSRF-TOKEN header."
                                        : "This token may not do that (a VIEWER token only reads).")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminPages(HttpSecurity http, AdminTokenService tokens, SessionOrBearerContext contexts)
            throws Exception {
        http.securityMatcher("/admin/**", "/admin")
                .csrf(csrf -> csrf.spa())
                .securityContext(sc -> sc.securityContextRepository(contexts))
                .authenticationManager(new ProviderManager(new TokenSignIn(tokens)))
                .formLogin(f -> f.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                        .usernameParameter("name").passwordParameter("token")
                        .defaultSuccessUrl("/admin/", false)
                        .failureUrl(SIGN_IN + "?error").permitAll())
                .logout(l -> l.logoutUrl("/admin/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies("JSESSIONID"))
                .httpBasic(b -> b.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/admin/assets/**").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * The actuator's endpoints but health and info (metrics carry the shop's figures, and whatever
     * else is exposed may say more) take the admin API's bearer tokens: any role, a VIEWER's is
     * enough for a Prometheus scraper. Health and info stay open for load balancers and probes.
     */
    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, AdminTokenService tokens, JsonMapper json) throws Exception {
        http.securityMatcher("/actuator/**", "/actuator")
                .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name()))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Bearer");
                            problem(res, json, HttpStatus.UNAUTHORIZED,
                                    "A valid admin token (any role) is required: 'Authorization: Bearer <token>'.");
                        })
                        .accessDeniedHandler((req, res, ex) -> problem(res, json, HttpStatus.FORBIDDEN,
                                "This token may not read that.")));
        return http.build();
    }

    @Bean
    @Order(100)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable()) // signed webhooks and the shopper's one-time pay links carry no cookies
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
