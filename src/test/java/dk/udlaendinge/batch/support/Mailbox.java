package dk.udlaendinge.batch.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.base.GreenMailOperations;

/** What a real GreenMail SMTP server received, counted by Message-ID. */
public record Mailbox(Map<String, Long> countByMessageId) {

    public static final String DOMAIN = "@udlaendinge-batch.nyidanmark.dk>";

    public static Mailbox of(GreenMailOperations greenMail) {
        Map<String, Long> counts = new TreeMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                counts.merge(String.valueOf(m.getMessageID()), 1L, Long::sum);
            }
            catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Mailbox(counts);
    }

    public static String noticeMessageId(long noticeId) {
        return "<notice-" + noticeId + DOMAIN;
    }

    public long count(String messageId) {
        return countByMessageId.getOrDefault(messageId, 0L);
    }

    /** Message-IDs received more than once, with how often. */
    public Map<String, Long> duplicates() {
        return countByMessageId.entrySet()
            .stream()
            .filter(e -> e.getValue() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    public long noticeMessages() {
        return countByMessageId.entrySet()
            .stream()
            .filter(e -> e.getKey().startsWith("<notice-"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    }

    public long listMessages() {
        return countByMessageId.keySet().stream().filter(k -> k.startsWith("<list-")).count();
    }
}
