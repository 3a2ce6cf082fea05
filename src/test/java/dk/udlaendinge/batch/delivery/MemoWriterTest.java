package dk.udlaendinge.batch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewal notice as a MeMo message (docs/DIGITAL-POST.md), read back element by element
 * in the schema's order; its UUID from the notice's identity; its measured size being the
 * bytes written.
 */
class MemoWriterTest {

    private static final String CPR = "010190-1234";

    private final MemoComposer composer = new MemoComposer(
            new MessageComposer("noreply@nyidanmark.dk", "udlaendinge-batch.nyidanmark.dk"), "1.2", "77940413",
            "Udlændingestyrelsen");

    @TempDir
    Path dir;

    @Test
    void aNoticeWithTwoCaseDocumentsIsOneMessageInSchemaOrder() throws Exception {
        byte[] letter = bytes(3000, 1);
        byte[] form = bytes(1000, 2);
        byte[] doc1 = bytes(70_000, 3); // over one base64 block of the writer
        byte[] doc2 = bytes(5, 4);
        Files.write(dir.resolve("skoedet.pdf"), doc1);
        Files.write(dir.resolve("kvittering.pdf"), doc2);
        MemoMessage m = notice(42, letter, form, dir.resolve("skoedet.pdf"), dir.resolve("kvittering.pdf"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MemoWriter.write(m, out);
        byte[] xml = out.toByteArray();
        assertThat(MemoWriter.measure(m)).isEqualTo(xml.length);

        List<String> elements = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
        String rootVersion = null;
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                assertThat(r.getNamespaceURI()).isEqualTo("https://DigitalPost.dk/MeMo-1");
                if (r.getLocalName().equals("Message")) {
                    rootVersion = r.getAttributeValue(null, "memoVersion");
                    assertThat(r.getAttributeValue(null, "memoSchVersion")).as("dropped in 1.2").isNull();
                }
                elements.add(r.getLocalName());
                if (r.getLocalName().matches("[a-z].*")) {
                    texts.add(r.getLocalName() + "=" + r.getElementText());
                }
            }
        }
        assertThat(rootVersion).isEqualTo("1.2");
        List<String> file = List.of("File", "encodingFormat", "filename", "language", "content");
        List<String> expected = new ArrayList<>(List.of("Message", "MessageHeader", "messageType", "messageUUID",
                "label", "mandatory", "legalNotification", "Sender", "senderID", "idType", "label", "Recipient",
                "recipientID", "idType", "MessageBody", "createdDateTime", "MainDocument", "mainDocumentID", "label"));
        expected.addAll(file);
        for (int i = 0; i < 3; i++) {
            expected.addAll(List.of("AdditionalDocument", "additionalDocumentID", "label"));
            expected.addAll(file);
        }
        assertThat(elements).containsExactlyElementsOf(expected);

        assertThat(texts).startsWith("messageType=DIGITALPOST", "messageUUID=" + composer.uuid("notice-42"),
                "label=Forlængelse af økonomisk sikkerhed", "mandatory=false", "legalNotification=false",
                "senderID=77940413", "idType=CVR", "label=Udlændingestyrelsen", "recipientID=0101901234", "idType=CPR",
                "createdDateTime=2026-12-07T06:30:00Z");
        List<String> contents = texts.stream().filter(t -> t.startsWith("content=")).map(t -> t.substring(8)).toList();
        assertThat(contents).hasSize(4);
        assertThat(Base64.getDecoder().decode(contents.get(0))).isEqualTo(letter);
        assertThat(Base64.getDecoder().decode(contents.get(1))).isEqualTo(form);
        assertThat(Base64.getDecoder().decode(contents.get(2))).isEqualTo(doc1);
        assertThat(Base64.getDecoder().decode(contents.get(3))).isEqualTo(doc2);
        assertThat(texts).contains("encodingFormat=application/pdf", "filename=brev.pdf", "language=da",
                "filename=skoedet.pdf", "filename=kvittering.pdf");
        // the CPR number only where the schema puts it, as ten digits
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(CPR);
        assertThat(text.split("0101901234", -1)).hasSize(2);
        assertThat(m.toString()).doesNotContain("0101901234");
    }

    @Test
    void theSameNoticeGetsTheSameUuidEveryTimeAndAnotherNoticeAnother() {
        MemoMessage first = notice(42, bytes(10, 1), bytes(10, 2));
        MemoMessage again = notice(42, bytes(10, 1), bytes(10, 2));
        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(new MemoComposer(new MessageComposer("noreply@nyidanmark.dk", "udlaendinge-batch.nyidanmark.dk"),
                "1.1", "77940413", "Udlændingestyrelsen")
            .uuid("notice-42")).isEqualTo(first.uuid());
        assertThat(notice(43, bytes(10, 1), bytes(10, 2)).uuid()).isNotEqualTo(first.uuid());
        assertThat(first.uuid().version()).isEqualTo(3); // name-based
        assertThat(first.fileName()).isEqualTo(first.uuid() + ".xml");
    }

    @Test
    void version11BySetting() throws Exception {
        MemoComposer v11 = new MemoComposer(new MessageComposer("a@b.dk", "d"), "1.1", "77940413",
                "Udlændingestyrelsen");
        MemoMessage m = v11.toCitizen("notice-1", "x", CPR, Instant.parse("2026-12-07T06:30:00Z"),
                new MemoMessage.Document("brev", "x", Attachment.of("brev.pdf", "application/pdf", bytes(3, 1))),
                List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MemoWriter.write(m, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("memoVersion=\"1.1\"", "memoSchVersion=\"1.1.0\"");
    }

    private MemoMessage notice(long id, byte[] letter, byte[] form, Path... documents) {
        List<MemoMessage.Document> additional = new ArrayList<>();
        additional.add(new MemoMessage.Document("ansoegningsskema", "Ansøgning om forlængelse",
                Attachment.of("ansoegning.pdf", "application/pdf", form)));
        int i = 1;
        for (Path d : documents) {
            additional.add(new MemoMessage.Document("sagsdokument-" + i, "Sagens dokument " + i++,
                    Attachment.ofFile(d.getFileName().toString(), "application/pdf", d)));
        }
        return composer.toCitizen(MessageKeys.notice(id), "Forlængelse af økonomisk sikkerhed", CPR,
                Instant.parse("2026-12-07T06:30:00.123Z"), new MemoMessage.Document("brev",
                        "Forlængelse af økonomisk sikkerhed", Attachment.of("brev.pdf", "application/pdf", letter)),
                additional);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

}
