package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import dk.udlaendinge.batch.delivery.Attachment;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;

/** The message body names only what is attached (issue 21). */
class NoticeMailTextTest {

    @Test
    void bodyWithoutCaseDocumentsNamesLetterAndFormOnly() {
        String body = NoticeMailText.body(SampleLetters.due(), 0);

        assertThat(body).contains("Brevet er vedhæftet som PDF sammen med ansøgningsskemaet.")
            .doesNotContain("sagens dokumenter")
            .contains("Farimagsvej 51A, 4700 Næstved")
            .contains("Digital Post");
    }

    @Test
    void bodyWithCaseDocumentsNamesThemAndCountsThem() {
        assertThat(NoticeMailText.body(SampleLetters.due(), 2))
            .contains("sammen med ansøgningsskemaet og en kopi af sagens dokumenter (2 dokumenter).");
        assertThat(NoticeMailText.body(SampleLetters.due(), 1)).contains("(1 dokument).");
    }

    @Test
    void overdueMessageSaysNewSecurity() {
        assertThat(NoticeMailText.subject(SampleLetters.overdue()))
            .isEqualTo("Ny økonomisk sikkerhed – din sikkerhed er udløbet");
        assertThat(NoticeMailText.body(SampleLetters.overdue(), 0)).contains("om ny økonomisk sikkerhed");
        assertThat(NoticeMailText.subject(SampleLetters.due())).isEqualTo("Forlængelse af økonomisk sikkerhed");
    }

    @Test
    void composedMessageCarriesTheBodyAsItsTextPart() throws Exception {
        MessageComposer composer = new MessageComposer("noreply@nyidanmark.dk", "test.example");
        var letter = SampleLetters.due();
        OutgoingMessage message = new OutgoingMessage("notice-4711", "jens@digitalpost.example",
                NoticeMailText.subject(letter), NoticeMailText.body(letter, 0),
                List.of(Attachment.of("brev.pdf", "application/pdf", new byte[] { '%', 'P', 'D', 'F' })));

        MimeMultipart parts = (MimeMultipart) composer.compose(message, Instant.EPOCH).getContent();

        assertThat(parts.getCount()).isEqualTo(2);
        assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo(NoticeMailText.body(letter, 0))
            .doesNotContain("sagens dokumenter");
    }

}
