package dev.lectern.gateway.security;

import dev.lectern.gateway.web.ProblemWriter;
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
    /** Spring Security 7's messages put a rejected header's or parameter's value after this, to the end. */
    private static final String VALUE = " has a value \"";

    static final String REFUSED_TITLE = "Request refused";
    static final String REFUSED_DETAIL = "The request was refused: its method is not one the gateway accepts, or its "
            + "URL, a header or a parameter contains a character or sequence it does not accept (an encoded slash, "
            + "period or percent sign, a double slash, a semicolon, a backslash, a control character or a line break).";

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
     * gets the kinds of text refused, the log the reason with the header's or parameter's value left out.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler(ProblemWriter problems) {
        return (exchange, rejected) -> {
            log.info("Firewall refused {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), redacted(rejected.getMessage()));
            return problems.write(exchange, HttpStatus.BAD_REQUEST, REFUSED_TITLE, REFUSED_DETAIL);
        };
    }

    static String redacted(String message) {
        if (message == null) {
            return null;
        }
        int value = message.indexOf(VALUE);
        // Everything after the marker: a value may itself hold quotes.
        return value < 0 ? message : message.substring(0, value + VALUE.length()) + "…\" that is not allowed.";
    }
}
