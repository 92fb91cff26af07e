package com.shopkeeper.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where a request's caller comes from: a request with an {@code Authorization} header speaks for
 * itself (the bearer filter reads it; the session is ignored), any other one may be the admin UI's
 * signed-in session. A session whose token has been revoked since is treated as signed out.
 */
class SessionOrBearerContext implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final AdminTokenService tokens;

    SessionOrBearerContext(AdminTokenService tokens) {
        this.tokens = tokens;
    }

    static boolean hasAuthorizationHeader(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        if (hasAuthorizationHeader(request)) {
            return new Loaded(SecurityContextHolder::createEmptyContext, true);
        }
        DeferredSecurityContext fromSession = sessions.loadDeferredContext(request);
        return new Loaded(() -> {
            SecurityContext context = fromSession.get();
            if (context.getAuthentication() != null
                    && context.getAuthentication().getPrincipal() instanceof AdminTokenService.Caller caller
                    && !tokens.stillValid(caller)) {
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                return SecurityContextHolder.createEmptyContext();
            }
            return context;
        }, false);
    }

    /** Loads once, on first use. */
    private static final class Loaded implements DeferredSecurityContext {
        private final Supplier<SecurityContext> load;
        private final boolean generated;
        private SecurityContext context;

        Loaded(Supplier<SecurityContext> load, boolean generated) {
            this.load = load;
            this.generated = generated;
        }

        @Override
        public SecurityContext get() {
            if (context == null) {
                context = load.get();
            }
            return context;
        }

        @Override
        public boolean isGenerated() {
            return generated || get().getAuthentication() == null;
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(org.springframework.security.web.context.HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        if (!hasAuthorizationHeader(request)) {
            sessions.saveContext(context, request, response);
        }
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return !hasAuthorizationHeader(request) && sessions.containsContext(request);
    }
}
