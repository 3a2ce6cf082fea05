package dk.udlaendinge.batch.delivery;

/**
 * A message's recipient is not exactly one plain address
 * ({@link dk.udlaendinge.batch.common.MailAddress}). The message is never built, so it
 * can neither go to a second recipient nor fail the gateway conversation for the messages
 * after it. The text names the message key, never the address.
 */
public class InvalidRecipientException extends IllegalStateException {

    public InvalidRecipientException(String key, String problem) {
        super("recipient of message " + key + " is not one plain address: " + problem);
    }

}
