package com.shopkeeper.admin;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The admin UI's sign-in: the form's {@code token} field is an admin or viewer API token; the
 * session that follows carries its holder and role. Nothing else (no user names, no passwords).
 */
class TokenSignIn implements AuthenticationProvider {

    private final AdminTokenService tokens;

    TokenSignIn(AdminTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object token = attempt.getCredentials();
        return tokens.authenticate(token == null ? null : token.toString().strip())
                .map(TokenSignIn::signedIn)
                .orElseThrow(() -> new BadCredentialsException("unknown or revoked token"));
    }

    static Authentication signedIn(AdminTokenService.Caller caller) {
        return UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority(caller.role().authority())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
