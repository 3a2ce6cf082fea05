package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DanishFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = { "20685.76;20.685,76 kr.", "51714.4;51.714,40 kr.", "100000;100.000,00 kr.",
            "999.99;999,99 kr.", "1000.00;1.000,00 kr.", "0.05;0,05 kr.", "1234567.89;1.234.567,89 kr." })
    void amountsInDanishStyle(String amount, String expected) {
        assertThat(DanishFormat.amount(new BigDecimal(amount))).isEqualTo(expected);
    }

    @Test
    void amountIsNeverRoundedSilently() {
        assertThatThrownBy(() -> DanishFormat.amount(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource({ "2015-01-01,1. januar 2015", "2012-06-21,21. juni 2012", "2016-02-29,29. februar 2016",
            "2014-12-01,1. december 2014" })
    void datesInDanishLongForm(LocalDate date, String expected) {
        assertThat(DanishFormat.date(date)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "Aarhus,Aarhus Kommune", "København,Københavns Kommune", "Bornholm,Bornholms Regionskommune",
            "Aarhus Kommune,Aarhus Kommune", "Frederiksberg,Frederiksberg Kommune" })
    void municipalitiesByTheirOfficialNames(String name, String expected) {
        assertThat(MunicipalityNames.official(name)).isEqualTo(expected);
    }

}
