package dk.udlaendinge.batch.delivery;

/**
 * The mail gateway did not take a message after all retries. Deliberately carries no
 * cause: mail exceptions quote recipient addresses, which are personal data.
 */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }

}
