package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

class ExtensionFormTest {

    @Test
    void formHasTitleAndBlankFields() throws Exception {
        String text = PdfText.text(ExtensionForm.pdf());

        assertThat(text).contains("Ansøgning om forlængelse af økonomisk sikkerhed")
            .contains("Sagsnummer")
            .contains("CPR-nummer")
            .contains("Navn")
            .contains("Din ægtefælle")
            .contains("Ny udløbsdato")
            .contains("Pengeinstitut eller garantistiller")
            .contains("Anfordringsgaranti")
            .contains("Pantsat indlånskonto")
            .contains("Underskrift")
            .contains("35 36 66 00")
            .contains("CVR 77940413");
    }

    @Test
    void formIsOneA4PageWithNeutralMetadata() throws Exception {
        try (PDDocument doc = Loader.loadPDF(ExtensionForm.pdf())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(595.27f,
                    org.assertj.core.data.Offset.offset(0.1f));
            assertThat(doc.getDocumentInformation().getTitle())
                .isEqualTo("Ansøgning om forlængelse af økonomisk sikkerhed");
            assertThat(doc.getDocumentInformation().getAuthor()).isEqualTo("Udlændingestyrelsen");
        }
    }

    @Test
    void formIsBuiltOnceAndHandedOutAsCopies() {
        byte[] first = ExtensionForm.pdf();
        first[0] = 'X';

        assertThat(ExtensionForm.pdf()).isNotSameAs(first).startsWith('%', 'P', 'D', 'F');
    }

}
