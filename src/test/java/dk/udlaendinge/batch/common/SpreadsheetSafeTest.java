package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpreadsheetSafeTest {

    @ParameterizedTest
    @ValueSource(strings = { "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1" })
    void cellsASpreadsheetWouldRunGetALeadingQuote(String hostile) {
        assertThat(SpreadsheetSafe.text(hostile)).isEqualTo("'" + hostile);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Mette Sørensen", "DEMO-0000001", "Vestergade 4, 5000 Odense C", "a=b", "'quoted", "1-2" })
    void ordinaryTextIsUnchanged(String ordinary) {
        assertThat(SpreadsheetSafe.text(ordinary)).isEqualTo(ordinary);
    }

    @Test
    void numbersStayNumbersAndNullBecomesEmpty() {
        Object[] row = SpreadsheetSafe.row(-12L, new BigDecimal("-3.50"), "-12", null);
        assertThat(row[0]).isEqualTo(-12L);
        assertThat(row[1]).isEqualTo(new BigDecimal("-3.50"));
        assertThat(row[2]).isEqualTo("'-12");
        assertThat(row[3]).isNull();
        assertThat(SpreadsheetSafe.text(null)).isEmpty();
        assertThat(SpreadsheetSafe.text("")).isEmpty();
    }

}
