package dk.udlaendinge.batch.common;

import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * A Digital Post address as docs/REGISTRY.md allows it: exactly one plain
 * {@code local@domain}, with no display name, no list, no comment, no whitespace and no
 * control characters. A value from the registry goes into a personal letter's
 * {@code To:}; a lenient parse would turn {@code victim@x, attacker@y} into two
 * recipients of the same letter. Used by the import (reject the row) and by the composer
 * (refuse the message), so both apply the same rule. Problems describe the value, never
 * quote it (it is personal data).
 */
public final class MailAddress {

    /**
     * RFC 5322 dot-atom local part, ASCII only (Digital Post addresses are plain ASCII).
     */
    private static final Pattern LOCAL = Pattern
        .compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /** A host name of at least two labels, each 1–63 letters, digits or inner hyphens. */
    private static final Pattern DOMAIN = Pattern
        .compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private MailAddress() {
    }

    /**
     * Whether {@code value} is a plain host name of two labels or more (the domain part
     * of an address): what {@code app.mail.message-id-domain} must be, since it goes into
     * every message's {@code Message-ID} header, where a line break would start a header
     * of its own.
     */
    public static boolean isHostName(String value) {
        return value != null && value.length() <= 253 && DOMAIN.matcher(value).matches();
    }

    /**
     * What is wrong with {@code value} as one Digital Post address, or {@code null} when
     * it is one.
     */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "is empty";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character (a line break or tab)";
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return "contains whitespace; it must be one address local@domain";
        }
        if (value.indexOf(',') >= 0 || value.indexOf(';') >= 0) {
            return "is a list of addresses; it must be exactly one";
        }
        if (value.chars().anyMatch(c -> c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == ':')) {
            return "has a display name, brackets, quotes or a comment; it must be the plain address local@domain";
        }
        if (value.length() > 254) {
            return "is longer than 254 characters";
        }
        int at = value.indexOf('@');
        if (at < 0 || value.indexOf('@', at + 1) >= 0) {
            return "must have exactly one @";
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.isEmpty() || local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return "has no valid part before the @";
        }
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            return "has no valid domain after the @";
        }
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !value.equals(parsed.getAddress()) || parsed.isGroup()) {
                return "is not a plain address local@domain";
            }
        }
        catch (AddressException e) {
            return "is not a valid address";
        }
        return null;
    }

    /**
     * The one recipient {@code value} names.
     * @throws IllegalArgumentException with {@link #problem}'s text when it is not one
     * plain address
     */
    public static InternetAddress parse(String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("the address " + problem);
        }
        try {
            return new InternetAddress(value, true);
        }
        catch (AddressException e) {
            throw new IllegalArgumentException("the address is not a valid address");
        }
    }

}
