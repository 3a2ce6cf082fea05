package dk.udlaendinge.batch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link MemoMessage} as MeMo XML (namespace {@value #NAMESPACE}), elements in
 * the order the schema gives them (docs/DIGITAL-POST.md, "The message"), with StAX: each
 * file is read and base64-encoded in blocks as it is written, so a message of almost 100
 * MB never sits in memory. The same message always writes the same bytes, so what was
 * measured is what is sent.
 */
public final class MemoWriter {

    public static final String NAMESPACE = "https://DigitalPost.dk/MeMo-1";

    /** A multiple of 3, so every block but the last encodes without padding. */
    private static final int BLOCK = 3 * 16 * 1024;

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private MemoWriter() {
    }

    /**
     * Writes the whole message to {@code out} (left open).
     * @throws UncheckedIOException when a file cannot be read (a case document that
     * changed)
     */
    public static void write(MemoMessage m, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            x.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            x.setDefaultNamespace(NAMESPACE);
            x.writeStartElement(NAMESPACE, "Message");
            x.writeDefaultNamespace(NAMESPACE);
            x.writeAttribute("memoVersion", m.version());
            // MeMo 1.2 dropped memoSchVersion from the root (the agency's announcement of
            // v1.2,
            // digitaliser.dk, 2024; docs/DIGITAL-POST.md); 1.1 carries it
            if (m.version().equals("1.1")) {
                x.writeAttribute("memoSchVersion", "1.1.0");
            }

            x.writeStartElement(NAMESPACE, "MessageHeader");
            text(x, "messageType", "DIGITALPOST");
            text(x, "messageUUID", m.uuid().toString());
            text(x, "label", m.label());
            text(x, "mandatory", "false");
            text(x, "legalNotification", "false");
            x.writeStartElement(NAMESPACE, "Sender");
            text(x, "senderID", m.sender().id());
            text(x, "idType", m.sender().idType());
            text(x, "label", m.sender().label());
            x.writeEndElement();
            x.writeStartElement(NAMESPACE, "Recipient");
            text(x, "recipientID", m.recipient().id());
            text(x, "idType", m.recipient().idType());
            if (m.recipient().label() != null) {
                text(x, "label", m.recipient().label());
            }
            x.writeEndElement();
            x.writeEndElement(); // MessageHeader

            x.writeStartElement(NAMESPACE, "MessageBody");
            text(x, "createdDateTime", m.created().truncatedTo(ChronoUnit.SECONDS).toString());
            document(x, "MainDocument", "mainDocumentID", m.main());
            for (MemoMessage.Document d : m.additional()) {
                document(x, "AdditionalDocument", "additionalDocumentID", d);
            }
            x.writeEndElement(); // MessageBody

            x.writeEndElement(); // Message
            x.writeEndDocument();
            x.flush();
            x.close();
        }
        catch (XMLStreamException e) {
            if (e.getNestedException() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write MeMo message " + m.key() + ": " + e.getClass().getSimpleName());
        }
    }

    /** The size in bytes of the message as it is sent. */
    public static long measure(MemoMessage m) {
        long[] count = new long[1];
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try {
            write(m, counter);
        }
        catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read a file while measuring MeMo message " + m.key() + ": " + e.getMessage(), e);
        }
        return count[0];
    }

    private static void document(XMLStreamWriter x, String element, String idElement, MemoMessage.Document d)
            throws XMLStreamException, IOException {
        x.writeStartElement(NAMESPACE, element);
        text(x, idElement, d.id());
        text(x, "label", d.label());
        x.writeStartElement(NAMESPACE, "File");
        text(x, "encodingFormat", d.file().contentType());
        text(x, "filename", d.file().fileName());
        text(x, "language", "da");
        x.writeStartElement(NAMESPACE, "content");
        try (InputStream in = open(d.file())) {
            Base64.Encoder encoder = Base64.getEncoder();
            byte[] block = new byte[BLOCK];
            int n;
            while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
                byte[] encoded = encoder.encode(n == BLOCK ? block : java.util.Arrays.copyOf(block, n));
                x.writeCharacters(new String(encoded, StandardCharsets.US_ASCII));
            }
        }
        x.writeEndElement(); // content
        x.writeEndElement(); // File
        x.writeEndElement();
    }

    private static InputStream open(Attachment a) throws IOException {
        if (a.source() != null) {
            return a.source().getInputStream();
        }
        if (a.file() != null) {
            return Files.newInputStream(a.file());
        }
        return new java.io.ByteArrayInputStream(a.content());
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

}
