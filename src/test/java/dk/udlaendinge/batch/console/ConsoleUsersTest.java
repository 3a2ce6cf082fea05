package dk.udlaendinge.batch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ConsoleUsersTest {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("secret");

    @Test
    void anOperatorAlsoHoldsTheViewerRole() {
        List<UserDetails> users = ConsoleUsers.from(List.of(new ConsoleProperties.User("vera", HASH, "viewer"),
                new ConsoleProperties.User("otto", HASH, "OPERATOR")));
        assertThat(users.get(0).getAuthorities()).extracting(GrantedAuthority::getAuthority)
            .containsExactly("ROLE_VIEWER");
        assertThat(users.get(1).getAuthorities()).extracting(GrantedAuthority::getAuthority)
            .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(new BCryptPasswordEncoder().matches("secret", users.get(1).getPassword())).isTrue();
    }

    @Test
    void aBadEntryIsNamedWithItsKeyAndNeverShowsTheHash() {
        assertThatThrownBy(
                () -> ConsoleUsers.from(List.of(new ConsoleProperties.User("vera", "plaintext-password", "VIEWER"))))
            .hasMessageContaining("app.console.users[0].password-hash of user 'vera' is not a bcrypt hash")
            .hasMessageContaining("APP_CONSOLE_USERS_0_PASSWORD_HASH")
            .hasMessageNotContaining("plaintext-password");
        assertThatThrownBy(() -> ConsoleUsers.from(List.of(new ConsoleProperties.User("vera", HASH, "ADMIN"))))
            .hasMessageContaining("app.console.users[0].role of user 'vera' is 'ADMIN'; it must be VIEWER or OPERATOR");
        assertThatThrownBy(() -> ConsoleUsers.from(List.of(new ConsoleProperties.User("vera", HASH, "VIEWER"),
                new ConsoleProperties.User("Vera", HASH, "OPERATOR"))))
            .hasMessageContaining("given twice");
        assertThatThrownBy(() -> ConsoleUsers.from(List.of(new ConsoleProperties.User("<script>", HASH, "VIEWER"))))
            .hasMessageContaining("app.console.users[0].name");
        assertThatThrownBy(() -> ConsoleUsers.from(List.of(new ConsoleProperties.User("vera", null, "VIEWER"))))
            .hasMessageContaining("not a bcrypt hash");
    }

    @Test
    void textOnAPageHasCprShapedNumbersMasked() {
        assertThat(ConsoleText.safe("deposit of 120379-4411 and 0302842917, id 12345678901"))
            .isEqualTo("deposit of 120379-XXXX and 030284-XXXX, id 12345678901");
    }

}
