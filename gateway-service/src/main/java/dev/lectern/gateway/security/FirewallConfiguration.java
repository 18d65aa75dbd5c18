package dev.lectern.gateway.security;

import dev.lectern.gateway.web.ProblemWriter;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall (encoded slashes and periods, semicolons, backslashes, control characters in the
 * URL or headers...) with its own rules, its character checks done without regular expressions
 * ({@link FirewallCharacters}), and its refusals answered as problem+json: the default handler sends an empty 400.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FirewallConfiguration.class);
    private static final Pattern QUOTED_VALUE = Pattern.compile("(?<=value )\"[^\"]*\"");

    static final String REFUSED_DETAIL = "The request was refused before routing: its URL, a header or a parameter "
            + "contains a character or sequence the gateway does not accept (an encoded slash, period or percent sign, "
            + "a semicolon, a backslash, a control character or a line break).";

    @Bean
    ServerWebExchangeFirewall exchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(FirewallCharacters::assignedAndNotControl);
        firewall.setAllowedHeaderValues(FirewallCharacters::assignedAndNotControlOrTab);
        firewall.setAllowedParameterNames(FirewallCharacters::assignedAndNotControl);
        return firewall;
    }

    /**
     * The firewall's own message quotes the rejected text, which can be a whole header value (a token): the client
     * gets the kinds of text refused, the log the reason with quoted header and parameter values left out.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler(ProblemWriter problems) {
        return (exchange, rejected) -> {
            log.info("Firewall refused {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), redacted(rejected.getMessage()));
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "Request refused", REFUSED_DETAIL);
        };
    }

    static String redacted(String message) {
        return message == null ? null : QUOTED_VALUE.matcher(message).replaceAll("\"…\"");
    }
}
