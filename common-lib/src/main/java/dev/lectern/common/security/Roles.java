package dev.lectern.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/** The platform's roles, carried in the token's {@code roles} claim and mapped to {@code ROLE_*} authorities. */
public final class Roles {

    public static final String CLAIM = "roles";
    public static final String LEARNER = "LEARNER";
    public static final String AUTHOR = "AUTHOR";
    public static final String ADMIN = "ADMIN";
    public static final Set<String> ALL = Set.of(LEARNER, AUTHOR, ADMIN);

    private Roles() {
    }

    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(CLAIM);
        if (roles == null) {
            return List.of();
        }
        return roles.stream().filter(ALL::contains).map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
    }

    /** A token must name at least one known role: a token without roles is not a Lectern token. */
    public static JwtClaimValidator<Object> requiredClaimValidator() {
        return new JwtClaimValidator<>(CLAIM, value -> value instanceof Collection<?> c
                && c.stream().anyMatch(r -> ALL.contains(String.valueOf(r))));
    }
}
