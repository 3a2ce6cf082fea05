package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = { "mette.sorensen@digitalpost.example", "a@b.example", "first+tag@sub.domain.example",
            "o'brien@x.example", "=cmd@x.example" })
    void onePlainAddressIsAccepted(String address) {
        assertThat(MailAddress.problem(address)).isNull();
        assertThat(MailAddress.parse(address).getAddress()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "victim@x.example, attacker@y.example", "victim@x.example;attacker@y.example", "<<<@>>>",
            "\"Name\" <a@b.example>", "Name <a@b.example>", "a@b.example\r\nBcc: attacker@y.example", "a@b.example\n",
            "a b@c.example", "a@b.example (comment)", "@b.example", "a@", "a@@b.example", "a@b@c.example",
            "a@localhost", "a..b@c.example", ".a@c.example", "a@-b.example", "group: a@b.example;", "",
            "søren@x.example", "a@b.example\u00a0" })
    void anythingButOnePlainAddressIsRefused(String address) {
        assertThat(MailAddress.problem(address)).isNotNull();
        assertThatThrownBy(() -> MailAddress.parse(address)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the address ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "victim@x.example, attacker@y.example", "a@b.example\r\nBcc: attacker@y.example" })
    void theProblemNeverQuotesTheAddress(String address) {
        assertThat(MailAddress.problem(address)).doesNotContain("victim")
            .doesNotContain("attacker")
            .doesNotContain("@b.");
    }

}
