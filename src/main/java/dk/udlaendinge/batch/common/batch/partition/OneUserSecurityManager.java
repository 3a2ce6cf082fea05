package dk.udlaendinge.batch.common.batch.partition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * The broker's one account: the manager and every worker connect with
 * {@code spring.artemis.user} and {@code spring.artemis.password}, and nobody else
 * connects, sends or consumes. The comparison takes the same time whatever the guess, so
 * that the answer's timing tells an attacker nothing.
 */
final class OneUserSecurityManager implements ActiveMQSecurityManager {

    private final byte[] user;

    private final byte[] password;

    OneUserSecurityManager(String user, String password) {
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean validateUser(String user, String password) {
        boolean u = MessageDigest.isEqual(this.user, bytes(user));
        boolean p = MessageDigest.isEqual(this.password, bytes(password));
        return u & p;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password); // the one account may do everything the
                                             // nodes do
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

}
