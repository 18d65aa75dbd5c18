package dev.lectern.gateway.devissuer;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** {@code {"username": "alice", "roles": ["AUTHOR"]}} */
public record DevTokenRequest(
        @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "must be 1-64 letters, digits or . _ @ -") String username,
        @NotEmpty List<@Pattern(regexp = "LEARNER|AUTHOR|ADMIN", message = "must be LEARNER, AUTHOR or ADMIN") String> roles) {
}
