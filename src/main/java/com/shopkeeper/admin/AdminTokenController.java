package com.shopkeeper.admin;

import com.shopkeeper.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/tokens")
@Tag(name = "Tokens", description = "Admin API tokens")
class AdminTokenController {

    private final AdminTokenService tokens;

    AdminTokenController(AdminTokenService tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(@NotBlank @Size(max = 100) String name, @NotNull Role role) {
    }

    record IssuedToken(String id, String name, Role role, Instant createdAt, String token) {
    }

    record TokenView(String id, String name, Role role, Instant createdAt, Instant revokedAt) {
        static TokenView of(AdminToken t) {
            return new TokenView(t.id(), t.name(), t.role(), t.createdAt(), t.revokedAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a named token with a role; the token is in this answer only")
    IssuedToken issue(@Valid @RequestBody TokenRequest request) {
        AdminTokenService.Issued issued = tokens.issue(request.name().strip(), request.role());
        AdminToken t = issued.token();
        return new IssuedToken(t.id(), t.name(), t.role(), t.createdAt(), issued.secret());
    }

    @GetMapping
    @Operation(summary = "List tokens (never their secrets)")
    List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token")
    void revoke(@PathVariable String id) {
        if (!tokens.revoke(id)) {
            throw new NotFoundException("No active token with id " + id);
        }
    }
}
