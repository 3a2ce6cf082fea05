package dk.udlaendinge.batch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {

    private static final long TEN_MB = 10L * 1024 * 1024;

    @ParameterizedTest(name = "not exempt, {0} bytes, limit {1} -> {2} {3}")
    @CsvSource({ "0,        10485760, DIGITAL, ", "1,        10485760, DIGITAL, ", "10485759, 10485760, DIGITAL, ",
            "10485760, 10485760, DIGITAL, ", "10485761, 10485760, PAPER,   SIZE", "99999999, 10485760, PAPER,   SIZE",
            "100,      100,      DIGITAL, ", "101,      100,      PAPER,   SIZE", "0,        0,        DIGITAL, ",
            "1,        0,        PAPER,   SIZE" })
    void notExemptGoesDigitalAtOrUnderTheLimitAndPaperOverIt(long bytes, long limit, Channel channel, String reason) {
        Routing routing = Routing.of(false, bytes, limit);

        assertThat(routing.channel()).isEqualTo(channel);
        assertThat(routing.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "exempt, {0} bytes -> PAPER EXEMPT")
    @CsvSource({ "0", "1", "10485759", "10485760", "10485761", "999999999" })
    void exemptAlwaysGoesToPaperWithReasonExemptWhateverTheSize(long bytes) {
        Routing routing = Routing.of(true, bytes, TEN_MB);

        assertThat(routing).isEqualTo(Routing.PAPER_EXEMPT);
        assertThat(routing.channel()).isEqualTo(Channel.PAPER);
        assertThat(routing.reason()).isEqualTo("EXEMPT");
    }

    @ParameterizedTest
    @CsvSource({ "10485759", "10485760" })
    void atOrOneByteUnderTheLimitIsTheDigitalConstant(long bytes) {
        assertThat(Routing.of(false, bytes, TEN_MB)).isEqualTo(Routing.DIGITAL);
        assertThat(Routing.DIGITAL.channel()).isEqualTo(Channel.DIGITAL);
        assertThat(Routing.DIGITAL.reason()).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "10485761" })
    void oneByteOverTheLimitIsPaperForSize(long bytes) {
        assertThat(Routing.of(false, bytes, TEN_MB)).isEqualTo(Routing.PAPER_SIZE);
        assertThat(Routing.PAPER_SIZE.channel()).isEqualTo(Channel.PAPER);
        assertThat(Routing.PAPER_SIZE.reason()).isEqualTo("SIZE");
    }

}
